/* sec-couch-client.c: the HTTP API of one CouchDB-compatible database
 *
 * JSON over libsoup 3, asynchronous on the main loop. Every failure becomes
 * one SecCouchError that says what went wrong in words a secretariat can
 * act on. Plain HTTP is refused for any host off loopback, and TLS
 * certificates are checked by the system's rules, never bypassed. The
 * password goes into the Authorization header and nowhere else: no redirect
 * is followed, as it would carry the header to another host.
 *
 * An answer is read in chunks and given up past 128 MB or five minutes;
 * before json-glib parses it, it must say it is JSON, be valid UTF-8 and
 * nest no deeper than 64 levels (json-glib parses by recursion), so that a
 * hostile server can neither exhaust the memory nor crash the app.
 */

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sec-couch-client.h"
#include "sec-json.h"

/* No answer of the API comes near these: batches are 500 documents, and
 * Secretariat's documents are flat. */
#define MAX_RESPONSE_BYTES (128 * 1024 * 1024)
#define MAX_RESPONSE_SECONDS 300
#define MAX_JSON_DEPTH 64
#define READ_CHUNK (64 * 1024)

struct _SecCouchClient
{
  GObject      parent_instance;
  SoupSession *session;
  char        *root_url;       /* scheme://host:port */
  char        *database_url;   /* root_url/path/to/db, no trailing slash */
  char        *authorization;  /* "Basic …", or NULL */
};

G_DEFINE_FINAL_TYPE (SecCouchClient, sec_couch_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (sec-couch-error-quark, sec_couch_error)

/* Helpers */

static char *
basic_authorization (const char *user,
                     const char *password)
{
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;

  if (user == NULL || *user == '\0')
    return NULL;
  pair = g_strconcat (user, ":", password ? password : "", NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  memset (pair, 0, strlen (pair));
  return g_strconcat ("Basic ", encoded, NULL);
}

static gboolean
parse_database_url (SecCouchClient  *self,
                    const char      *url,
                    GError         **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *path = NULL;
  const char *scheme, *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0' ||
      ((scheme = g_uri_get_scheme (uri)), g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    return g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_BAD_URL,
                        _("“%s” is not a web address such as https://couch.example.org/network"), url), FALSE;
  if (g_strcmp0 (scheme, "http") == 0 && !sec_couch_is_loopback (host))
    return g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_INSECURE,
                        _("The server %s must be reached over HTTPS: plain HTTP would show the password to the network"), host), FALSE;
  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  if (*path == '\0')
    return g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_BAD_URL,
                        _("The address must end with the database’s name, as in https://couch.example.org/network")), FALSE;
  self->root_url = g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), "", NULL, NULL);
  self->database_url = g_strconcat (self->root_url, path, NULL);
  return TRUE;
}

static char *
server_reason (JsonNode *body)
{
  JsonObject *object = sec_json_object (body);
  const char *reason = sec_json_string (object, "reason", NULL);
  const char *error = sec_json_string (object, "error", NULL);

  return g_strdup (reason ? reason : error ? error : _("no reason given"));
}

/* Turns an HTTP status into an error, or returns FALSE for success. */
static gboolean
status_error (SoupMessage  *message,
              JsonNode     *body,
              GError      **error)
{
  guint status = soup_message_get_status (message);
  g_autofree char *reason = NULL;

  if (status >= 200 && status < 300)
    return FALSE;
  reason = server_reason (body);
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_UNAUTHORIZED,
                   _("The server refused the user name or password (401)"));
      break;
    case SOUP_STATUS_FORBIDDEN:
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_FORBIDDEN,
                   _("The server does not allow this user to do that (403: %s)"), reason);
      break;
    case SOUP_STATUS_NOT_FOUND:
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND,
                   _("Not found on the server (404: %s)"), reason);
      break;
    default:
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_SERVER,
                   _("The server answered %u: %s"), status, reason);
    }
  return TRUE;
}

/* Says what a failed exchange means, from libsoup's or GIO's error. */
static void
transport_error (SecCouchClient *self,
                 GError         *cause,
                 GError        **error)
{
  g_autoptr(GUri) uri = g_uri_parse (self->root_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : self->root_url;

  if (cause->domain == G_RESOLVER_ERROR)
    g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_RESOLVE,
                 _("Cannot find the server %s: check the address and the connection"), host);
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_TLS,
                 _("The certificate of %s is not trusted: %s"), host, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT,
                 _("%s did not answer in time"), host);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT,
                 _("%s refused the connection: check that the server runs and that the address and port are right"), host);
  else
    g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT,
                 _("Cannot reach %s: %s"), host, cause->message);
}

/* How deep @data nests arrays and objects, outside strings; counts no
 * further than @limit + 1. */
