/* fuzz-sync.c: the answers to _changes and _bulk_docs, on any bytes
 *
 * A SoupServer on loopback plays CouchDB: it answers FUZZ_PATH ("_changes"
 * or "_bulk_docs", set when this file is built) with the input, once a run,
 * and everything else as an empty database would. The real sync engine
 * pulls, then pushes a record changed for the run, into a database in
 * memory. Whatever the answer, the run ends, with a report or an error.
 */

#include <libsoup/soup.h>
#include <stdint.h>
#include <string.h>

#include "sec-couch-client.h"
#include "sec-sync-engine.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GBytes *input;      /* for the first request to FUZZ_PATH of a run */

static void
answer (SoupServerMessage *message,
        guint              status,
        const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, json, strlen (json));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  if (input != NULL && g_str_has_suffix (path, FUZZ_PATH))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (input, NULL), g_bytes_get_size (input));
      g_clear_pointer (&input, g_bytes_unref);
    }
  else if (g_str_has_suffix (path, "_changes"))
    answer (message, SOUP_STATUS_OK, "{\"results\": [], \"last_seq\": \"0\"}");
  else if (g_str_has_suffix (path, "_bulk_docs"))
    answer (message, SOUP_STATUS_OK, "[]");
  else
    answer (message, SOUP_STATUS_NOT_FOUND, "{\"error\": \"not_found\", \"reason\": \"missing\"}");
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SoupServer *server;
  static SecStore *store;
  static char *url;
  static guint runs;
  g_autoptr(SecCouchClient) client = NULL;
  g_autoptr(SecSyncEngine) engine = NULL;
  g_autoptr(SecRecord) member = sec_record_new (&sec_entity_member);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SecSyncReport) report = NULL;
  g_autofree char *name = g_strdup_printf ("Koperasi %u", ++runs);

  if (server == NULL)
    {
      g_autoptr(GSList) uris = NULL;

      server = soup_server_new (NULL, NULL);
      soup_server_add_handler (server, NULL, on_request, NULL, NULL);
      g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
      uris = soup_server_get_uris (server);
      url = g_strdup_printf ("http://127.0.0.1:%d/fuzz", g_uri_get_port (uris->data));
      g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
      store = sec_store_open (":memory:", NULL);
    }
  /* A record to push, so that _bulk_docs is asked. */
  sec_record_set (member, "name", name);
  sec_record_set (member, "kind", "cooperative");
  sec_record_set (member, "country", "TH");
  sec_store_save (store, member, NULL);

  input = g_bytes_new (data, size);
  client = sec_couch_client_new (url, "fuzz", "fuzz", NULL);
  engine = sec_sync_engine_new (store, client);
  sec_sync_engine_run_async (engine, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sec_sync_engine_run_finish (engine, result, NULL);
  g_clear_pointer (&input, g_bytes_unref);
  return 0;
}
