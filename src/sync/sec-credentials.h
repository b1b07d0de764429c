/* sec-credentials.h: the sync password, kept in the Secret Service */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *sec_credentials_lookup (const char  *url,
                                  const char  *user,
                                  GError     **error);
gboolean  sec_credentials_store  (const char  *url,
                                  const char  *user,
                                  const char  *password,
                                  GError     **error);

void      sec_credentials_lookup_async  (const char          *url,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *sec_credentials_lookup_finish (GAsyncResult        *result,
                                         GError             **error);
void      sec_credentials_store_async   (const char          *url,
                                         const char          *user,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  sec_credentials_store_finish  (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
