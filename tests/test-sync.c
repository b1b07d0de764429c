/* test-sync.c: replication against a real CouchDB-compatible server
 *
 * Starts PouchDB Server (tests/couch, in memory, on a free loopback port)
 * and syncs stores with it: push, pull, checkpoints, tombstones, merges,
 * conflicts, fields this version does not know, and the errors a person
 * must be able to act on.
 */

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "sec-couch-client.h"
#include "sec-json.h"
#include "sec-query-model.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"
#include "sec-sync-scheduler.h"
#include "sec-test-sync.h"

static const char *binary;  /* the secretariat program, for the headless sync */

/* Two offices on one database, both with the sample network. */
static void
two_offices (char      **url,
             SecStore  **a,
             SecStore  **b)
{
  g_autoptr(SecSyncReport) pushed = NULL;
  g_autoptr(SecSyncReport) pulled = NULL;

  *url = new_database ();
  *a = sec_test_store_new (NULL);
  *b = sec_test_store_new (NULL);
  g_assert_cmpuint (sec_store_load_sample (*a, NULL), >, 0);
  pushed = sync_ok (*a, *url);
  pulled = sync_ok (*b, *url);
  g_assert_cmpuint (pulled->pulled, ==, pushed->pushed);
}

/* Tests */

static gint64
count_all (SecStore *store)
{
  gint64 n = 0;

  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    n += sec_store_count (store, *e);
  return n;
}

static void
test_push_and_pull (void)
{
  g_autofree char *url = new_database ();
  g_autoptr(SecStore) a = sec_test_store_new (NULL);
  g_autoptr(SecStore) b = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) first = NULL, second = NULL, again = NULL;
  gint64 members, contacts;

  sec_store_load_sample (a, NULL);
  members = sec_store_count (a, &sec_entity_member);
  contacts = sec_store_count (a, &sec_entity_contact);
  /* Every office starts with the same five roadmap pillars: they are not
   * sent until someone changes one. */
  g_assert_cmpint (sec_store_count (a, &sec_entity_pillar), ==, 5);
  g_assert_cmpuint (sec_store_sync_count_dirty (a), ==, count_all (a) - 5);

  first = sync_ok (a, url);
  g_assert_cmpuint (first->pushed, ==, count_all (a) - 5);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (a), ==, 0);

  second = sync_ok (b, url);
  g_assert_cmpuint (second->pulled, ==, count_all (a) - 5);
  g_assert_cmpint (count_all (b), ==, count_all (a));
  g_assert_cmpint (sec_store_count (b, &sec_entity_member), ==, members);
  g_assert_cmpint (sec_store_count (b, &sec_entity_contact), ==, contacts);
  g_assert_cmpuint (sec_store_sync_count_dirty (b), ==, 0);
  {
    g_autoptr(SecRecord) in_a = load_member (a, "ASEC");
    g_autoptr(SecRecord) in_b = load_member (b, "ASEC");
    g_assert_true (sec_record_equal (in_a, in_b));
  }
  /* An event with its programme and participants arrives whole. */
  {
    g_autofree char *forum = sec_store_find_id (a, &sec_entity_event, "starts_on", "2015-04-25", NULL, NULL);
    g_autoptr(SecRecord) event_a = sec_store_load (a, &sec_entity_event, forum, NULL);
    g_autoptr(SecRecord) event_b = sec_store_load (b, &sec_entity_event, forum, NULL);
    g_autoptr(GPtrArray) sessions_a = sec_store_load_children (a, &sec_entity_session, forum);
    g_autoptr(GPtrArray) sessions_b = sec_store_load_children (b, &sec_entity_session, forum);
    g_autoptr(GPtrArray) people_a = sec_store_load_children (a, &sec_entity_participant, forum);
    g_autoptr(GPtrArray) people_b = sec_store_load_children (b, &sec_entity_participant, forum);

    g_assert_nonnull (event_b);
    g_assert_true (sec_record_equal (event_a, event_b));
    g_assert_cmpuint (sessions_b->len, ==, sessions_a->len);
    g_assert_cmpuint (people_b->len, ==, people_a->len);
    g_assert_cmpuint (sessions_a->len, >=, 10);
    for (guint i = 0; i < sessions_a->len; i++)
      {
        SecRecord *sa = g_ptr_array_index (sessions_a, i);
        g_autoptr(SecRecord) sb = sec_store_load (b, &sec_entity_session, sec_record_get_id (sa), NULL);
        g_assert_true (sec_record_equal (sa, sb));
      }
  }
  /* Found by search too: synced records are indexed. */
  {
    g_autoptr(SecQueryModel) model = sec_query_model_new (b, &sec_entity_member);
    sec_query_model_set_search (model, "lien minh hop tac");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  }

  /* The checkpoint: nothing new, nothing pulled again. */
  again = sync_ok (b, url);
  g_assert_cmpuint (again->pulled, ==, 0);
  g_assert_cmpuint (again->pushed, ==, 0);
  sec_test_couch_assert_same (a, url);
  sec_test_couch_assert_same (b, url);
}

