/* sec-store.h: the SQLite store every layer reads and writes through */
#pragma once

#include <gio/gio.h>

#include "sec-record.h"

G_BEGIN_DECLS

#define SEC_STORE_ERROR (sec_store_error_quark ())

typedef enum {
  SEC_STORE_ERROR_OPEN,
  SEC_STORE_ERROR_MIGRATE,
  SEC_STORE_ERROR_SQL,
  SEC_STORE_ERROR_NOT_FOUND,
  SEC_STORE_ERROR_INVALID,
  SEC_STORE_ERROR_BUSY,
} SecStoreError;

#define SEC_TYPE_STORE (sec_store_get_type ())
G_DECLARE_FINAL_TYPE (SecStore, sec_store, SEC, STORE, GObject)

GQuark      sec_store_error_quark      (void);
SecStore   *sec_store_open             (const char      *path,
                                        GError         **error);
const char *sec_store_get_path         (SecStore        *self);
guint       sec_store_get_schema_version (SecStore      *self);
guint       sec_store_latest_schema_version (void);
const char *sec_store_get_backup_path  (SecStore        *self);
const char *sec_store_get_today        (SecStore        *self);
void        sec_store_set_today        (SecStore        *self,
                                        const char      *today);
typedef void (*SecStoreBusyFunc) (SecStore *store,
                                  gpointer  user_data);
void        sec_store_set_busy_func    (SecStore        *self,
                                        SecStoreBusyFunc func,
                                        gpointer         user_data);
guint       sec_store_get_grace_days   (SecStore        *self);
void        sec_store_set_grace_days   (SecStore        *self,
                                        guint            days);
const char *sec_store_member_status    (SecStore        *self,
                                        SecRecord       *member);
char       *sec_store_computed         (SecStore        *self,
                                        SecRecord       *record,
                                        const char      *name);

SecRecord  *sec_store_load             (SecStore        *self,
                                        const SecEntity *entity,
                                        const char      *id,
                                        GError         **error);
SecRecord  *sec_store_load_rowid       (SecStore        *self,
                                        const SecEntity *entity,
                                        gint64           rowid);
GPtrArray  *sec_store_load_children    (SecStore        *self,
                                        const SecEntity *child,
                                        const char      *parent_id);
char       *sec_store_find_id          (SecStore        *self,
                                        const SecEntity *entity,
                                        const char      *field,
                                        const char      *value,
                                        const char      *field2,
                                        const char      *value2);
gboolean    sec_store_check            (SecStore        *self,
                                        SecRecord       *record,
                                        int             *bad_field,
                                        GError         **error);
gboolean    sec_store_save             (SecStore        *self,
                                        SecRecord       *record,
                                        GError         **error);
gboolean    sec_store_delete           (SecStore        *self,
                                        const SecEntity *entity,
                                        const char      *id,
                                        GError         **error);
gboolean    sec_store_restore          (SecStore        *self,
                                        const SecEntity *entity,
                                        const char      *id,
                                        GError         **error);
gint64      sec_store_count            (SecStore        *self,
                                        const SecEntity *entity);
GStrv       sec_store_distinct         (SecStore        *self,
                                        const SecEntity *entity,
                                        const char      *field);

gboolean    sec_store_backup           (SecStore        *self,
                                        const char      *dest_path,
                                        GError         **error);
gboolean    sec_store_restore_backup   (SecStore        *self,
                                        const char      *path,
                                        GError         **error);

gboolean    sec_store_begin            (SecStore        *self,
                                        GError         **error);
gboolean    sec_store_commit           (SecStore        *self,
                                        GError         **error);
void        sec_store_rollback         (SecStore        *self);
void        sec_store_watch_writers    (SecStore        *self);
void        sec_store_emit_changed     (SecStore        *self,
                                        const SecEntity *entity,
                                        const char      *id);

G_END_DECLS
