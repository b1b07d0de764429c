/* sec-test-sync.h: offices of this app syncing with the test server
 *
 * Runs the sync engine to its end on the main loop, makes databases on the
 * server (sec-test-couch.h) and edits the sample network's members.
 */
#pragma once

#include "sec-couch-client.h"
#include "sec-query-model.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"
#include "sec-test-couch.h"
#include "sec-test-util.h"

static guint n_databases;

/* Waiting on the main loop */


static G_GNUC_UNUSED GAsyncResult *
wait_result (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static G_GNUC_UNUSED JsonNode *
request (SecCouchClient *client,
         const char     *method,
         const char     *path,
         const char     *json,
         GError        **error)
{
  g_autoptr(JsonNode) body = json ? json_from_string (json, NULL) : NULL;
  Wait wait = { NULL };
  JsonNode *answer;

  sec_couch_client_request_async (client, method, path, body, NULL, on_done, &wait);
  answer = sec_couch_client_request_finish (client, wait_result (&wait), error);
  g_object_unref (wait.result);
  return answer;
}

/* One sync run of @store with the database at @url, as @office (%NULL:
 * the host's name). */
static G_GNUC_UNUSED SecSyncReport *
sync_as (SecStore    *store,
         const char  *url,
         const char  *office,
         GError     **error)
{
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, error);
  g_autoptr(SecSyncEngine) engine = NULL;
  Wait wait = { NULL };
  SecSyncReport *report;

  if (client == NULL)
    return NULL;
  engine = sec_sync_engine_new (store, client);
  sec_sync_engine_set_office (engine, office);
  sec_sync_engine_run_async (engine, NULL, on_done, &wait);
  report = sec_sync_engine_run_finish (engine, wait_result (&wait), error);
  g_object_unref (wait.result);
  return report;
}

static G_GNUC_UNUSED SecSyncReport *
sync_store (SecStore   *store,
            const char *url,
            GError    **error)
{
  return sync_as (store, url, NULL, error);
}

static G_GNUC_UNUSED SecSyncReport *
sync_office_ok (SecStore   *store,
                const char *url,
                const char *office)
{
  g_autoptr(GError) error = NULL;
  SecSyncReport *report = sync_as (store, url, office, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s: %s", office ? office : "sync", (char *) g_ptr_array_index (report->problems, i));
  return report;
}

static G_GNUC_UNUSED SecSyncReport *
sync_ok (SecStore   *store,
         const char *url)
{
  return sync_office_ok (store, url, NULL);
}

/* A new, empty database on the server; returns its URL. */
static G_GNUC_UNUSED char *
new_database (void)
{
  g_autofree char *url = g_strdup_printf ("%s/network-%u", server_url, ++n_databases);
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = request (client, "PUT", "", NULL, &error);

  g_assert_no_error (error);
  return g_steal_pointer (&url);
}

static G_GNUC_UNUSED SecRecord *
load_member (SecStore   *store,
             const char *acronym)
{
  g_autofree char *id = sec_store_find_id (store, &sec_entity_member, "acronym", acronym, NULL, NULL);
  g_assert_nonnull (id);
  return sec_store_load (store, &sec_entity_member, id, NULL);
}

static G_GNUC_UNUSED void
edit_member (SecStore   *store,
             const char *acronym,
             const char *field,
             const char *value)
{
  g_autoptr(SecRecord) member = load_member (store, acronym);
  g_autoptr(GError) error = NULL;

  sec_record_set (member, field, value);
  g_assert_true (sec_store_save (store, member, &error));
  g_assert_no_error (error);
}

/* A live record of @entity in @store, at random; %NULL if none. */
static G_GNUC_UNUSED char *
random_id_of (SecStore        *store,
              const SecEntity *entity,
              GRand           *rand)
{
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, entity);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr(SecRecord) record = NULL;

  if (n == 0)
    return NULL;
  record = g_list_model_get_item (G_LIST_MODEL (model), (guint) g_rand_int_range (rand, 0, (gint32) n));
  return g_strdup (sec_record_get_id (record));
}
