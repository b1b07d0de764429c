/* sec-store-private.h: for the store layer's own models */
#pragma once

#include <sqlite3.h>

#include "sec-store.h"

G_BEGIN_DECLS

/* The sync columns a sync write sets. */
typedef struct {
  gboolean    deleted;
  gboolean    dirty;
  const char *rev;
  const char *base;
} SecSyncColumns;

gboolean      sec_store_write_record  (SecStore             *self,
                                       SecRecord            *record,
                                       const char           *updated_at,
                                       const SecSyncColumns *sync,
                                       GError              **error);

sqlite3      *sec_store_get_db        (SecStore    *self);
gboolean      sec_store_in_transaction (SecStore   *self);
gboolean      sec_store_count_writes  (SecStore    *self,
                                       GError     **error);
sqlite3      *sec_store_open_reader   (SecStore    *self);
gboolean      sec_store_copy_database (sqlite3     *source,
                                       const char  *dest_path,
                                       GError     **error);
sqlite3_stmt *sec_store_prepare       (SecStore    *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      sec_store_set_sql_error (SecStore    *self,
                                       GError     **error);
gboolean      sec_store_exec          (SecStore    *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      sec_store_step_done     (SecStore      *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
void          sec_store_bind_text     (sqlite3_stmt *stmt,
                                       int           column,
                                       const char   *text);
void          sec_store_bind_value    (sqlite3_stmt   *stmt,
                                       int             column,
                                       const SecField *field,
                                       const char     *value);
char         *sec_store_now           (void);
char         *sec_store_select_sql    (const SecEntity *entity,
                                       gboolean         with_deleted);
SecRecord    *sec_store_record_from_row (const SecEntity *entity,
                                         sqlite3_stmt    *stmt);
gboolean      sec_store_update_search_of (SecStore   *self,
                                          SecRecord  *record,
                                          GError    **error);
gboolean      sec_store_set_children_deleted (SecStore        *self,
                                              const SecEntity *entity,
                                              const char      *id,
                                              gboolean         deleted,
                                              const char      *deleted_at,
                                              GError         **error);
void          sec_store_queue_change  (SecStore        *self,
                                       const SecEntity *entity,
                                       const char      *id);

G_END_DECLS
