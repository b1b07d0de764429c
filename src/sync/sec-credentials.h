/* sec-credentials.h: the sync password, kept in the Secret Service */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sec_credentials_lookup (const char  *url,
                                  const char  *user,
                                  GError     **error);
gboolean  sec_credentials_store  (const char  *url,
                                  const char  *user,
                                  const char  *password,
                                  GError     **error);

G_END_DECLS
