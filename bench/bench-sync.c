/* bench-sync.c: sync throughput against a local PouchDB Server
 *
 *   bench-sync [N]      (default 100000)
 *
 * Pushes N member documents from one store, pulls them into an empty one,
 * and downloads the same _changes feed with curl in the same run, so the
 * pull can be compared with the bare transfer.
 */

#include <glib/gstdio.h>

#include "sec-bench.h"
#include "sec-couch-client.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"
#include "sec-test-couch.h"

static double
sync_seconds (SecStore   *store,
              const char *url,
              guint      *moved)
{
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, NULL);
  g_autoptr(SecSyncEngine) engine = sec_sync_engine_new (store, client);
  g_autoptr(SecSyncReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  gint64 start = g_get_monotonic_time ();

  sec_sync_engine_run_async (engine, NULL, on_done, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sec_sync_engine_run_finish (engine, wait.result, &error);
  g_object_unref (wait.result);
  if (report == NULL)
    g_error ("sync: %s", error->message);
  *moved = report->pushed + report->pulled;
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
fill (SecStore *store,
      guint     n)
{
  static const char *const countries[] = { "MY", "VN", "TH", "KH", "PH", "ID", "MM", "MN", "NP", "BD" };

  sec_store_begin (store, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SecRecord) m = sec_record_new (&sec_entity_member);
      g_autofree char *name = g_strdup_printf ("Koperasi Serba Guna %u", i);
      sec_record_set (m, "name", name);
      sec_record_set (m, "kind", "cooperative");
      sec_record_set (m, "country", countries[i % G_N_ELEMENTS (countries)]);
      sec_record_set (m, "city", "Kuala Lumpur");
      sec_record_set (m, "approved_on", "2020-01-01");
      sec_store_save (store, m, NULL);
    }
  sec_store_commit (store, NULL);
}

static double
curl_seconds (const char *url)
{
  g_autofree char *feed = g_strdup_printf ("%s/_changes?style=all_docs&include_docs=true&conflicts=true", url);
  g_autofree char *auth = g_strdup_printf ("%s:%s", USER, PASSWORD);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char *[]) { "curl", "-s", "-o", "/dev/null", "-u", auth, feed, NULL }, NULL,
                     G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("curl: %s\n", error->message);
      return -1;
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("secretariat-bench-sync-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.db", NULL);
  g_autoptr(SecStore) a = sec_store_open (path_a, NULL);
  g_autoptr(SecStore) b = sec_store_open (path_b, NULL);
  g_autofree char *url = NULL;
  double push, pull, curl;
  guint pushed, pulled;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  sec_test_couch_start (SRCDIR);
  url = g_strdup_printf ("%s/bench", server_url);
  {
    g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, NULL);
    Wait wait = { NULL };
    sec_couch_client_request_async (client, "PUT", "", NULL, NULL, on_done, &wait);
    while (wait.result == NULL)
      g_main_context_iteration (NULL, TRUE);
    json_node_unref (sec_couch_client_request_finish (client, wait.result, NULL));
    g_object_unref (wait.result);
  }

  fill (a, n);
  push = sync_seconds (a, url, &pushed);
  pull = sync_seconds (b, url, &pulled);
  curl = curl_seconds (url);
  g_print ("push %u documents: %.2f s, %.0f documents/s\n", pushed, push, pushed / push);
  g_print ("pull %u documents: %.2f s, %.0f documents/s\n", pulled, pull, pulled / pull);
  if (curl <= 0)
    g_error ("curl could not download the _changes feed");
  g_print ("curl of the same _changes feed: %.2f s; pull / curl = %.2f\n", curl, pull / curl);
  sec_bench_result ("sync pull of 100,000 documents from a local PouchDB Server",
                    "≤ 2 × curl of the same _changes feed", pull * 1000, "ms", pull / curl, 2);

  sec_test_couch_stop ();
  g_clear_object (&a);
  g_clear_object (&b);
  g_unlink (path_a);
  g_unlink (path_b);
  return 0;
}
