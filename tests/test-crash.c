/* test-crash.c: a writer killed at random moments loses nothing
 *
 * This program is both sides. As a test it starts itself as a writer 200
 * times and kills it with SIGKILL at a random moment. The writer saves
 * edits, imports CSV files and pulls an endless _changes feed that its own
 * SoupServer serves, all on one database; after each commit returns it
 * appends what it wrote to a log. After every kill the database must open,
 * pass PRAGMA integrity_check, and hold every change the log names; an
 * import is there whole or not at all, and the pulled documents are exactly
 * those up to the checkpoint.
 */

#include <fcntl.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <unistd.h>

#include "sec-couch-client.h"
#include "sec-csv.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"
#include "sec-test-util.h"

#define KILLS 200
#define IMPORT_ROWS 20

static const char *self_path;

/* The writer */

typedef struct {
  SecStore  *store;
  int        log;
  char      *dir;
  guint      run;
  guint      tick;
} Writer;

static void
write_log (Writer     *writer,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

/* One line, written straight to the file: a kill loses no line whose
 * write returned, as the kernel has it. */
static void
write_log (Writer     *writer,
           const char *format,
           ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (write (writer->log, line, strlen (line)), ==, (gssize) strlen (line));
}

/* A new member, and the counter member's notes set to the tick's number. */
static void
edit (Writer *writer)
{
  g_autoptr(SecRecord) counter = sec_store_load (writer->store, &sec_entity_member, "counter", NULL);
  g_autofree char *name = g_strdup_printf ("Edit %u-%u", writer->run, writer->tick);
  g_autofree char *value = g_strdup_printf ("%u", writer->run * 100000 + writer->tick);
  g_autoptr(SecRecord) member = sec_test_member (name, "MY", NULL);
  g_autoptr(GError) error = NULL;

  if (counter == NULL)
    {
      counter = sec_test_member ("Counter", "TH", NULL);
      sec_record_set_id (counter, "counter");
    }
  sec_record_set (counter, "notes", value);
  sec_store_save (writer->store, member, &error);
  g_assert_no_error (error);
  sec_store_save (writer->store, counter, &error);
  g_assert_no_error (error);
  write_log (writer, "edit %u %u\n", writer->run, writer->tick);
}

static void
import (Writer *writer)
{
  g_autofree char *path = g_build_filename (writer->dir, "import.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("name,kind,country,city\n");
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (csv, "Import %u-%u #%u,association,VN,Hà Nội\n", writer->run, writer->tick, i);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  report = sec_csv_import (writer->store, path, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->committed);
  write_log (writer, "import %u %u\n", writer->run, writer->tick);
}

static gboolean
on_tick (gpointer data)
{
  Writer *writer = data;

  if (writer->tick++ % 5 == 0)
    import (writer);
  else
    edit (writer);
  return G_SOURCE_CONTINUE;
}

static void
on_pulled (SecSyncEngine *engine,
           guint          pulled,
           Writer        *writer)
{
  g_autofree char *seq = sec_store_sync_checkpoint (writer->store, g_object_get_data (G_OBJECT (engine), "url"));

  write_log (writer, "pull %s\n", seq);
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecSyncReport) report = sec_sync_engine_run_finish (SEC_SYNC_ENGINE (source), result, &error);

  g_error ("the endless feed ended: %s", error ? error->message : "no error");
}

/* An endless feed: the documents after ?since=, as many as ?limit= asks;
 * document n is the member "remote-n". */
static void
on_changes (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *since_text = query ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint64 since = since_text ? g_ascii_strtoull (since_text, NULL, 10) : 0;
  guint64 limit = limit_text ? g_ascii_strtoull (limit_text, NULL, 10) : 100;
  GString *body = g_string_new ("{\"results\": [");

  for (guint64 n = since + 1; n <= since + limit; n++)
    g_string_append_printf (body, "%s{\"seq\": %" G_GUINT64_FORMAT ", \"id\": \"member:remote-%" G_GUINT64_FORMAT "\", "
                            "\"changes\": [{\"rev\": \"1-a\"}], \"doc\": {\"_id\": \"member:remote-%" G_GUINT64_FORMAT "\", "
                            "\"_rev\": \"1-a\", \"type\": \"member\", \"schema\": 1, \"name\": \"Remote %" G_GUINT64_FORMAT "\", "
                            "\"kind\": \"cooperative\", \"country\": \"KH\", \"updated_at\": \"2026-01-01T00:00:00Z\"}}",
                            n > since + 1 ? ", " : "", n, n, n, n);
  g_string_append_printf (body, "], \"last_seq\": %" G_GUINT64_FORMAT "}", since + limit);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, body->str, body->len);
  g_string_free (body, FALSE);
}