static void
test_changes_and_tombstones_travel (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SecStore) a = NULL, b = NULL;
  g_autoptr(SecSyncReport) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecRecord) vca = NULL;
  gint64 members;

  two_offices (&url, &a, &b);
  members = sec_store_count (b, &sec_entity_member);
  edit_member (a, "ASEC", "city", "Kuala Lumpur");
  vca = load_member (a, "VCA");
  g_assert_true (sec_store_delete (a, &sec_entity_member, sec_record_get_id (vca), &error));

  r1 = sync_ok (a, url);
  g_assert_cmpuint (r1->pushed, >=, 2);
  r2 = sync_ok (b, url);
  {
    g_autoptr(SecRecord) asec = load_member (b, "ASEC");
    g_assert_cmpstr (sec_record_get (asec, "city"), ==, "Kuala Lumpur");
  }
  g_assert_cmpint (sec_store_count (b, &sec_entity_member), ==, members - 1);
  g_assert_null (sec_store_load (b, &sec_entity_member, sec_record_get_id (vca), NULL));

  /* And back: restored in B, restored in A. */
  g_assert_true (sec_store_restore (b, &sec_entity_member, sec_record_get_id (vca), &error));
  r3 = sync_ok (b, url);
  r4 = sync_ok (a, url);
  g_assert_cmpint (sec_store_count (a, &sec_entity_member), ==, members);
  sec_test_couch_assert_same (a, url);
  sec_test_couch_assert_same (b, url);
}

/* Different fields changed in two offices merge without a conflict. */
static void
test_merge_different_fields (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SecStore) a = NULL, b = NULL;
  g_autoptr(SecSyncReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(SecRecord) in_a = NULL, in_b = NULL;

  two_offices (&url, &a, &b);
  edit_member (a, "ASEC", "city", "Kuala Lumpur");
  edit_member (b, "ASEC", "email", "office@example.org");
  r1 = sync_ok (a, url);
  r2 = sync_ok (b, url);
  g_assert_cmpuint (r2->conflicts, ==, 0);
  r3 = sync_ok (a, url);
  in_a = load_member (a, "ASEC");
  in_b = load_member (b, "ASEC");
  g_assert_cmpstr (sec_record_get (in_a, "city"), ==, "Kuala Lumpur");
  g_assert_cmpstr (sec_record_get (in_a, "email"), ==, "office@example.org");
  g_assert_true (sec_record_equal (in_a, in_b));
  g_assert_cmpuint (sec_store_sync_count_dirty (a), ==, 0);
  sec_test_couch_assert_same (a, url);
  sec_test_couch_assert_same (b, url);
}

/* The same field changed in two offices: the local value stays, the remote
 * one is kept as a conflict, nothing is lost; choosing settles it. */
static void
test_conflict_kept_then_resolved (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SecStore) a = NULL, b = NULL;
  g_autoptr(SecSyncReport) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  SecConflict *conflict;

  two_offices (&url, &a, &b);
  edit_member (a, "ASEC", "city", "Kuala Lumpur");
  edit_member (b, "ASEC", "city", "Petaling Jaya");
  r1 = sync_ok (a, url);
  r2 = sync_ok (b, url);
  g_assert_cmpuint (r2->conflicts, ==, 1);
  conflicts = sec_store_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "city");
  g_assert_cmpstr (conflict->local_value, ==, "Petaling Jaya");
  g_assert_cmpstr (conflict->remote_value, ==, "Kuala Lumpur");
  {
    g_autoptr(SecRecord) asec = load_member (b, "ASEC");
    g_assert_cmpstr (sec_record_get (asec, "city"), ==, "Petaling Jaya");
  }

  /* The person in B takes A's value; it reaches A as agreed. */
  g_assert_true (sec_store_resolve_conflict (b, conflict->id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = sec_store_conflicts (b);
  g_assert_cmpuint (conflicts->len, ==, 0);
  r3 = sync_ok (b, url);
  r4 = sync_ok (a, url);
  {
    g_autoptr(SecRecord) in_a = load_member (a, "ASEC");
    g_autoptr(SecRecord) in_b = load_member (b, "ASEC");
    g_assert_cmpstr (sec_record_get (in_a, "city"), ==, "Kuala Lumpur");
    g_assert_true (sec_record_equal (in_a, in_b));
  }
  sec_test_couch_assert_same (a, url);
  sec_test_couch_assert_same (b, url);
}

/* A push the server refuses as a conflict (it has a newer revision this
 * store has not pulled): fetch, merge, push again. */
static void
test_push_conflict_retried (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SecStore) a = NULL, b = NULL;
  g_autoptr(SecSyncReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecRecord) in_a = NULL, in_b = NULL;

  two_offices (&url, &a, &b);
  edit_member (b, "ASEC", "email", "office@example.org");
  r1 = sync_ok (b, url);
  /* A does not see B's change in its pull. */
  g_assert_true (sec_store_sync_set_checkpoint (a, url, "999999", &error));
  edit_member (a, "ASEC", "city", "Kuala Lumpur");
  r2 = sync_ok (a, url);
  g_assert_cmpuint (r2->problems->len, ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (a), ==, 0);
  r3 = sync_ok (b, url);
  in_a = load_member (a, "ASEC");
  in_b = load_member (b, "ASEC");
  g_assert_cmpstr (sec_record_get (in_b, "city"), ==, "Kuala Lumpur");
  g_assert_cmpstr (sec_record_get (in_a, "email"), ==, "office@example.org");
  sec_test_couch_assert_same (a, url);
  sec_test_couch_assert_same (b, url);
}

