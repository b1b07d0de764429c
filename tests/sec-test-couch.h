/* sec-test-couch.h: a real CouchDB-compatible server for tests
 *
 * PouchDB Server (tests/couch, in memory) on a free loopback port.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "sec-store.h"

#define USER "secretary"
#define PASSWORD "solidarity-2024"

/* Waiting on the main loop for an asynchronous call. */
typedef struct {
  GAsyncResult *result;
} Wait;

static G_GNUC_UNUSED void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static GSubprocess *server;
static char *server_url;   /* http://127.0.0.1:PORT */

/* Name lookups never leave this machine in tests: every name fails, as it
 * would for a mistyped server. Literal addresses need no lookup. */
typedef struct { GResolver parent_instance; } NoResolver;
typedef struct { GResolverClass parent_class; } NoResolverClass;
static GType no_resolver_get_type (void);
G_GNUC_UNUSED G_DEFINE_TYPE (NoResolver, no_resolver, G_TYPE_RESOLVER)

static void
no_lookup_async (GResolver               *resolver,
                 const char              *hostname,
                 GResolverNameLookupFlags flags,
                 GCancellable            *cancellable,
                 GAsyncReadyCallback      callback,
                 gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No such host %s", hostname);
}

static GList *
no_lookup_finish (GResolver     *resolver,
                  GAsyncResult  *result,
                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_resolver_class_init (NoResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name_with_flags_async = no_lookup_async;
  resolver_class->lookup_by_name_with_flags_finish = no_lookup_finish;
  resolver_class->lookup_by_name_async = (gpointer) no_lookup_async;
  resolver_class->lookup_by_name_finish = no_lookup_finish;
}

static void
no_resolver_init (NoResolver *self)
{
}

/* Starts PouchDB Server on a free loopback port, with USER and PASSWORD as
 * its admin, and keeps name lookups on this machine. */
static inline void
sec_test_couch_start (const char *source_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *script = g_build_filename (source_dir, "couch", "server.js", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GResolver) resolver = g_object_new (no_resolver_get_type (), NULL);

  g_resolver_set_default (resolver);
  g_subprocess_launcher_setenv (launcher, "COUCH_USER", USER, TRUE);
  g_subprocess_launcher_setenv (launcher, "COUCH_PASSWORD", PASSWORD, TRUE);
  server = g_subprocess_launcher_spawn (launcher, &error, "node", script, "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "listening "))
    g_error ("PouchDB Server did not start (run npm ci in tests/couch): %s", line ? line : "no output");
  server_url = g_strdup_printf ("http://127.0.0.1:%s", line + strlen ("listening "));
}

static inline void
sec_test_couch_stop (void)
{
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_clear_pointer (&server_url, g_free);
}

/* A value of a server's document as the store keeps it: text, numbers in
 * decimals, booleans as 1 or 0, %NULL for null, "" or none. Written here
 * rather than taken from the sync code, which it checks. */
static inline char *
sec_test_couch_value (JsonObject *document,
                      const char *name)
{
  JsonNode *node = json_object_get_member (document, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return *json_node_get_string (node) ? g_strdup (json_node_get_string (node)) : NULL;
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    default:
      g_error ("%s holds a value of type %s", name, g_type_name (json_node_get_value_type (node)));
      return NULL;
    }
}

/* The live documents of the database at @url, by id, read by plain HTTP. */
static inline GHashTable *
sec_test_couch_documents (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *all = g_strconcat (url, "/_all_docs?include_docs=true", NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", all);
  g_autofree char *basic = g_base64_encode ((const guchar *) USER ":" PASSWORD, strlen (USER ":" PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  JsonArray *rows;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body),
                                             &error));
  g_assert_no_error (error);
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *id = json_object_get_string_member (row, "id");

      if (!g_str_has_prefix (id, "_design/"))
        g_hash_table_insert (documents, g_strdup (id), json_object_ref (json_object_get_object_member (row, "doc")));
    }
  return documents;
}

/* Checks that the database at @url holds what @store holds: for each live
 * record a document "entity:id" of that type, at the record's revision,
 * with the same value in every field the entity describes; and no live
 * document the store lacks. The store is read from its file with SQL, not
 * through the store's code. Records no office ever changed (the roadmap
 * pillars every store starts with) have no revision and are not sent. */
static inline void
sec_test_couch_assert_same (SecStore   *store,
                            const char *url)
{
  g_autoptr(GHashTable) documents = sec_test_couch_documents (url);
  guint n_records = 0;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (sec_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT id, rev, dirty");
      sqlite3_stmt *stmt;

      for (guint i = 0; i < (*e)->n_fields; i++)
        g_string_append_printf (sql, ", \"%s\"", (*e)->fields[i].name);
      g_string_append_printf (sql, " FROM %s WHERE deleted = 0", (*e)->name);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *rev = (const char *) sqlite3_column_text (stmt, 1);
          g_autofree char *doc_id = g_strconcat ((*e)->name, ":", sqlite3_column_text (stmt, 0), NULL);
          JsonObject *document = g_hash_table_lookup (documents, doc_id);

          if (rev == NULL && sqlite3_column_int (stmt, 2) == 0)
            continue;
          g_test_message ("%s", doc_id);
          g_assert_nonnull (document);
          g_assert_cmpstr (json_object_get_string_member (document, "type"), ==, (*e)->name);
          g_assert_cmpstr (json_object_get_string_member (document, "_rev"), ==, rev);
          for (guint i = 0; i < (*e)->n_fields; i++)
            {
              g_autofree char *on_server = sec_test_couch_value (document, (*e)->fields[i].name);
              const char *in_store = (const char *) sqlite3_column_text (stmt, 3 + (int) i);

              g_assert_cmpstr (on_server, ==, in_store && *in_store ? in_store : NULL);
            }
          n_records++;
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  /* Each document matched a record: as many, so none is left over. */
  g_assert_cmpuint (g_hash_table_size (documents), ==, n_records);
}

/* A third office that is not this app: a PouchDB client (tests/couch/
 * office.js) with its own replicator, driven one JSON command a line. */
typedef struct {
  GSubprocess      *process;
  GDataInputStream *out;
} SecTestPouch;

static inline SecTestPouch *
sec_test_pouch_start (const char *source_dir,
                      const char *url,
                      const char *office)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *script = g_build_filename (source_dir, "couch", "office.js", NULL);
  g_autoptr(GError) error = NULL;
  SecTestPouch *pouch = g_new0 (SecTestPouch, 1);

  g_subprocess_launcher_setenv (launcher, "COUCH_USER", USER, TRUE);
  g_subprocess_launcher_setenv (launcher, "COUCH_PASSWORD", PASSWORD, TRUE);
  g_subprocess_launcher_setenv (launcher, "OFFICE", office, TRUE);
  pouch->process = g_subprocess_launcher_spawn (launcher, &error, "node", script, url, NULL);
  g_assert_no_error (error);
  pouch->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (pouch->process));
  return pouch;
}

