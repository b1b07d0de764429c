/* fuzz-open.c: opening and migrating a damaged database file
 *
 * The input is the file. Opening it either fails with an error or gives a
 * store that answers: counts, a search, the queued changes.
 */

#include <glib/gstdio.h>
#include <stdint.h>

#include "sec-query-model.h"
#include "sec-store-sync.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static char *dir;
  g_autofree char *path = NULL;
  g_autoptr(SecStore) store = NULL;
  g_autoptr(SecQueryModel) model = NULL;

  if (dir == NULL)
    dir = g_dir_make_tmp ("fuzz-open-XXXXXX", NULL);
  path = g_build_filename (dir, "network.db", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  if ((store = sec_store_open (path, NULL)) != NULL)
    {
      for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
        sec_store_count (store, *e);
      sec_store_sync_count_dirty (store);
      model = sec_query_model_new (store, &sec_entity_member);
      sec_query_model_set_search (model, "koperasi");
      g_list_model_get_n_items (G_LIST_MODEL (model));
    }
  g_clear_object (&model);
  g_clear_object (&store);
  /* The file, its log, and any copy a migration made. */
  {
    g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
    const char *name;

    while (files != NULL && (name = g_dir_read_name (files)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  return 0;
}