/* Fields a newer version of the app wrote come back unchanged. */
static void
test_unknown_fields_kept (void)
{
  g_autofree char *url = new_database ();
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, NULL);
  g_autoptr(SecStore) a = sec_test_store_new (NULL);
  g_autoptr(JsonNode) created = NULL, fetched = NULL;
  g_autoptr(SecSyncReport) r1 = NULL, r2 = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *doc;

  created = request (client, "PUT", "member:7d1f3c1e-58a4-4c7e-9b1a-2f0d4c9e8a11",
                     "{\"type\":\"member\",\"schema\":2,\"name\":\"Bina Swadaya\",\"kind\":\"foundation\","
                     "\"country\":\"ID\",\"accreditation\":{\"body\":\"RIPESS\",\"since\":2019}}", &error);
  g_assert_no_error (error);
  r1 = sync_ok (a, url);
  g_assert_cmpuint (r1->pulled, ==, 1);
  {
    g_autoptr(SecRecord) bina = sec_store_load (a, &sec_entity_member, "7d1f3c1e-58a4-4c7e-9b1a-2f0d4c9e8a11", &error);
    g_assert_no_error (error);
    sec_record_set (bina, "city", "Jakarta");
    g_assert_true (sec_store_save (a, bina, &error));
  }
  r2 = sync_ok (a, url);
  g_assert_cmpuint (r2->pushed, ==, 1);
  fetched = request (client, "GET", "member:7d1f3c1e-58a4-4c7e-9b1a-2f0d4c9e8a11", NULL, &error);
  g_assert_no_error (error);
  doc = json_node_get_object (fetched);
  g_assert_cmpstr (json_object_get_string_member (doc, "city"), ==, "Jakarta");
  g_assert_true (json_object_has_member (doc, "accreditation"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (doc, "accreditation"), "since"), ==, 2019);
}

/* Two offices wrote the same document while the server could not order
 * them (replication between servers): the server keeps both revisions, one
 * winning. The losing one's values are kept as conflicts; once settled,
 * the losing revision is deleted and the server has one version again. */
static void
test_server_conflicts (void)
{
  g_autofree char *url = new_database ();
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, NULL);
  g_autoptr(SecStore) a = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) doc = NULL, written = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc_path = NULL, *json = NULL, *bulk = NULL, *with_conflicts = NULL;
  g_autoptr(SecRecord) asec = NULL;
  const char *original_rev;
  SecConflict *conflict;
  JsonObject *object;

  sec_store_load_sample (a, NULL);
  r1 = sync_ok (a, url);
  asec = load_member (a, "ASEC");
  doc_path = g_strconcat ("member:", sec_record_get_id (asec), NULL);

  /* A second leaf with another city, as replication would leave it. */
  doc = request (client, "GET", doc_path, NULL, &error);
  g_assert_no_error (error);
  object = json_node_get_object (doc);
  original_rev = json_object_get_string_member (object, "_rev");
  g_assert_true (g_str_has_prefix (original_rev, "1-"));
  {
    g_autofree char *kept = g_strdup (original_rev);
    json_object_set_string_member (object, "city", "Shah Alam");
    json_object_set_string_member (object, "_rev", "1-ffffffffffffffffffffffffffffffff");
    json = json_to_string (doc, FALSE);
    bulk = g_strdup_printf ("{\"new_edits\": false, \"docs\": [%s]}", json);
    written = request (client, "POST", "_bulk_docs", bulk, &error);
    g_assert_no_error (error);
    g_clear_pointer (&doc, json_node_unref);
    doc = request (client, "GET", doc_path, NULL, &error);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (doc), "city"), ==, "Shah Alam");

    r2 = sync_ok (a, url);
    g_assert_cmpuint (r2->conflicts, ==, 1);
    conflicts = sec_store_conflicts (a);
    g_assert_cmpuint (conflicts->len, ==, 1);
    conflict = g_ptr_array_index (conflicts, 0);
    g_assert_cmpstr (conflict->field, ==, "city");
    g_assert_cmpstr (conflict->local_value, ==, "Shah Alam");   /* the winner */
    g_assert_null (conflict->remote_value);                     /* the loser had no city */
    g_assert_cmpstr (conflict->remote_rev, ==, kept);
  }

  /* Keep the winner: the losing revision goes. */
  g_assert_true (sec_store_resolve_conflict (a, conflict->id, FALSE, &error));
  r3 = sync_ok (a, url);
  with_conflicts = g_strconcat (doc_path, "?conflicts=true", NULL);
  after = request (client, "GET", with_conflicts, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (json_node_get_object (after), "_conflicts"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after), "city"), ==, "Shah Alam");
}