static guint
json_depth (const char *data,
            gsize       size,
            guint       limit)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size && deepest <= limit; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }
  return deepest;
}

/* Whether a successful answer says it is JSON. */
static gboolean
says_json (SoupMessage *message)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  guint status = soup_message_get_status (message);

  return status < 200 || status >= 300 || g_strcmp0 (type, "application/json") == 0;
}

static JsonNode *
parse_body (SecCouchClient  *self,
            SoupMessage     *message,
            GBytes          *body,
            GError         **error)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);
  g_autoptr(GError) why = NULL;
  JsonNode *node;

  if (!says_json (message))
    {
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                   _("The server at %s answered with a web page, not CouchDB’s JSON: is a login page or a proxy in the way?"),
                   self->root_url);
      return NULL;
    }
  if ((node = sec_couch_parse_json (data, size, &why)) != NULL)
    return node;
  if (soup_message_get_status (message) == SOUP_STATUS_UNAUTHORIZED)
    return json_node_new (JSON_NODE_NULL);
  g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
               _("The server at %s does not answer like CouchDB (HTTP %u): %s"),
               self->root_url, soup_message_get_status (message), why->message);
  return NULL;
}

/* One request and its answer, read in chunks. They are joined only once
 * the answer is whole: a growing buffer would copy itself again and again
 * while a hostile server sends an endless one. */
typedef struct {
  SoupMessage  *message;
  GInputStream *stream;
  GPtrArray    *chunks;      /* GBytes */
  gsize         size;
  gint64        deadline;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->message);
  g_clear_object (&exchange->stream);
  g_ptr_array_unref (exchange->chunks);
  g_free (exchange);
}

static GBytes *
join_chunks (Exchange *exchange)
{
  char *data = g_malloc (exchange->size + 1);
  gsize at = 0;

  for (guint i = 0; i < exchange->chunks->len; i++)
    {
      gsize length;
      const void *chunk = g_bytes_get_data (g_ptr_array_index (exchange->chunks, i), &length);

      memcpy (data + at, chunk, length);
      at += length;
    }
  return g_bytes_new_take (data, exchange->size);
}

static void
answer (GTask *task)
{
  SecCouchClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GBytes) bytes = join_chunks (exchange);

  if ((body = parse_body (self, exchange->message, bytes, &error)) == NULL ||
      status_error (exchange->message, body, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) json_node_unref);
}

static void read_more (GTask *task);

/* Ends @task with what the failed exchange means. */
static void
return_transport_error (GTask  *task,
                        GError *cause)
{
  GError *error = NULL;

  transport_error (g_task_get_source_object (task), cause, &error);
  g_task_return_error (task, error);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecCouchClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) cause = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &cause);

  if (chunk == NULL)
    return_transport_error (task, cause);
  else if (g_bytes_get_size (chunk) == 0)
    answer (task);
  else if (exchange->size + g_bytes_get_size (chunk) > MAX_RESPONSE_BYTES)
    g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                             _("The server at %s sent an answer larger than %u MB, far larger than CouchDB sends"),
                             self->root_url, MAX_RESPONSE_BYTES / (1024 * 1024));
  else if (g_get_monotonic_time () > exchange->deadline)
    g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT,
                             _("The server at %s took more than %u minutes to answer"),
                             self->root_url, MAX_RESPONSE_SECONDS / 60);
  else
    {
      exchange->size += g_bytes_get_size (chunk);
      g_ptr_array_add (exchange->chunks, g_steal_pointer (&chunk));
      read_more (g_steal_pointer (&task));
    }
}

static void
read_more (GTask *task)
{
  Exchange *exchange = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (exchange->stream, READ_CHUNK, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_read, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecCouchClient *self = g_task_get_source_object (task);
  Exchange *exchange = g_task_get_task_data (task);
  g_autoptr(GError) cause = NULL;
  guint status;

  exchange->stream = soup_session_send_finish (SOUP_SESSION (source), result, &cause);
  if (exchange->stream == NULL)
    {
      return_transport_error (task, cause);
      return;
    }
  status = soup_message_get_status (exchange->message);
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *to = soup_message_headers_get_one (soup_message_get_response_headers (exchange->message), "Location");

      g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                               _("The server at %s sends Secretariat on to %s; no address is followed, so that the "
                                 "password goes nowhere else: if that address is right, enter it in Preferences"),
                               self->root_url, to ? to : _("another address"));
      return;
    }
  read_more (g_steal_pointer (&task));
}

static void
on_welcome (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data);
static void
on_database (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data);

/* GObject */

