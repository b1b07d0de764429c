/* sec-csv.h: import and export of records and their children as CSV
 *
 * A file holds records of one entity, its subject: members, or the
 * participants of one event. Columns are "id", the subject's fields by
 * name (a child subject's parent field left out: the caller names the
 * parent), then each child entity's fields prefixed with its name
 * ("contact_name"). One row per child; a record without children has one
 * row with the child cells empty. Export writes what import reads.
 *
 * The functions without "_for" are the member case.
 */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_CSV_ERROR (sec_csv_error_quark ())

typedef enum {
  SEC_CSV_ERROR_EMPTY,        /* no header row */
  SEC_CSV_ERROR_MALFORMED,    /* the file is not CSV we can read */
  SEC_CSV_ERROR_REJECTED,     /* some rows are bad: nothing was written */
  SEC_CSV_ERROR_NO_NAME,      /* no column maps to the record's name */
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
  guint      imported;   /* records of the subject, not their children */
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

char        **sec_csv_guess_mapping_for (const SecEntity   *entity,
                                         const char *const *header);
const char  *const *sec_csv_targets_for (const SecEntity   *entity);

SecCsvReport *sec_csv_import_for       (SecStore          *store,
                                        const SecEntity   *entity,
                                        const char        *parent_id,
                                        const char        *path,
                                        const char *const *mapping,
                                        SecCsvDuplicates   duplicates,
                                        gboolean           accept_partial,
                                        SecCsvProgress     progress,
                                        gpointer           user_data,
                                        GError           **error);
gboolean      sec_csv_export_for       (SecStore          *store,
                                        const SecEntity   *entity,
                                        const char        *parent_id,
                                        const char        *path,
                                        GError           **error);

G_END_DECLS