static void
check_fails (const char    *url,
             const char    *user,
             const char    *password,
             SecCouchError  expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, user, password, &error);
  Wait wait = { NULL };

  if (client != NULL)
    {
      sec_couch_client_check_async (client, NULL, on_done, &wait);
      g_assert_false (sec_couch_client_check_finish (client, wait_result (&wait), &error));
      g_object_unref (wait.result);
    }
  g_test_message ("%s: %s", url, error ? error->message : "(no error)");
  g_assert_error (error, SEC_COUCH_ERROR, (gint) expected);
}

/* A server that answers HTML, as a captive portal or a wrong address does. */
static void
on_html (SoupServer        *soup,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, "<html>Welcome</html>", 20);
}

static void
test_connection_errors (void)
{
  g_autofree char *url = new_database ();
  g_autofree char *missing = g_strdup_printf ("%s/no-such-network", server_url);
  g_autoptr(SoupServer) html = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *html_url = NULL;
  Wait wait = { NULL };

  /* All is well. */
  {
    g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, &error);
    sec_couch_client_check_async (client, NULL, on_done, &wait);
    g_assert_true (sec_couch_client_check_finish (client, wait_result (&wait), &error));
    g_assert_no_error (error);
    g_clear_object (&wait.result);
  }
  check_fails (url, USER, "wrong", SEC_COUCH_ERROR_UNAUTHORIZED);
  check_fails (missing, USER, PASSWORD, SEC_COUCH_ERROR_NOT_FOUND);
  check_fails ("http://couch.example.org/asec", USER, PASSWORD, SEC_COUCH_ERROR_INSECURE);
  check_fails ("https://couch.example.org/", USER, PASSWORD, SEC_COUCH_ERROR_BAD_URL);
  check_fails ("ftp://couch.example.org/asec", USER, PASSWORD, SEC_COUCH_ERROR_BAD_URL);
  check_fails ("http://127.0.0.1:9/asec", USER, PASSWORD, SEC_COUCH_ERROR_CONNECT);
  check_fails ("https://no-such-host.invalid/asec", USER, PASSWORD, SEC_COUCH_ERROR_RESOLVE);

  /* HTTPS with a certificate nobody vouches for: refused, never bypassed. */
  {
    g_autofree char *pem = g_build_filename (SRCDIR, "data", "tls", "self-signed.pem", NULL);
    g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, &error);
    g_autoptr(SoupServer) tls = NULL;
    g_autoptr(GSList) tls_uris = NULL;
    g_autofree char *tls_url = NULL;

    g_assert_no_error (error);
    tls = soup_server_new ("tls-certificate", certificate, NULL);
    soup_server_add_handler (tls, NULL, on_html, NULL, NULL);
    g_assert_true (soup_server_listen_local (tls, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
    g_assert_no_error (error);
    tls_uris = soup_server_get_uris (tls);
    tls_url = g_strdup_printf ("https://127.0.0.1:%d/asec", g_uri_get_port (tls_uris->data));
    g_slist_free_full (g_steal_pointer (&tls_uris), (GDestroyNotify) g_uri_unref);
    check_fails (tls_url, USER, PASSWORD, SEC_COUCH_ERROR_TLS);
  }

  soup_server_add_handler (html, NULL, on_html, NULL, NULL);
  g_assert_true (soup_server_listen_local (html, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (html);
  html_url = g_strdup_printf ("http://127.0.0.1:%d/asec", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  check_fails (html_url, USER, PASSWORD, SEC_COUCH_ERROR_NOT_COUCHDB);

  /* A failed sync changes nothing and keeps every queued change. */
  {
    g_autoptr(SecStore) store = sec_test_store_new (NULL);
    guint queued;

    sec_store_load_sample (store, NULL);
    queued = sec_store_sync_count_dirty (store);
    g_assert_null (sync_store (store, "http://127.0.0.1:9/asec", &error));
    g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT);
    g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, queued);
  }
}

/* The headless one-shot sync of cron jobs. */
static void
test_headless_sync (void)
{
  g_autofree char *url = new_database ();
  g_autofree char *db = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&db);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  guint queued;
  int status;

  sec_store_load_sample (store, NULL);
  queued = sec_store_sync_count_dirty (store);
  g_clear_object (&store);

  env = g_environ_setenv (env, "SECRETARIAT_SYNC_USER", USER, TRUE);
  env = g_environ_setenv (env, "SECRETARIAT_SYNC_PASSWORD", "not the password", TRUE);
  env = g_environ_setenv (env, "G_MESSAGES_DEBUG", "all", TRUE);   /* the password is in no log either */
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) binary, "--db", db, "--sync", "--remote", url, NULL },
                               env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "401"));
  g_assert_true (g_str_has_suffix (err, "\n") && strchr (err, '\n') == err + strlen (err) - 1);   /* one line */
  g_assert_null (strstr (err, "not the password"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  env = g_environ_setenv (env, "SECRETARIAT_SYNC_PASSWORD", PASSWORD, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) binary, "--db", db, "--sync", "--remote", url, NULL },
                               env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    /* Neither as it is nor as the Authorization header carries it. */
    g_autofree char *basic = g_base64_encode ((const guchar *) USER ":" PASSWORD, strlen (USER ":" PASSWORD));

    g_assert_null (strstr (err, PASSWORD));
    g_assert_null (strstr (out, PASSWORD));
    g_assert_null (strstr (err, basic));
    g_assert_null (strstr (out, basic));
  }
  {
    g_autofree char *expected = g_strdup_printf ("\nPulled 0, pushed %u, conflicts 0\n", queued);
    g_assert_true (g_str_has_suffix (out, expected));   /* after the debug messages */
  }
  /* Nor in the database, its log or anything beside it. */
  {
    g_autofree char *dir = g_path_get_dirname (db);
    g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (files)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *bytes = NULL;
        gsize length;

        if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_file_get_contents (path, &bytes, &length, NULL))
          g_assert_null (g_strstr_len (bytes, (gssize) length, PASSWORD));
      }
  }
  store = sec_store_open (db, &error);
  g_assert_cmpuint (sec_store_sync_count_dirty (store), ==, 0);
}

