/* test-sync-faults.c: sync through a server that misbehaves
 *
 * A SoupServer in this process stands between the engine and PouchDB
 * Server, forwarding every request, except the one it is told to spoil: an
 * error status, a body that is not JSON, a cut connection, a slow answer;
 * and, as a hostile server would, JSON nested a hundred thousand deep,
 * invalid UTF-8, a web page, a redirect to another host, an answer that
 * never ends. Whatever happens, the store keeps every queued change and
 * applies no half batch. (How long the main loop pauses meanwhile is
 * bench-hostile's figure.)
 */

#include "sec-couch-client.h"
#include "sec-json.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"
#include "sec-test-couch.h"
#include "sec-test-util.h"

typedef enum {
  FAULT_NONE,
  FAULT_STATUS_500,
  FAULT_NOT_JSON,
  FAULT_CUT,
  FAULT_SLOW,
  FAULT_FORBID_FIRST,   /* forward a _bulk_docs, then say its first row was forbidden */
  FAULT_DEEP,
  FAULT_BAD_UTF8,
  FAULT_WEB_PAGE,
  FAULT_REDIRECT,
  FAULT_ENDLESS,
} Fault;

static SoupServer *proxy;
static SoupSession *upstream;
static char *proxy_url;
static Fault fault;
static const char *fault_path;   /* spoil the first request whose path contains this */
static guint n_databases;
static guint stolen;             /* requests that reached the redirect's target with the password */

/* The proxy */

/* The first row of a _bulk_docs answer, as if the server had refused it. */
static GBytes *
forbid_first (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  JsonObject *first;
  char *json;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  first = json_array_get_object_element (rows, 0);
  json_object_remove_member (first, "ok");
  json_object_remove_member (first, "rev");
  json_object_set_string_member (first, "error", "forbidden");
  json_object_set_string_member (first, "reason", "only the secretariat may change members");
  json = json_to_string (json_parser_get_root (parser), FALSE);
  return g_bytes_new_take (json, strlen (json));
}

static void
on_upstream (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SoupServerMessage *message = user_data;
  SoupMessage *forwarded = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (forwarded), NULL);

  if (g_object_get_data (G_OBJECT (message), "forbid-first") != NULL && body != NULL)
    {
      GBytes *changed = forbid_first (body);
      g_bytes_unref (body);
      body = changed;
    }
  soup_server_message_set_status (message, soup_message_get_status (forwarded), NULL);
  if (body != NULL)
    soup_server_message_set_response (message, type ? type : "application/json", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  soup_server_message_unpause (message);
  g_object_unref (message);
}

/* Sends @message on to PouchDB Server and answers with what it says; the
 * message is paused meanwhile. */
static void
forward_paused (SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *url = g_strdup_printf ("%s%s%s%s", server_url, g_uri_get_path (uri),
                                          g_uri_get_query (uri) ? "?" : "", g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  SoupMessage *out = soup_message_new (soup_server_message_get_method (message), url);
  SoupMessageBody *in_body = soup_server_message_get_request_body (message);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Authorization");

  if (auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (out), "Authorization", auth);
  if (in_body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (in_body);
      soup_message_set_request_body_from_bytes (out, "application/json", bytes);
    }
  soup_session_send_and_read_async (upstream, out, G_PRIORITY_DEFAULT, NULL, on_upstream, g_object_ref (message));
  g_object_unref (out);
}

static void
forward (SoupServerMessage *message)
{
  soup_server_message_pause (message);
  forward_paused (message);
}

static gboolean
answer_late (gpointer user_data)
{
  forward_paused (user_data);
  g_object_unref (user_data);
  return G_SOURCE_REMOVE;
}

/* An answer that never ends: JSON's first bytes, then blank space, until
 * the client hangs up. */
static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  static char spaces[64 * 1024];
  GIOStream *stream = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      g_object_unref (stream);
      return;
    }
  memset (spaces, ' ', sizeof spaces);
  g_output_stream_write_all_async (G_OUTPUT_STREAM (source), spaces, sizeof spaces, G_PRIORITY_DEFAULT, NULL,
                                   on_written, stream);
}

static void
answer_endlessly (SoupServerMessage *message)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"results\": [";
  GIOStream *stream = soup_server_message_steal_connection (message);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), head, strlen (head), G_PRIORITY_DEFAULT,
                                   NULL, on_written, stream);
}

static void
answer_json (SoupServerMessage *message,
             const char        *type,
             GString           *body)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body->str, body->len);
  g_string_free (body, TRUE);
}

