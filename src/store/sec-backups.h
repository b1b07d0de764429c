/* sec-backups.h: a database's daily copies, and putting one back */
#pragma once

#include <gio/gio.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_BACKUPS_KEPT_DEFAULT 7

char      *sec_backups_folder             (SecStore             *store);
GPtrArray *sec_backups_list               (SecStore             *store);
char      *sec_backups_describe           (const char           *path);
void       sec_backups_make_daily_async   (SecStore             *store,
                                           guint                 keep,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char      *sec_backups_make_daily_finish  (SecStore             *store,
                                           GAsyncResult         *result,
                                           GError              **error);
gboolean   sec_backups_restore            (SecStore             *store,
                                           const char           *path,
                                           char                **kept_path,
                                           GError              **error);

G_END_DECLS
