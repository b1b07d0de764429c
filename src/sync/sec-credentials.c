/* sec-credentials.c: the sync password, kept in the Secret Service
 *
 * Never in the database, GSettings or a log: libsecret stores it in the
 * user's keyring, keyed by the database URL and the user name.
 */

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "sec-credentials.h"

static const SecretSchema *
sync_schema (void)
{
  static const SecretSchema schema = {
    "org.asec.Secretariat.Sync", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

/* The stored password, or %NULL (with @error set only if the keyring
 * could not be asked). */
char *
sec_credentials_lookup (const char  *url,
                        const char  *user,
                        GError     **error)
{
  char *secret = secret_password_lookup_sync (sync_schema (), NULL, error,
                                              "url", url, "user", user, NULL);
  char *password = g_strdup (secret);

  secret_password_free (secret);
  return password;
}

gboolean
sec_credentials_store (const char  *url,
                       const char  *user,
                       const char  *password,
                       GError     **error)
{
  g_autofree char *label = g_strdup_printf (_("Secretariat sync: %s at %s"), user, url);

  return secret_password_store_sync (sync_schema (), SECRET_COLLECTION_DEFAULT, label, password, NULL, error,
                                     "url", url, "user", user, NULL);
}

void
sec_credentials_lookup_async (const char          *url,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  secret_password_lookup (sync_schema (), cancellable, callback, user_data, "url", url, "user", user, NULL);
}

char *
sec_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  char *secret = secret_password_lookup_finish (result, error);
  char *password = g_strdup (secret);

  secret_password_free (secret);
  return password;
}

void
sec_credentials_store_async (const char          *url,
                             const char          *user,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Secretariat sync: %s at %s"), user, url);

  secret_password_store (sync_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         callback, user_data, "url", url, "user", user, NULL);
}

gboolean
sec_credentials_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  return secret_password_store_finish (result, error);
}