static GString *
deep_json (void)
{
  GString *json = g_string_new ("{\"results\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append (json, ", \"last_seq\": \"9\"}");
  return json;
}

static GString *
bad_utf8_json (void)
{
  return g_string_new ("{\"results\": [{\"seq\": \"1\", \"id\": \"member:0b6c9d3e-1a2b-4c5d-8e9f-0000000000ff\", "
                       "\"changes\": [{\"rev\": \"1-a\"}], \"doc\": {\"_id\": \"member:0b6c9d3e-1a2b-4c5d-8e9f-0000000000ff\", "
                       "\"_rev\": \"1-a\", \"type\": \"member\", \"name\": \"Koperasi \xff\xfe\", \"kind\": \"cooperative\", "
                       "\"country\": \"MY\"}}], \"last_seq\": \"1\"}");
}

/* Where the redirect points: it counts requests that bring the password. */
static void
on_stolen (SoupServer        *server_,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (soup_message_headers_get_one (soup_server_message_get_request_headers (message), "Authorization") != NULL)
    stolen++;
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{\"results\": [], \"last_seq\": \"0\"}",
                                    strlen ("{\"results\": [], \"last_seq\": \"0\"}"));
}

static void
on_request (SoupServer        *server_,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fault spoil = FAULT_NONE;

  if (fault != FAULT_NONE && fault_path != NULL && strstr (path, fault_path) != NULL)
    {
      spoil = fault;
      fault = FAULT_NONE;
    }
  switch (spoil)
    {
    case FAULT_STATUS_500:
      soup_server_message_set_status (message, 500, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"unknown_error\",\"reason\":\"disk full\"}", 46);
      break;
    case FAULT_NOT_JSON:
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{\"results\": [", 13);
      break;
    case FAULT_CUT:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
        g_io_stream_close (stream, NULL, NULL);
      }
      break;
    case FAULT_SLOW:
      soup_server_message_pause (message);
      g_timeout_add (1500, answer_late, g_object_ref (message));
      break;
    case FAULT_FORBID_FIRST:
      g_object_set_data (G_OBJECT (message), "forbid-first", GINT_TO_POINTER (TRUE));
      forward (message);
      break;
    case FAULT_DEEP:
      answer_json (message, "application/json", deep_json ());
      break;
    case FAULT_BAD_UTF8:
      answer_json (message, "application/json", bad_utf8_json ());
      break;
    case FAULT_WEB_PAGE:
      answer_json (message, "text/html", g_string_new ("<html><body>Sign in to the hotel's Wi-Fi</body></html>"));
      break;
    case FAULT_REDIRECT:
      {
        GUri *uri = soup_server_message_get_uri (message);
        g_autofree char *elsewhere = g_strdup_printf ("http://localhost:%d/stolen?%s", g_uri_get_port (uri),
                                                      g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
        soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, elsewhere);
      }
      break;
    case FAULT_ENDLESS:
      answer_endlessly (message);
      break;
    case FAULT_NONE:
      forward (message);
      break;
    }
}

/* Helpers */


static guint timeout_seconds = 60;

static SecSyncReport *
sync_store (SecStore      *store,
            const char    *url,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, error);
  g_autoptr(SecSyncEngine) engine = NULL;

  sec_couch_client_set_timeout (client, timeout_seconds);
  engine = sec_sync_engine_new (store, client);
  Wait wait = { NULL };
  SecSyncReport *report;

  sec_sync_engine_run_async (engine, cancellable, on_done, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sec_sync_engine_run_finish (engine, wait.result, error);
  g_object_unref (wait.result);
  return report;
}

/* A database holding the sample network, pushed by another office; returns
 * its URL through the proxy. */