/* Every live record of a store file as text, with its values, in id
 * order. A deleted record counts as absent: an office that never saw it
 * live holds no row for it. */
static char *
dump_store (const char *path)
{
  GString *dump = g_string_new (NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", (*e)->name);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gboolean deleted = FALSE;

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            if (g_str_equal (sqlite3_column_name (stmt, c), "deleted"))
              deleted = sqlite3_column_int (stmt, c);
          if (deleted)
            continue;
          g_string_append_printf (dump, "%s", (*e)->name);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            if (sec_entity_get_field (*e, sqlite3_column_name (stmt, c)) != NULL)
              g_string_append_printf (dump, " %s=%s", sqlite3_column_name (stmt, c),
                                      sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "");
            else if (g_str_equal (sqlite3_column_name (stmt, c), "id"))
              g_string_append_printf (dump, " %s", sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

/* How many live contacts of @path belong to a deleted member: changes no
 * one would see again. */
static gint64
orphans (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM contact AS c JOIN member AS m ON m.id = c.member_id "
                                           "WHERE c.deleted = 0 AND m.deleted = 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
random_operation (SecStore   *store,
                  GPtrArray  *deleted,
                  GRand      *rand,
                  const char *url)
{
  static const char *const cities[] = { "Kuala Lumpur", "Hà Nội", "กรุงเทพมหานคร", "ភ្នំពេញ", "Quezon City", "Jakarta" };
  static const char *const fields[] = { "city", "acronym", "notes", "email" };
  static const char *const countries[] = { "MY", "VN", "TH", "KH", "PH", "ID", "MM", "MN" };
  int dice = g_rand_int_range (rand, 0, 100);
  g_autofree char *id = random_id_of (store, &sec_entity_member, rand);
  g_autofree char *value = g_strdup_printf ("v%u", g_rand_int (rand) % 1000);
  g_autoptr(GError) error = NULL;

  if (dice < 30 && id != NULL)
    {
      g_autoptr(SecRecord) member = sec_store_load (store, &sec_entity_member, id, NULL);
      const char *field = fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (fields))];
      g_autofree char *email = g_strdup_printf ("%s@example.org", value);

      sec_record_set (member, field, g_str_equal (field, "city") ? cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))]
                                     : g_str_equal (field, "email") ? email : value);
      g_assert_true (sec_store_save (store, member, &error));
    }
  else if (dice < 45)
    {
      g_autofree char *name = g_strdup_printf ("Koperasi %s", value);
      g_autoptr(SecRecord) member = sec_test_member (name, countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))], NULL);
      g_assert_true (sec_store_save (store, member, &error));
    }
  else if (dice < 55 && id != NULL)
    {
      g_assert_true (sec_store_delete (store, &sec_entity_member, id, &error));
      g_ptr_array_add (deleted, g_strdup (id));
    }
  else if (dice < 60 && deleted->len > 0)
    {
      g_autofree char *gone = g_ptr_array_steal_index (deleted, (guint) g_rand_int_range (rand, 0, (gint32) deleted->len));
      /* It may have come back from the other office already. */
      sec_store_restore (store, &sec_entity_member, gone, NULL);
    }
  else if (dice < 75 && id != NULL)
    {
      g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
      g_autofree char *name = g_strdup_printf ("Contact %s", value);
      sec_record_set (contact, "member_id", id);
      sec_record_set (contact, "name", name);
      g_assert_true (sec_store_save (store, contact, &error));
    }
  else if (dice < 80)
    {
      g_autofree char *contact_id = random_id_of (store, &sec_entity_contact, rand);
      g_autoptr(SecRecord) contact = contact_id ? sec_store_load (store, &sec_entity_contact, contact_id, NULL) : NULL;
      if (contact != NULL)
        {
          sec_record_set (contact, "role", value);
          g_assert_true (sec_store_save (store, contact, &error));
        }
    }
  else
    {
      g_autoptr(SecSyncReport) report = sync_ok (store, url);
    }
  g_assert_no_error (error);
}

/* Settles every conflict of @store, at random, as a person would. */
static void
settle_all (SecStore *store,
            GRand    *rand)
{
  g_autoptr(GPtrArray) conflicts = sec_store_conflicts (store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < conflicts->len; i++)
    {
      SecConflict *conflict = g_ptr_array_index (conflicts, i);
      sec_store_resolve_conflict (store, conflict->id, g_rand_boolean (rand), &error);
      g_assert_no_error (error);
    }
}