/* Runs @command (a JSON object) in the PouchDB office and returns what it
 * answered in "ok"; an "error" fails the test. */
static inline JsonNode *
sec_test_pouch_run (SecTestPouch *pouch,
                    JsonNode     *command)
{
  g_autofree char *text = json_to_string (command, FALSE);
  g_autofree char *line = g_strconcat (text, "\n", NULL);
  g_autofree char *answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_output_stream_write_all (g_subprocess_get_stdin_pipe (pouch->process), line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  answer = g_data_input_stream_read_line_utf8 (pouch->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_true (json_parser_load_from_data (parser, answer, -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "error"))
    g_error ("PouchDB office: %s answered %s", text, answer);
  return json_node_copy (json_object_get_member (object, "ok"));
}

static inline JsonNode *
sec_test_pouch_command (const char *what,
                        const char *id)
{
  JsonObject *object = json_object_new ();
  JsonNode *command = json_node_init_object (json_node_alloc (), object);

  json_object_set_string_member (object, "do", what);
  if (id != NULL)
    json_object_set_string_member (object, "id", id);
  json_object_unref (object);
  return command;
}

/* {"do": WHAT, "id": ID}; @id may be %NULL. */
static inline JsonNode *
sec_test_pouch_do (SecTestPouch *pouch,
                   const char   *what,
                   const char   *id)
{
  g_autoptr(JsonNode) command = sec_test_pouch_command (what, id);
  return sec_test_pouch_run (pouch, command);
}

static inline void
sec_test_pouch_replicate (SecTestPouch *pouch,
                          const char   *direction)
{
  g_autoptr(JsonNode) answer = sec_test_pouch_do (pouch, direction, NULL);
}

/* Sets @field of document @id to @value, a JSON value ("\"Hà Nội\"",
 * "{\"a\": 1}", "null" to remove it), in the PouchDB office. */
static inline void
sec_test_pouch_edit (SecTestPouch *pouch,
                     const char   *id,
                     const char   *field,
                     const char   *value)
{
  g_autoptr(JsonNode) command = sec_test_pouch_command ("edit", id);
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *set = json_object_new ();

  json_object_set_member (set, field, json_from_string (value, NULL));
  json_object_set_object_member (json_node_get_object (command), "set", set);
  answer = sec_test_pouch_run (pouch, command);
}

static inline void
sec_test_pouch_stop (SecTestPouch *pouch)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (pouch->process), NULL, NULL);
  g_subprocess_wait_check (pouch->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&pouch->out);
  g_clear_object (&pouch->process);
  g_free (pouch);
}