static char *
shared_database (guint *n_records)
{
  g_autofree char *direct = g_strdup_printf ("%s/faults-%u", server_url, ++n_databases);
  g_autoptr(SecStore) other = sec_test_store_new (NULL);
  g_autoptr(SecCouchClient) client = sec_couch_client_new (direct, USER, PASSWORD, NULL);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  sec_couch_client_request_async (client, "PUT", "", NULL, NULL, on_done, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  json_node_unref (sec_couch_client_request_finish (client, wait.result, &error));
  g_object_unref (wait.result);
  g_assert_no_error (error);
  sec_store_load_sample (other, NULL);
  report = sync_store (other, direct, NULL, &error);
  g_assert_no_error (error);
  *n_records = report->pushed;
  return g_strdup_printf ("%s/faults-%u", proxy_url, n_databases);
}

/* The database behind the proxy's @proxied_url, as the server itself serves it. */
static char *
direct_url (const char *proxied_url)
{
  return g_strconcat (server_url, strrchr (proxied_url, '/'), NULL);
}

/* The store holds what the server holds, read straight from the server. */
static void
assert_same_as_server (SecStore   *store,
                       const char *proxied_url)
{
  g_autofree char *direct = direct_url (proxied_url);

  sec_test_couch_assert_same (store, direct);
}

static void
spoil (Fault       what,
       const char *path)
{
  fault = what;
  fault_path = path;
}

/* Writes @json as a document straight into the database behind the proxy,
 * as a buggy or hostile client of the same server could. */
static void
put_raw (const char *proxied_url,
         const char *doc_id,
         const char *json)
{
  g_autofree char *direct = direct_url (proxied_url);
  g_autoptr(SecCouchClient) client = sec_couch_client_new (direct, USER, PASSWORD, NULL);
  g_autoptr(JsonNode) body = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  sec_couch_client_request_async (client, "PUT", doc_id, body, NULL, on_done, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  json_node_unref (sec_couch_client_request_finish (client, wait.result, &error));
  g_object_unref (wait.result);
  g_assert_no_error (error);
}

/* Tests */

static void
test_server_error_changes_nothing (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) local = sec_test_member ("Koperasi Wanita", "MY", NULL);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checkpoint = NULL;

  g_assert_true (sec_store_save (store, local, NULL));
  spoil (FAULT_STATUS_500, "_changes");
  report = sync_store (store, url, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "disk full"));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
  g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 1);
  checkpoint = sec_store_sync_checkpoint (store, url);
  g_assert_null (checkpoint);

  /* Next time all goes through. */
  g_clear_error (&error);
  report = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pulled, ==, n);
  g_assert_cmpuint (report->pushed, ==, 1);
  g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 0);
  assert_same_as_server (store, url);
}

static void
test_bad_json_keeps_changes_queued (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) local = sec_test_member ("Yayasan Bina Desa", "ID", "foundation");
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_store_save (store, local, NULL));
  spoil (FAULT_NOT_JSON, "_bulk_docs");
  report = sync_store (store, url, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB);
  /* The pull went through; the push did not, and waits. */
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), >, 1);
  g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 1);
  g_clear_error (&error);
  report = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pushed, ==, 1);
  assert_same_as_server (store, url);
}

static void
test_cut_connection (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  spoil (FAULT_CUT, "_changes");
  report = sync_store (store, url, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 0);
  g_clear_error (&error);
  report = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pulled, ==, n);
  assert_same_as_server (store, url);
}

static gboolean
cancel_later (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

/* A slow answer still arrives; a run cancelled while waiting leaves the
 * store as it was. */
static void
test_slow_answers (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecStore) other = sec_test_store_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  spoil (FAULT_SLOW, "_changes");
  report = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->pulled, ==, n);
  assert_same_as_server (store, url);

  spoil (FAULT_SLOW, "_changes");
  g_timeout_add (300, cancel_later, cancellable);
  g_clear_pointer (&report, sec_sync_report_free);
  report = sync_store (other, url, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (sec_store_count (other, &sec_entity_member), ==, 0);
}

/* A document that cannot be a record stops the batch it came in: the
 * store stays as it was and the error names the document. */
static void
assert_bad_document_refused (const char *doc_id,
                             const char *json)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checkpoint = NULL;

  put_raw (url, doc_id, json);
  report = sync_store (store, url, NULL, &error);
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (report);
  g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_BAD_DOCUMENT);
  g_assert_nonnull (strstr (error->message, doc_id));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 0);
  g_assert_cmpint (sec_store_count (store, &sec_entity_contact), ==, 0);
  checkpoint = sec_store_sync_checkpoint (store, url);
  g_assert_null (checkpoint);
}

static void
test_wrong_types (void)
{
  assert_bad_document_refused ("member:0b6c9d3e-1a2b-4c5d-8e9f-000000000001",
                               "{\"type\":\"member\",\"name\":{\"en\":\"Coop\"},\"kind\":\"cooperative\",\"country\":\"MY\"}");
  assert_bad_document_refused ("member:0b6c9d3e-1a2b-4c5d-8e9f-000000000002",
                               "{\"type\":\"member\",\"kind\":\"cooperative\",\"country\":\"MY\"}");
  assert_bad_document_refused ("contact:0b6c9d3e-1a2b-4c5d-8e9f-000000000003",
                               "{\"type\":\"contact\",\"name\":\"Siti\",\"member_id\":[1,2]}");
}