/* Two offices work at random, syncing now and then: after a last round of
 * syncs both hold exactly the same records. */
static void
test_random_offices_converge (void)
{
  g_autofree char *url = new_database ();
  g_autofree char *path_a = NULL, *path_b = NULL;
  g_autoptr(SecStore) a = sec_test_store_new (&path_a);
  g_autoptr(SecStore) b = sec_test_store_new (&path_b);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240129);
  g_autoptr(GPtrArray) deleted_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) deleted_b = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dump_a = NULL, *dump_b = NULL;

  sec_store_load_sample (a, NULL);
  for (guint i = 0; i < 600; i++)
    {
      gboolean in_a = g_rand_boolean (rand);
      random_operation (in_a ? a : b, in_a ? deleted_a : deleted_b, rand, url);
    }
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(SecSyncReport) ra = sync_ok (a, url);
      g_autoptr(SecSyncReport) rb = sync_ok (b, url);
      g_assert_cmpuint (ra->problems->len + rb->problems->len, ==, 0);
    }
  {
    /* The run did exercise merges that collided. A deletion against an
     * edit holds its record back until a person chooses: choose. */
    g_autoptr(GPtrArray) conflicts_a = sec_store_conflicts (a);
    g_autoptr(GPtrArray) conflicts_b = sec_store_conflicts (b);
    g_test_message ("conflicts kept: %u in A, %u in B", conflicts_a->len, conflicts_b->len);
    g_assert_cmpuint (conflicts_a->len + conflicts_b->len, >, 0);
    settle_all (a, rand);
    settle_all (b, rand);
  }
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(SecSyncReport) ra = sync_ok (a, url);
      g_autoptr(SecSyncReport) rb = sync_ok (b, url);
    }
  {
    g_autoptr(SecSyncReport) last = sync_ok (a, url);
  }
  g_assert_cmpuint (sec_store_sync_count_dirty (a), ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (b), ==, 0);
  g_assert_cmpint (orphans (path_a), ==, 0);
  g_assert_cmpint (orphans (path_b), ==, 0);
  dump_a = dump_store (path_a);
  dump_b = dump_store (path_b);
  g_assert_cmpuint (strlen (dump_a), >, 1000);
  g_assert_cmpstr (dump_a, ==, dump_b);
  sec_test_couch_assert_same (a, url);
  sec_test_couch_assert_same (b, url);
}

/* A member deleted in one office while the other, not knowing, added a
 * contact to it and changed the one it had */

#define KL "Kuala Lumpur office"
#define HN "Hanoi office"

typedef struct {
  char     *url;
  char     *path_kl, *path_hn;
  SecStore *kl, *hn;
  char     *member_id;
  char     *kept_id;    /* the contact both had */
  char     *added_id;   /* the one Hanoi added */
} Parted;

static void
parted_clear (Parted *p)
{
  g_free (p->url);
  g_free (p->path_kl);
  g_free (p->path_hn);
  g_clear_object (&p->kl);
  g_clear_object (&p->hn);
  g_free (p->member_id);
  g_free (p->kept_id);
  g_free (p->added_id);
}

static char *
save_contact (SecStore   *store,
              const char *member_id,
              const char *name)
{
  g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
  g_autoptr(GError) error = NULL;

  sec_record_set (contact, "member_id", member_id);
  sec_record_set (contact, "name", name);
  sec_record_set (contact, "role", "Chair");
  g_assert_true (sec_store_save (store, contact, &error));
  g_assert_no_error (error);
  return g_strdup (sec_record_get_id (contact));
}

static void
synced (SecStore   *store,
        const char *url,
        const char *office)
{
  g_autoptr(SecSyncReport) report = sync_office_ok (store, url, office);
  g_assert_cmpuint (report->problems->len, ==, 0);
}

/* Kuala Lumpur deletes the member (@contact_first: its contact first, on
 * its own); Hanoi adds a contact to it and makes the other treasurer. */
static void
part (Parted   *p,
      gboolean  contact_first)
{
  g_autoptr(SecRecord) member = sec_test_member ("Koperasi Induk Selangor", "MY", NULL);
  g_autoptr(SecRecord) kept = NULL;
  g_autoptr(GError) error = NULL;

  p->url = new_database ();
  p->kl = sec_test_store_new (&p->path_kl);
  p->hn = sec_test_store_new (&p->path_hn);
  g_assert_true (sec_store_save (p->kl, member, &error));
  p->member_id = g_strdup (sec_record_get_id (member));
  p->kept_id = save_contact (p->kl, p->member_id, "Aminah Yusof");
  synced (p->kl, p->url, KL);
  synced (p->hn, p->url, HN);

  if (contact_first)
    g_assert_true (sec_store_delete (p->kl, &sec_entity_contact, p->kept_id, &error));
  g_assert_true (sec_store_delete (p->kl, &sec_entity_member, p->member_id, &error));
  p->added_id = save_contact (p->hn, p->member_id, "Nguyen Thi Lan");
  kept = sec_store_load (p->hn, &sec_entity_contact, p->kept_id, &error);
  sec_record_set (kept, "role", "Treasurer");
  g_assert_true (sec_store_save (p->hn, kept, &error));
  g_assert_no_error (error);
}

