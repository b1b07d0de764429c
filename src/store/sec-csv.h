/* sec-csv.h: import and export of members and their contacts as CSV
 *
 * One row per contact person; a member without contacts has one row with
 * the contact cells empty. Columns are the member's fields by name, then
 * each child entity's fields prefixed with its name ("contact_name").
 * Export writes what import reads.
 */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_CSV_ERROR (sec_csv_error_quark ())

typedef enum {
  SEC_CSV_ERROR_EMPTY,        /* no header row */
  SEC_CSV_ERROR_MALFORMED,    /* the file is not CSV we can read */
  SEC_CSV_ERROR_REJECTED,     /* some rows are bad: nothing was written */
  SEC_CSV_ERROR_NO_NAME,      /* no column maps to the member's name */
} SecCsvError;

typedef enum {
  SEC_CSV_DUPLICATE_SKIP,
  SEC_CSV_DUPLICATE_UPDATE,
  SEC_CSV_DUPLICATE_CREATE,
} SecCsvDuplicates;

typedef struct {
  guint  row;       /* record number in the file, the header being row 1 */
  char  *reason;
} SecCsvRejection;

typedef struct {
  guint      imported;
  guint      updated;
  guint      skipped;
  GPtrArray *rejected;   /* SecCsvRejection */
  gboolean   committed;
} SecCsvReport;

/* Called now and then with the share of the file read, from the thread
 * that imports. */
typedef void (*SecCsvProgress) (double fraction, gpointer user_data);

GQuark        sec_csv_error_quark      (void);
void          sec_csv_report_free      (SecCsvReport   *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecCsvReport, sec_csv_report_free)

char        **sec_csv_read_header      (const char     *path,
                                        GError        **error);
char        **sec_csv_guess_mapping    (const char *const *header);
const char  *const *sec_csv_targets    (void);

SecCsvReport *sec_csv_import           (SecStore          *store,
                                        const char        *path,
                                        const char *const *mapping,
                                        SecCsvDuplicates   duplicates,
                                        gboolean           accept_partial,
                                        SecCsvProgress     progress,
                                        gpointer           user_data,
                                        GError           **error);
gboolean      sec_csv_export           (SecStore          *store,
                                        const char        *path,
                                        GError           **error);

G_END_DECLS
