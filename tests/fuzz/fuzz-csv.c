/* fuzz-csv.c: the CSV importer, on any bytes
 *
 * The input is a file to import: its header is read and mapped as the
 * import dialog would, then its rows go into a database in memory,
 * accepting the valid ones.
 */

#include <glib/gstdio.h>
#include <stdint.h>

#include "sec-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SecStore *store;
  static char *path;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) mapping = NULL;
  g_autoptr(SecCsvReport) report = NULL;

  if (store == NULL)
    {
      int fd = g_file_open_tmp ("fuzz-csv-XXXXXX.csv", &path, NULL);

      g_assert_cmpint (fd, >=, 0);
      close (fd);
      store = sec_store_open (":memory:", NULL);
      g_assert_nonnull (store);
    }
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  if ((header = sec_csv_read_header (path, NULL)) == NULL)
    return 0;
  mapping = sec_csv_guess_mapping ((const char *const *) header);
  report = sec_csv_import (store, path, (const char *const *) mapping, SEC_CSV_DUPLICATE_UPDATE, TRUE, NULL, NULL, NULL);
  return 0;
}