/* The one question the office that syncs second has: about the member. */
static SecConflict *
question_in (SecStore *store)
{
  g_autoptr(GPtrArray) conflicts = sec_store_conflicts (store);

  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((SecConflict *) g_ptr_array_index (conflicts, 0))->field, ==, "_deleted");
  g_assert_true (((SecConflict *) g_ptr_array_index (conflicts, 0))->entity == &sec_entity_member);
  g_assert_cmpstr (((SecConflict *) g_ptr_array_index (conflicts, 0))->base_value, ==, "contact");
  return g_ptr_array_steal_index (conflicts, 0);
}

static gboolean
is_live (SecStore        *store,
         const SecEntity *entity,
         const char      *id)
{
  g_autoptr(SecRecord) record = sec_store_load (store, entity, id, NULL);
  return record != NULL;
}

/* After the choice and a few syncs, both offices and the server agree:
 * the member back with both contacts and Hanoi's change, or gone with
 * them, and no contact left under a deleted member. */
static void
assert_settled (Parted  *p,
                gboolean restored)
{
  SecStore *stores[] = { p->kl, p->hn };
  const char *paths[] = { p->path_kl, p->path_hn };

  for (guint round = 0; round < 2; round++)
    {
      synced (p->kl, p->url, KL);
      synced (p->hn, p->url, HN);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GPtrArray) conflicts = sec_store_conflicts (stores[i]);
      g_autoptr(GPtrArray) contacts = sec_store_load_children (stores[i], &sec_entity_contact, p->member_id);

      g_assert_cmpuint (conflicts->len, ==, 0);
      g_assert_cmpuint (sec_store_sync_count_dirty (stores[i]), ==, 0);
      g_assert_cmpint (orphans (paths[i]), ==, 0);
      g_assert_cmpint (is_live (stores[i], &sec_entity_member, p->member_id), ==, restored);
      g_assert_cmpint (is_live (stores[i], &sec_entity_contact, p->kept_id), ==, restored);
      g_assert_cmpint (is_live (stores[i], &sec_entity_contact, p->added_id), ==, restored);
      if (restored)
        {
          g_autoptr(SecRecord) kept = sec_store_load (stores[i], &sec_entity_contact, p->kept_id, NULL);
          g_assert_cmpstr (sec_record_get (kept, "role"), ==, "Treasurer");
        }
      sec_test_couch_assert_same (stores[i], p->url);
    }
}

/* Hanoi hears of the deletion first: the member stays there, as it was
 * with Hanoi's contacts, and nothing of it goes out until someone
 * chooses. */
static void
deleted_there (gboolean restore)
{
  Parted p = { NULL };
  g_autoptr(SecConflict) question = NULL;
  g_autoptr(SecSyncReport) held = NULL;
  g_autoptr(GError) error = NULL;

  part (&p, FALSE);
  synced (p.kl, p.url, KL);
  synced (p.hn, p.url, HN);
  question = question_in (p.hn);
  g_assert_cmpstr (question->local_value, ==, "changed");
  g_assert_cmpstr (question->remote_value, ==, "deleted");
  g_assert_cmpstr (question->remote_office, ==, KL);
  g_assert_true (is_live (p.hn, &sec_entity_member, p.member_id));
  g_assert_true (is_live (p.hn, &sec_entity_contact, p.added_id));
  g_assert_true (is_live (p.hn, &sec_entity_contact, p.kept_id));
  held = sync_office_ok (p.hn, p.url, HN);
  g_assert_cmpuint (held->pushed, ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (p.hn), ==, 3);

  g_assert_true (sec_store_resolve_conflict (p.hn, question->id, !restore, &error));
  g_assert_no_error (error);
  assert_settled (&p, restore);
  parted_clear (&p);
}

static void
test_parent_deleted_there_restored (void)
{
  deleted_there (TRUE);
}

static void
test_parent_deleted_there_kept_deleted (void)
{
  deleted_there (FALSE);
}

/* Hanoi's contacts reach the server first: Kuala Lumpur keeps the member
 * deleted, holds the deletion back, and asks about the member, also for
 * the contact it had deleted on its own before. */
static void
deleted_here (gboolean restore,
              gboolean contact_first)
{
  Parted p = { NULL };
  g_autoptr(SecConflict) question = NULL;
  g_autoptr(GError) error = NULL;

  part (&p, contact_first);
  synced (p.hn, p.url, HN);
  synced (p.kl, p.url, KL);
  question = question_in (p.kl);
  g_assert_cmpstr (question->local_value, ==, "deleted");
  g_assert_cmpstr (question->remote_value, ==, "changed");
  g_assert_cmpstr (question->remote_office, ==, HN);
  g_assert_false (is_live (p.kl, &sec_entity_member, p.member_id));
  synced (p.hn, p.url, HN);
  g_assert_true (is_live (p.hn, &sec_entity_member, p.member_id));   /* the deletion waits */

  g_assert_true (sec_store_resolve_conflict (p.kl, question->id, restore, &error));
  g_assert_no_error (error);
  assert_settled (&p, restore);
  parted_clear (&p);
}