static void
sec_couch_client_finalize (GObject *object)
{
  SecCouchClient *self = SEC_COUCH_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->root_url);
  g_free (self->database_url);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);

  G_OBJECT_CLASS (sec_couch_client_parent_class)->finalize (object);
}

static void
sec_couch_client_class_init (SecCouchClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sec_couch_client_finalize;
}

static void
sec_couch_client_init (SecCouchClient *self)
{
  self->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                                 "user-agent", "Secretariat/" PACKAGE_VERSION, NULL);
}

/* Public API */

/* JSON as CouchDB sends it: valid UTF-8, nested no deeper than 64 levels
 * (json-glib parses by recursion, so deeper JSON could exhaust the stack). */
JsonNode *
sec_couch_parse_json (const char  *data,
                      gsize        size,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!g_utf8_validate_len (data, size, NULL) || json_depth (data, size, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    {
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                   _("the answer is not valid UTF-8, or nests deeper than %u levels"), MAX_JSON_DEPTH);
      return NULL;
    }
  if (size == 0 || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB, _("the answer is not JSON"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

/* localhost, 127.0.0.0/8 and ::1: the only hosts plain HTTP may reach. */
gboolean
sec_couch_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

SecCouchClient *
sec_couch_client_new (const char  *database_url,
                      const char  *user,
                      const char  *password,
                      GError     **error)
{
  g_autoptr(SecCouchClient) self = g_object_new (SEC_TYPE_COUCH_CLIENT, NULL);

  g_return_val_if_fail (database_url != NULL, NULL);

  if (!parse_database_url (self, database_url, error))
    return NULL;
  self->authorization = basic_authorization (user, password);
  return g_steal_pointer (&self);
}

const char *
sec_couch_client_get_url (SecCouchClient *self)
{
  g_return_val_if_fail (SEC_IS_COUCH_CLIENT (self), NULL);
  return self->database_url;
}

/* How long an exchange may take before it counts as failed. */
void
sec_couch_client_set_timeout (SecCouchClient *self,
                              guint           seconds)
{
  g_return_if_fail (SEC_IS_COUCH_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

/* Sends @method to @path, relative to the database ("_changes?…", a
 * document id, or "" for the database itself) or, when it starts with "/",
 * to the server. @body, if any, is sent as JSON. */
void
sec_couch_client_request_async (SecCouchClient      *self,
                                const char          *method,
                                const char          *path,
                                JsonNode            *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *url = NULL;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SoupMessage *message;
  SoupMessageHeaders *headers;
  Exchange *exchange;

  g_return_if_fail (SEC_IS_COUCH_CLIENT (self));

  url = path[0] == '/' ? g_strconcat (self->root_url, path, NULL)
                       : g_strconcat (self->database_url, *path ? "/" : "", path, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_BAD_URL, _("Cannot build a request for %s"), path);
      return;
    }
  exchange = g_new0 (Exchange, 1);
  exchange->message = message;
  exchange->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  exchange->deadline = g_get_monotonic_time () + MAX_RESPONSE_SECONDS * G_USEC_PER_SEC;
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", self->authorization);
  if (body != NULL)
    {
      char *json = json_to_string (body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (json, strlen (json));
      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, cancellable, on_sent, g_steal_pointer (&task));
}

/* The answer's JSON. */
JsonNode *
sec_couch_client_request_finish (SecCouchClient  *self,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_database (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) info = sec_couch_client_request_finish (SEC_COUCH_CLIENT (source), result, &error);

  if (info == NULL && g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      g_set_error (&error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND, _("The database %s does not exist on the server"),
                   SEC_COUCH_CLIENT (source)->database_url);
    }
  if (info == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_welcome (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecCouchClient *self = SEC_COUCH_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) welcome = sec_couch_client_request_finish (self, result, &error);
  GCancellable *cancellable;

  /* The root answers without credentials on most servers; a 401 there
   * still says enough to go on to the database. */
  if (welcome == NULL && !g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_UNAUTHORIZED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (welcome != NULL && (!JSON_NODE_HOLDS_OBJECT (welcome) ||
                          !json_object_has_member (json_node_get_object (welcome), "couchdb")))
    {
      g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                               _("The server at %s is not a CouchDB server"), self->root_url);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  sec_couch_client_request_async (self, "GET", "", NULL, cancellable, on_database, g_steal_pointer (&task));
}

/* Tests the connection: the server is CouchDB, the credentials are good and
 * the database exists; the error says which step failed. */
void
sec_couch_client_check_async (SecCouchClient      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (SEC_IS_COUCH_CLIENT (self));
  sec_couch_client_request_async (self, "GET", "/", NULL, cancellable, on_welcome, task);
}

gboolean
sec_couch_client_check_finish (SecCouchClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