static int
run_writer (const char *db,
            const char *log,
            const char *url,
            const char *run)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSocket) listener = g_socket_new_from_fd (3, NULL);
  g_autoptr(SecCouchClient) client = NULL;
  g_autoptr(SecSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_dir = g_path_get_dirname (db);
  Writer writer = { NULL, -1, db_dir, (guint) g_ascii_strtoull (run, NULL, 10), 0 };

  g_assert_nonnull (listener);
  soup_server_add_handler (server, "/crash/_changes", on_changes, NULL, NULL);
  g_assert_true (soup_server_listen_socket (server, listener, 0, &error));
  writer.store = sec_store_open (db, &error);
  g_assert_no_error (error);
  writer.log = g_open (log, O_WRONLY | O_APPEND | O_CREAT, 0600);
  g_assert_cmpint (writer.log, >=, 0);
  client = sec_couch_client_new (url, "writer", "secret", &error);
  g_assert_no_error (error);
  engine = sec_sync_engine_new (writer.store, client);
  g_object_set_data_full (G_OBJECT (engine), "url", g_strdup (sec_couch_client_get_url (client)), g_free);
  g_signal_connect (engine, "progress", G_CALLBACK (on_pulled), &writer);
  sec_sync_engine_run_async (engine, NULL, on_sync_done, NULL);
  g_timeout_add (1, on_tick, &writer);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* The test */

typedef struct {
  guint edits;
  guint imports;
  guint pulls;
  guint64 pulled;       /* the last checkpoint the log names */
  guint64 counter;      /* the last counter value */
} Logged;

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

/* What the database holds, read in one pass. */
typedef struct {
  GHashTable *edits;       /* "run-tick" of each "Edit run-tick" */
  GHashTable *imports;     /* "run-tick" → rows of "Import run-tick #i" */
  gint64      remote;      /* pulled members */
  guint64     counter;
  guint64     checkpoint;
} Held;

static void
held_clear (Held *held)
{
  g_hash_table_unref (held->edits);
  g_hash_table_unref (held->imports);
}

static Held
read_held (sqlite3 *db)
{
  Held held = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0, 0,
                (guint64) query_int (db, "SELECT coalesce (max (CAST (seq AS INTEGER)), 0) FROM sync_checkpoint") };
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name, notes FROM member WHERE deleted = 0", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *hash = strstr (name, " #");

      if (g_str_equal (id, "counter"))
        held.counter = g_ascii_strtoull ((const char *) sqlite3_column_text (stmt, 2), NULL, 10);
      else if (g_str_has_prefix (id, "remote-"))
        held.remote++;
      else if (g_str_has_prefix (name, "Edit "))
        g_hash_table_add (held.edits, g_strdup (name + strlen ("Edit ")));
      else if (g_str_has_prefix (name, "Import ") && hash != NULL)
        {
          char *batch = g_strndup (name + strlen ("Import "), (gsize) (hash - name) - strlen ("Import "));

          g_hash_table_insert (held.imports, batch, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (held.imports, batch)) + 1));
        }
    }
  sqlite3_finalize (stmt);
  return held;
}

