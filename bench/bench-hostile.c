/* bench-hostile.c: how long the main loop pauses while a hostile server
 * answers a sync
 *
 *   bench-hostile [ROUNDS]      (default 5)
 *
 * A SoupServer in this process answers _changes as a hostile server would:
 * JSON nested a hundred thousand deep, invalid UTF-8, a web page, an answer
 * that never ends. The engine refuses each (tests/test-sync-faults checks
 * that); here a 10 ms timeout measures the main loop's longest pause
 * meanwhile, which is how long a window would have stopped answering.
 */

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sec-bench.h"
#include "sec-couch-client.h"
#include "sec-sync-engine.h"

typedef enum {
  HOSTILE_DEEP,
  HOSTILE_BAD_UTF8,
  HOSTILE_WEB_PAGE,
  HOSTILE_ENDLESS,
  N_HOSTILE
} Hostile;

static const char *const hostile_names[] = { "deep JSON", "invalid UTF-8", "a web page", "an endless answer" };

static Hostile hostile;

/* The server */

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

/* JSON's first bytes, then blank space until the client hangs up. */
static void
answer_endlessly (SoupServerMessage *message)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"results\": [";
  GIOStream *stream = soup_server_message_steal_connection (message);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), head, strlen (head), G_PRIORITY_DEFAULT,
                                   NULL, on_written, stream);
}

static GString *
hostile_body (Hostile what)
{
  GString *body;

  switch (what)
    {
    case HOSTILE_DEEP:
      body = g_string_new ("{\"results\": ");
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (body, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (body, ']');
      g_string_append (body, ", \"last_seq\": \"9\"}");
      return body;
    case HOSTILE_BAD_UTF8:
      return g_string_new ("{\"results\": [{\"seq\": \"1\", \"id\": \"member:0b6c9d3e-1a2b-4c5d-8e9f-0000000000ff\", "
                           "\"changes\": [{\"rev\": \"1-a\"}], \"doc\": {\"_id\": \"member:0b6c9d3e-1a2b-4c5d-8e9f-0000000000ff\", "
                           "\"_rev\": \"1-a\", \"type\": \"member\", \"name\": \"Koperasi \xff\xfe\", \"kind\": \"cooperative\", "
                           "\"country\": \"MY\"}}], \"last_seq\": \"1\"}");
    case HOSTILE_WEB_PAGE:
    case HOSTILE_ENDLESS:
    case N_HOSTILE:
    default:
      return g_string_new ("<html><body>Sign in to the hotel's Wi-Fi</body></html>");
    }
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_autoptr(GString) body = NULL;

  if (strstr (path, "_changes") == NULL)
    {
      soup_server_message_set_status (message, 404, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":\"not_found\"}", strlen ("{\"error\":\"not_found\"}"));
      return;
    }
  if (hostile == HOSTILE_ENDLESS)
    {
      answer_endlessly (message);
      return;
    }
  body = hostile_body (hostile);
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, hostile == HOSTILE_WEB_PAGE ? "text/html" : "application/json",
                                    SOUP_MEMORY_COPY, body->str, body->len);
}

/* The measure */

typedef struct {
  gint64 last;
  gint64 longest;
} Beat;

static gboolean
on_beat (gpointer data)
{
  Beat *beat = data;
  gint64 now = g_get_monotonic_time ();

  beat->longest = MAX (beat->longest, now - beat->last);
  beat->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The main loop's longest pause, in ms, while @store syncs with @url. */
static double
longest_pause_ms (SecStore   *store,
                  const char *url)
{
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, "secretary", "solidarity", NULL);
  g_autoptr(SecSyncEngine) engine = sec_sync_engine_new (store, client);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  Beat beat = { g_get_monotonic_time (), 0 };
  guint ticking = g_timeout_add (10, on_beat, &beat);

  sec_sync_engine_run_async (engine, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sec_sync_engine_run_finish (engine, result, &error);
  g_object_unref (result);
  on_beat (&beat);
  g_source_remove (ticking);
  if (report != NULL)
    g_error ("The sync took %s", hostile_names[hostile]);
  return beat.longest / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 5;
  g_autofree char *dir = g_dir_make_tmp ("secretariat-bench-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(SecStore) store = NULL;
  g_autoptr(SecRecord) member = sec_record_new (&sec_entity_member);
  g_autoptr(GSList) uris = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  double worst = 0;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen: %s", error->message);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/hostile", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* A change waits to be pushed, as in an office that works offline. */
  store = sec_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  sec_record_set (member, "name", "Mutual Aid Society of Dhaka");
  sec_record_set (member, "kind", "mutual");
  sec_record_set (member, "country", "BD");
  if (!sec_store_save (store, member, &error))
    g_error ("%s", error->message);

  for (hostile = 0; hostile < N_HOSTILE; hostile++)
    {
      double longest = 0;

      for (guint i = 0; i < rounds; i++)
        longest = MAX (longest, longest_pause_ms (store, url));
      g_print ("%s: the main loop paused %.1f ms at most (%u runs)\n", hostile_names[hostile], longest, rounds);
      worst = MAX (worst, longest);
    }
  sec_bench_result ("longest main-loop pause while a hostile server answers a sync",
                    "< 1 s", worst, "ms", -1, 1000);

  g_clear_object (&store);
  for (const char *const *suffix = (const char *[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
