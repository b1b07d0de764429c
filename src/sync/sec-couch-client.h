/* sec-couch-client.h: the HTTP API of one CouchDB-compatible database */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SEC_COUCH_ERROR (sec_couch_error_quark ())

typedef enum {
  SEC_COUCH_ERROR_BAD_URL,
  SEC_COUCH_ERROR_INSECURE,       /* http:// to a host off loopback */
  SEC_COUCH_ERROR_RESOLVE,        /* the name does not resolve */
  SEC_COUCH_ERROR_CONNECT,        /* nothing answers, or the connection broke */
  SEC_COUCH_ERROR_TLS,            /* the certificate is not trusted */
  SEC_COUCH_ERROR_UNAUTHORIZED,   /* 401 */
  SEC_COUCH_ERROR_FORBIDDEN,      /* 403 */
  SEC_COUCH_ERROR_NOT_FOUND,      /* 404 */
  SEC_COUCH_ERROR_NOT_COUCHDB,    /* the answer is not CouchDB's */
  SEC_COUCH_ERROR_SERVER,         /* another HTTP error, with the server's reason */
  SEC_COUCH_ERROR_BAD_DOCUMENT,   /* a document that cannot be a record */
} SecCouchError;

#define SEC_TYPE_COUCH_CLIENT (sec_couch_client_get_type ())
G_DECLARE_FINAL_TYPE (SecCouchClient, sec_couch_client, SEC, COUCH_CLIENT, GObject)

GQuark          sec_couch_error_quark          (void);
SecCouchClient *sec_couch_client_new           (const char          *database_url,
                                                const char          *user,
                                                const char          *password,
                                                GError             **error);
const char     *sec_couch_client_get_url       (SecCouchClient      *self);
void            sec_couch_client_set_timeout   (SecCouchClient      *self,
                                                guint                seconds);
void            sec_couch_client_request_async (SecCouchClient      *self,
                                                const char          *method,
                                                const char          *path,
                                                JsonNode            *body,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonNode       *sec_couch_client_request_finish (SecCouchClient     *self,
                                                 GAsyncResult       *result,
                                                 GError            **error);
void            sec_couch_client_check_async   (SecCouchClient      *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        sec_couch_client_check_finish  (SecCouchClient      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
JsonNode       *sec_couch_parse_json           (const char          *data,
                                                gsize                size,
                                                GError             **error);
gboolean        sec_couch_is_loopback          (const char          *host);

G_END_DECLS
