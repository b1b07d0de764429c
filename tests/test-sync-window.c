/* test-sync-window.c: sync as a person sets it up and uses it, in the real
 * window, against PouchDB Server */

#include "sec-application.h"
#include "sec-conflicts-dialog.h"
#include "sec-json.h"
#include "sec-preferences-window.h"
#include "sec-test-couch.h"
#include "sec-window.h"

static SecApplication *app;
static SecWindow *window;

static gboolean
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return done (data);
}

static gboolean
button_says (gpointer prefix)
{
  return g_str_has_prefix (sec_sync_button_get_text (sec_window_get_sync_button (window)), prefix);
}

static gboolean
test_finished (gpointer prefs)
{
  const char *result = sec_preferences_window_get_test_result (prefs);
  return result != NULL && !g_str_equal (result, "Testing…");
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

/* Changes a document on the server behind the app's back, as another office
 * would, with curl-like plain HTTP. */
static void
server_edit (const char *database,
             const char *doc_id,
             const char *field,
             const char *value)
{
  g_autofree char *url = g_strdup_printf ("%s/%s/%s", server_url, database, doc_id);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) get = soup_message_new ("GET", url);
  g_autoptr(SoupMessage) put = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *auth = g_base64_encode ((const guchar *) USER ":" PASSWORD, strlen (USER ":" PASSWORD));
  g_autofree char *header = g_strconcat ("Basic ", auth, NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (get), "Authorization", header);
  body = soup_session_send_and_read (session, get, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL));
  json_object_set_string_member (json_node_get_object (json_parser_get_root (parser)), field, value);
  json = json_to_string (json_parser_get_root (parser), FALSE);
  g_clear_pointer (&body, g_bytes_unref);
  put = soup_message_new ("PUT", url);
  soup_message_headers_replace (soup_message_get_request_headers (put), "Authorization", header);
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (put, "application/json", body);
  g_clear_pointer (&body, g_bytes_unref);
  body = soup_session_send_and_read (session, put, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (put), ==, 201);
}

static void
create_database (const char *name)
{
  g_autofree char *url = g_strdup_printf ("%s/%s", server_url, name);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) put = soup_message_new ("PUT", url);
  g_autofree char *auth = g_base64_encode ((const guchar *) USER ":" PASSWORD, strlen (USER ":" PASSWORD));
  g_autofree char *header = g_strconcat ("Basic ", auth, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (put), "Authorization", header);
  body = soup_session_send_and_read (session, put, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (put), ==, 201);
}

static void
test_set_up_sync_and_settle_a_conflict (void)
{
  SecStore *store = sec_application_get_store (app);
  SecPreferencesWindow *prefs;
  g_autofree char *asec = sec_store_find_id (store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  g_autofree char *doc_id = g_strconcat ("member:", asec, NULL);
  SecConflictsDialog *dialog;

  g_assert_true (button_says ("Sync is off"));
  create_database ("office");

  /* Preferences: a plain-HTTP address off this machine is refused beside
   * the field; the test says exactly what is missing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-settings", NULL));
  prefs = find_toplevel (SEC_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  sec_preferences_window_set_address (prefs, "http://couch.example.org", "office", USER);
  g_assert_nonnull (sec_preferences_window_get_problem (prefs));
  g_assert_nonnull (strstr (sec_preferences_window_get_problem (prefs), "HTTPS"));
  sec_preferences_window_set_address (prefs, server_url, "office", USER);
  g_assert_null (sec_preferences_window_get_problem (prefs));
  sec_preferences_window_test (prefs);
  g_assert_true (wait_until (test_finished, prefs));
  g_assert_nonnull (strstr (sec_preferences_window_get_test_result (prefs), "401"));

  /* With the password, everything goes up. */
  sec_preferences_window_apply_password (prefs, PASSWORD);
  sec_preferences_window_test (prefs);
  g_assert_true (wait_until (test_finished, prefs));
  g_assert_true (g_str_has_prefix (sec_preferences_window_get_test_result (prefs), "Connected"));
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (wait_until (button_says, (gpointer) "Synced at"));

  /* Another office changes ASEC's city; so does this one. */
  server_edit ("office", doc_id, "city", "Kuala Lumpur");
  {
    g_autoptr(SecRecord) member = sec_store_load (store, &sec_entity_member, asec, NULL);
    sec_record_set (member, "city", "Petaling Jaya");
    g_assert_true (sec_store_save (store, member, NULL));
  }
  gtk_widget_activate_action (GTK_WIDGET (sec_window_get_sync_button (window)), "sync.now", NULL);
  g_assert_true (wait_until (button_says, (gpointer) "Synced at"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sec_window_get_sync_button (window)), "sync.conflicts", NULL));
  dialog = find_toplevel (SEC_TYPE_CONFLICTS_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (sec_conflicts_dialog_get_rows (dialog), ==, 1);
  g_assert_true (sec_conflicts_dialog_settle (dialog, 0, TRUE));
  g_assert_cmpuint (sec_conflicts_dialog_get_rows (dialog), ==, 0);
  {
    g_autoptr(SecRecord) member = sec_store_load (store, &sec_entity_member, asec, NULL);
    g_assert_cmpstr (sec_record_get (member, "city"), ==, "Kuala Lumpur");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  sec_test_couch_start (SRCDIR);
  dir = g_dir_make_tmp ("secretariat-sync-window-XXXXXX", &error);
  db = g_build_filename (dir, "office.db", NULL);
  app = sec_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_true (sec_application_open_store (app, db, &error));
  sec_store_load_sample (sec_application_get_store (app), NULL);
  g_application_activate (G_APPLICATION (app));
  window = SEC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_test_add_func ("/sync-window/set-up-sync-and-settle-a-conflict", test_set_up_sync_and_settle_a_conflict);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);
  sec_test_couch_stop ();
  return status;
}