static void
test_parent_deleted_here_restored (void)
{
  deleted_here (TRUE, FALSE);
}

static void
test_parent_deleted_here_kept_deleted (void)
{
  deleted_here (FALSE, FALSE);
}

static void
test_parent_deleted_here_contact_first_restored (void)
{
  deleted_here (TRUE, TRUE);
}

static void
test_parent_deleted_here_contact_first_kept_deleted (void)
{
  deleted_here (FALSE, TRUE);
}

static gboolean
scheduler_is (SecSyncScheduler *scheduler,
              SecSyncStatus     status)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sec_sync_scheduler_get_status (scheduler) != status && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return sec_sync_scheduler_get_status (scheduler) == status;
}

/* The scheduler behind the header bar's button: off without a server,
 * offline when nothing answers (changes wait), synced once it can. */
static void
test_scheduler_status (void)
{
  g_autofree char *url = new_database ();
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GSettings) settings = g_settings_new ("org.asec.Secretariat");
  g_autoptr(SecSyncScheduler) scheduler = NULL;
  g_autofree char *text = NULL;
  guint waiting;

  sec_store_load_sample (store, NULL);
  waiting = sec_store_sync_count_dirty (store);
  g_settings_set_string (settings, "sync-url", "");
  g_settings_set_string (settings, "sync-user", "");
  scheduler = sec_sync_scheduler_new (store, settings);
  g_assert_cmpint (sec_sync_scheduler_get_status (scheduler), ==, SEC_SYNC_OFF);
  text = sec_sync_scheduler_describe (scheduler);
  g_assert_cmpstr (text, ==, "Sync is off");

  /* The network is up (the tests' network monitor says so): a server that
   * refuses is a failure, not "offline". */
  g_settings_set_string (settings, "sync-url", "http://127.0.0.1:9/asec");
  g_assert_true (scheduler_is (scheduler, SEC_SYNC_FAILED));
  g_clear_pointer (&text, g_free);
  text = sec_sync_scheduler_describe (scheduler);
  g_assert_cmpstr (text, ==, "Server unreachable");
  g_clear_pointer (&text, g_free);
  text = sec_sync_scheduler_explain (scheduler);
  {
    g_autofree char *expected = g_strdup_printf ("Server unreachable\n"
                                                 "127.0.0.1 refused the connection: check that the server runs "
                                                 "and that the address and port are right\n"
                                                 "%u changes wait to be sent. Secretariat tries again by itself.",
                                                 waiting);
    g_assert_cmpstr (text, ==, expected);
  }

  g_settings_set_string (settings, "sync-user", USER);
  g_settings_set_string (settings, "sync-url", url);
  sec_sync_scheduler_set_password (scheduler, PASSWORD);
  g_assert_true (scheduler_is (scheduler, SEC_SYNC_IDLE));
  g_clear_pointer (&text, g_free);
  text = sec_sync_scheduler_describe (scheduler);
  g_assert_true (g_str_has_prefix (text, "Synced at "));
  g_assert_cmpuint (sec_sync_scheduler_get_waiting (scheduler), ==, 0);
  g_settings_reset (settings, "sync-url");
  g_settings_reset (settings, "sync-user");
}

/* Harness */

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  binary = argc > 1 ? argv[1] : "secretariat";
  sec_test_couch_start (SRCDIR);

  g_test_add_func ("/sync/push-and-pull", test_push_and_pull);
  g_test_add_func ("/sync/changes-and-tombstones-travel", test_changes_and_tombstones_travel);
  g_test_add_func ("/sync/merge-different-fields", test_merge_different_fields);
  g_test_add_func ("/sync/conflict-kept-then-resolved", test_conflict_kept_then_resolved);
  g_test_add_func ("/sync/push-conflict-retried", test_push_conflict_retried);
  g_test_add_func ("/sync/unknown-fields-kept", test_unknown_fields_kept);
  g_test_add_func ("/sync/server-conflicts", test_server_conflicts);
  g_test_add_func ("/sync/connection-errors", test_connection_errors);
  g_test_add_func ("/sync/headless", test_headless_sync);
  g_test_add_func ("/sync/scheduler-status", test_scheduler_status);
  g_test_add_func ("/sync/parent-deleted-there/restored", test_parent_deleted_there_restored);
  g_test_add_func ("/sync/parent-deleted-there/kept-deleted", test_parent_deleted_there_kept_deleted);
  g_test_add_func ("/sync/parent-deleted-here/restored", test_parent_deleted_here_restored);
  g_test_add_func ("/sync/parent-deleted-here/kept-deleted", test_parent_deleted_here_kept_deleted);
  g_test_add_func ("/sync/parent-deleted-here/contact-first/restored", test_parent_deleted_here_contact_first_restored);
  g_test_add_func ("/sync/parent-deleted-here/contact-first/kept-deleted",
                   test_parent_deleted_here_contact_first_kept_deleted);
  g_test_add_func ("/sync/random-offices-converge", test_random_offices_converge);

  status = g_test_run ();
  sec_test_couch_stop ();
  return status;
}