/* Every change the log names is in @held. */
static Logged
assert_logged (Held       *held,
               const char *log)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Logged logged = { 0 };

  if (!g_file_get_contents (log, &text, NULL, NULL))
    return logged;
  lines = g_strsplit (text, "\n", -1);
  for (char **line = lines; *line != NULL && **line != '\0'; line++)
    {
      guint run, tick;
      guint64 seq;
      g_autofree char *key = NULL;

      if (sscanf (*line, "edit %u %u", &run, &tick) == 2)
        {
          key = g_strdup_printf ("%u-%u", run, tick);
          g_assert_true (g_hash_table_contains (held->edits, key));
          logged.counter = MAX (logged.counter, (guint64) run * 100000 + tick);
          logged.edits++;
        }
      else if (sscanf (*line, "import %u %u", &run, &tick) == 2)
        {
          key = g_strdup_printf ("%u-%u", run, tick);
          g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (held->imports, key)), ==, IMPORT_ROWS);
          logged.imports++;
        }
      else if (sscanf (*line, "pull %" G_GUINT64_FORMAT, &seq) == 1)
        {
          logged.pulled = MAX (logged.pulled, seq);
          logged.pulls++;
        }
      else
        g_error ("a line the writer does not write: %s", *line);
    }
  return logged;
}

static Logged
check (const char *path,
       const char *log)
{
  g_autoptr(SecStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  GHashTableIter iter;
  gpointer rows;
  Logged logged;
  Held held;

  store = sec_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  assert_integrity (db);
  held = read_held (db);
  sqlite3_close (db);
  logged = assert_logged (&held, log);
  g_assert_cmpuint (held.counter, >=, logged.counter);
  /* An import is whole or absent, logged or not. */
  g_hash_table_iter_init (&iter, held.imports);
  while (g_hash_table_iter_next (&iter, NULL, &rows))
    g_assert_cmpint (GPOINTER_TO_INT (rows), ==, IMPORT_ROWS);
  /* The pulled documents are those up to the checkpoint, no fewer, no more. */
  g_assert_cmpuint (held.checkpoint, >=, logged.pulled);
  g_assert_cmpint (held.remote, ==, (gint64) held.checkpoint);
  held_clear (&held);
  return logged;
}

/* Waits until the writer of this run has logged a first change. */
static void
wait_for_log (const char *log,
              goffset     size)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  GStatBuf st;

  while (g_stat (log, &st) != 0 || st.st_size <= size)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_unlink (file);
    }
  g_rmdir (path);
}

static GSocket *
listen_on_loopback (guint16 *port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  bound = g_socket_get_local_address (socket, &error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return g_steal_pointer (&socket);
}

static void
test_kills (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crash-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "crash.db", NULL);
  g_autofree char *log = g_build_filename (dir, "writes.log", NULL);
  guint16 port;
  g_autoptr(GSocket) listener = listen_on_loopback (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/crash", port);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  Logged logged;

  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autoptr(GSubprocess) writer = NULL;
      g_autofree char *run = g_strdup_printf ("%u", i);
      g_autoptr(GError) error = NULL;
      GStatBuf st;
      goffset size = g_stat (log, &st) == 0 ? st.st_size : 0;

      g_subprocess_launcher_take_fd (launcher, dup (g_socket_get_fd (listener)), 3);
      writer = g_subprocess_launcher_spawn (launcher, &error, self_path, "--writer", db, log, url, run, NULL);
      g_assert_no_error (error);
      /* One kill in ten at any moment, even while the file is created or
       * opened; the others once the writer has written, one in four of them
       * later, so that a pull of 500 documents may have been committed or
       * be half written. */
      if (i % 10 != 0)
        wait_for_log (log, size);
      g_usleep (g_rand_int_range (rand, 0, i % 4 == 1 ? 500000 : 50000));
      g_subprocess_force_exit (writer);
      g_assert_true (g_subprocess_wait (writer, NULL, NULL));
      /* Died of the kill, not of a failure of its own before it. */
      g_assert_true (g_subprocess_get_if_signaled (writer));
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);
      logged = check (db, log);
    }
  g_assert_cmpuint (logged.edits, >, 0);
  g_assert_cmpuint (logged.imports, >, 0);
  g_assert_cmpuint (logged.pulls, >, 0);
  remove_dir (dir);
  g_test_message ("%u kills survived; the log named %u edits, %u imports of %u rows and %u pulled batches "
                  "(%" G_GUINT64_FORMAT " documents); all were there after every kill",
                  KILLS, logged.edits, logged.imports, IMPORT_ROWS, logged.pulls, logged.pulled);
}

int
main (int    argc,
      char **argv)
{
  self_path = argv[0];
  if (argc == 6 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2], argv[3], argv[4], argv[5]);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/crash/kills", test_kills);
  return g_test_run ();
}