static void
test_oversized_document (void)
{
  GString *json = g_string_new ("{\"type\":\"member\",\"name\":\"Koperasi\",\"kind\":\"cooperative\",\"country\":\"MY\",\"notes\":\"");

  for (guint i = 0; i < 1100 * 1024; i++)
    g_string_append_c (json, 'a' + i % 26);
  g_string_append (json, "\"}");
  assert_bad_document_refused ("member:0b6c9d3e-1a2b-4c5d-8e9f-000000000004", json->str);
  g_string_free (json, TRUE);
}

/* A record type of a later version: left alone, the rest syncs. */
static void
test_unknown_type_skipped (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  put_raw (url, "ledger:0b6c9d3e-1a2b-4c5d-8e9f-000000000005", "{\"type\":\"ledger\",\"amount\":12}");
  report = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->skipped, ==, 1);
  g_assert_cmpuint (report->pulled, ==, n);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

static void
test_timeout (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;

  spoil (FAULT_SLOW, "_changes");
  timeout_seconds = 1;
  report = sync_store (store, url, NULL, &error);
  timeout_seconds = 60;
  g_assert_null (report);
  g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "in time"));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 0);
}

/* The server takes some documents of a push and refuses one: the refused
 * one stays queued and is reported; the next push sends it again. */
static void
test_partly_failed_push (void)
{
  guint n;
  g_autofree char *url = shared_database (&n);
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) first = NULL, pulled = NULL, second = NULL;
  g_autoptr(GError) error = NULL;

  pulled = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Koperasi %u", i);
      g_autoptr(SecRecord) member = sec_test_member (name, "MY", NULL);
      g_assert_true (sec_store_save (store, member, NULL));
    }
  spoil (FAULT_FORBID_FIRST, "_bulk_docs");
  first = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->pushed, ==, 2);
  g_assert_cmpuint (first->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (first->problems, 0), "only the secretariat"));
  g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 1);

  second = sync_store (store, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->problems->len, ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 0);
  assert_same_as_server (store, url);
}

/* A hostile server's answers to _changes: each is refused in words, the
 * queued change stays queued, nothing is pulled, and the password goes to
 * no other host. How long the main loop pauses meanwhile is a figure of
 * bench/bench-hostile, not a test: a loaded machine would fail it. */
static void
test_hostile_server (void)
{
  static const Fault faults[] = { FAULT_DEEP, FAULT_BAD_UTF8, FAULT_WEB_PAGE, FAULT_REDIRECT, FAULT_ENDLESS };
  guint n;
  g_autofree char *url = shared_database (&n);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(SecStore) store = sec_test_store_new (NULL);
      g_autoptr(SecRecord) local = sec_test_member ("Mutual Aid Society of Dhaka", "BD", "mutual");
      g_autoptr(SecSyncReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *checkpoint = NULL;

      g_assert_true (sec_store_save (store, local, NULL));
      spoil (faults[i], "_changes");
      report = sync_store (store, url, NULL, &error);
      g_test_message ("fault %u: %s", faults[i], error ? error->message : "no error");
      g_assert_null (report);
      g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB);
      g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
      g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 1);
      checkpoint = sec_store_sync_checkpoint (store, url);
      g_assert_null (checkpoint);
    }
  g_assert_cmpuint (stolen, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sec_test_couch_start (SRCDIR);
  upstream = soup_session_new ();
  proxy = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy, NULL, on_request, NULL, NULL);
  soup_server_add_handler (proxy, "/stolen", on_stolen, NULL, NULL);
  g_assert_true (soup_server_listen_local (proxy, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (proxy);
  proxy_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_test_add_func ("/sync-faults/server-error-changes-nothing", test_server_error_changes_nothing);
  g_test_add_func ("/sync-faults/bad-json-keeps-changes-queued", test_bad_json_keeps_changes_queued);
  g_test_add_func ("/sync-faults/cut-connection", test_cut_connection);
  g_test_add_func ("/sync-faults/slow-answers", test_slow_answers);
  g_test_add_func ("/sync-faults/wrong-types", test_wrong_types);
  g_test_add_func ("/sync-faults/oversized-document", test_oversized_document);
  g_test_add_func ("/sync-faults/unknown-type-skipped", test_unknown_type_skipped);
  g_test_add_func ("/sync-faults/timeout", test_timeout);
  g_test_add_func ("/sync-faults/partly-failed-push", test_partly_failed_push);
  g_test_add_func ("/sync-faults/hostile-server", test_hostile_server);

  status = g_test_run ();
  g_clear_object (&proxy);
  g_clear_object (&upstream);
  g_free (proxy_url);
  sec_test_couch_stop ();
  return status;
}
