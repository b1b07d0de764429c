/* test-window.c: the real window, driven through its actions and widgets
 * under a virtual display */

#include <string.h>

#include "sec-application.h"
#include "sec-backups.h"
#include "sec-coverage-view.h"
#include "sec-event-editor.h"
#include "sec-guide-window.h"
#include "sec-record-dialog.h"
#include "sec-import-dialog.h"
#include "sec-json.h"
#include "sec-member-editor.h"
#include "sec-pillars-dialog.h"
#include "sec-preferences-window.h"
#include "sec-records-page.h"
#include "sec-test-util.h"
#include "sec-window.h"

static gpointer find_toplevel (GType type);

/* One application for the whole program, as GApplication registers once;
 * each test gets a new database and a new window. */
static SecApplication *app;

typedef struct {
  SecApplication *app;
  SecWindow      *window;
  SecRecordsPage *page;
  SecStore       *store;
} Fixture;

static gboolean
wait_for (gboolean (*done) (Fixture *), Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (f) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return done (f);
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (sec_records_page_get_model (f->page)));
}

static gboolean
one_shown (Fixture *f)
{
  return n_shown (f) == 1;
}

static gboolean
none_shown (Fixture *f)
{
  return n_shown (f) == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("secretariat-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);

  g_assert_no_error (error);
  f->app = app;
  g_assert_true (sec_application_open_store (f->app, path, &error));
  f->store = sec_application_get_store (f->app);
  g_application_activate (G_APPLICATION (f->app));
  f->window = SEC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  /* Without animations, as the tests switch pages faster than a person:
   * libadwaita 1.2's flap can compute a NaN width when an editor opens on
   * a page shown in the same instant, and warn about it. */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (f->window)), "gtk-enable-animations", FALSE, NULL);
  f->page = sec_window_get_members_page (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Picks the item whose text is @label in a combo row or dropdown. */
static void
choose (GtkWidget  *input,
        const char *label)
{
  GListModel *model = ADW_IS_COMBO_ROW (input) ? adw_combo_row_get_model (ADW_COMBO_ROW (input))
                                               : gtk_drop_down_get_model (GTK_DROP_DOWN (input));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (gtk_string_object_get_string (item), label) != 0)
        continue;
      if (ADW_IS_COMBO_ROW (input))
        adw_combo_row_set_selected (ADW_COMBO_ROW (input), i);
      else
        gtk_drop_down_set_selected (GTK_DROP_DOWN (input), i);
      return;
    }
  g_assert_not_reached ();
}

static void
type_into (SecRecordForm *form,
           const char    *field,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, field)), text);
}

static void
test_add_find_delete_undo (Fixture       *f,
                           gconstpointer  data)
{
  SecMemberEditor *editor = SEC_MEMBER_EDITOR (sec_records_page_get_editor (f->page));
  SecRecordForm *form = sec_member_editor_get_form (editor);
  g_autofree char *id = NULL;

  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);

  /* Add a member through the editor, as a person would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "members.new", NULL));
  type_into (form, "name", "Koperasi Wanita Sejahtera");
  choose (sec_record_form_get_input (form, "kind"), "Cooperative");
  choose (sec_record_form_get_input (form, "country"), "Malaysia");
  type_into (form, "city", "Kota Bharu");

  /* A bad email is reported beside its field and blocks saving. */
  type_into (form, "email", "koperasi at example");
  g_assert_nonnull (sec_record_form_get_error (form, "email"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_false (sec_member_editor_save (editor));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);
  type_into (form, "email", "koperasi@example.org");
  g_assert_null (sec_record_form_get_error (form, "email"));

  /* So is a date that does not exist. */
  type_into (form, "joined_on", "2024-02-30");
  g_assert_nonnull (sec_record_form_get_error (form, "joined_on"));
  type_into (form, "joined_on", "2024-01-29");
  g_assert_null (sec_record_form_get_error (form, "joined_on"));

  {
    SecRecordForm *contact = sec_member_editor_add_contact (editor);
    type_into (contact, "name", "Siti Aminah");
    type_into (contact, "role", "Chair");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 1);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_contact), ==, 1);
  id = sec_store_find_id (f->store, &sec_entity_member, "name", "Koperasi Wanita Sejahtera", "country", "MY");
  g_assert_nonnull (id);
  g_assert_cmpstr (sec_records_page_get_summary (f->page), ==, "1 member in 1 country");

  /* Find it by search, by its name and by its contact. */
  gtk_editable_set_text (GTK_EDITABLE (sec_records_page_get_search_entry (f->page)), "zzz");
  g_assert_true (wait_for (none_shown, f));
  gtk_editable_set_text (GTK_EDITABLE (sec_records_page_get_search_entry (f->page)), "wanita");
  g_assert_true (wait_for (one_shown, f));
  gtk_editable_set_text (GTK_EDITABLE (sec_records_page_get_search_entry (f->page)), "aminah");
  g_assert_true (wait_for (one_shown, f));

  /* Delete it, then undo. */
  sec_records_page_show_record (f->page, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "members.delete", NULL));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);
  g_assert_true (wait_for (none_shown, f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "members.undo", NULL));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 1);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_contact), ==, 1);
  g_assert_true (wait_for (one_shown, f));
}

static void
test_sample_from_empty_state (Fixture       *f,
                              gconstpointer  data)
{
  /* The menu's other windows are there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  /* A logo that is not an image is refused and changes nothing. */
  {
    SecPreferencesWindow *prefs = find_toplevel (SEC_TYPE_PREFERENCES_WINDOW);
    g_autofree char *dir = g_dir_make_tmp ("secretariat-logo-XXXXXX", NULL);
    g_autofree char *text = g_build_filename (dir, "logo.png", NULL);
    g_autofree char *icon = g_build_filename (SRCDIR, "..", "data", "icons", "hicolor", "scalable", "apps",
                                              "org.asec.Secretariat.svg", NULL);
    g_autofree char *logo = NULL;

    g_assert_true (g_file_set_contents (text, "not a picture", -1, NULL));
    g_assert_false (sec_preferences_window_set_logo (prefs, text));
    logo = g_settings_get_string (sec_application_get_settings (f->app), "network-logo");
    g_assert_cmpstr (logo, ==, "");
    g_assert_true (sec_preferences_window_set_logo (prefs, icon));
    g_clear_pointer (&logo, g_free);
    logo = g_settings_get_string (sec_application_get_settings (f->app), "network-logo");
    g_assert_cmpstr (logo, ==, icon);
    g_settings_reset (sec_application_get_settings (f->app), "network-logo");
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.guide", NULL));
  {
    SecGuideWindow *guide = find_toplevel (SEC_TYPE_GUIDE_WINDOW);
    g_assert_nonnull (guide);
    g_assert_cmpuint (sec_guide_window_get_n_sections (guide), ==, 6);
    gtk_window_destroy (GTK_WINDOW (guide));
  }
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  g_assert_nonnull (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  gtk_window_destroy (find_toplevel (ADW_TYPE_ABOUT_WINDOW));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "members.load-sample", NULL));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), >=, 18);
  g_assert_cmpuint (n_shown (f), ==, sec_store_count (f->store, &sec_entity_member));
  g_assert_true (g_str_has_suffix (sec_records_page_get_summary (f->page), "countries"));
}

static void
test_editor_keeps_bad_input_out (Fixture       *f,
                                 gconstpointer  data)
{
  SecMemberEditor *editor = SEC_MEMBER_EDITOR (sec_records_page_get_editor (f->page));
  SecRecordForm *form = sec_member_editor_get_form (editor);
  g_autofree char *id = NULL;
  g_autoptr(SecRecord) stored = NULL;

  sec_store_load_sample (f->store, NULL);
  id = sec_store_find_id (f->store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  sec_records_page_show_record (f->page, id);
  type_into (form, "website", "not a web address");
  type_into (form, "dues_paid_until", "31/12/2026");
  g_assert_nonnull (sec_record_form_get_error (form, "website"));
  g_assert_nonnull (sec_record_form_get_error (form, "dues_paid_until"));
  g_assert_false (sec_member_editor_save (editor));
  stored = sec_store_load (f->store, &sec_entity_member, id, NULL);
  g_assert_null (sec_record_get (stored, "website"));
  g_assert_cmpstr (sec_record_get (stored, "name"), ==, "Asian Solidarity Economy Council");
}

static GtkColumnView *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_COLUMN_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *found = find_column_view (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
shown_value (Fixture    *f,
             guint       position,
             const char *field)
{
  g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (sec_records_page_get_model (f->page)), position);
  return g_strdup (sec_record_get (record, field));
}

/* Clicking a column heading sorts the list, in SQL, by that column; the
 * choice is remembered. */
static void
test_sort_by_column (Fixture       *f,
                     gconstpointer  data)
{
  GtkColumnView *view = find_column_view (GTK_WIDGET (f->page));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) country = g_list_model_get_item (columns, 2);
  g_autoptr(GtkColumnViewColumn) paid = g_list_model_get_item (columns, 5);
  guint n;

  sec_store_load_sample (f->store, NULL);
  n = n_shown (f);
  g_assert_cmpstr (gtk_column_view_column_get_title (country), ==, "Country");
  gtk_column_view_sort_by_column (view, country, GTK_SORT_DESCENDING);
  {
    g_autofree char *first = shown_value (f, 0, "country");
    g_autofree char *last = shown_value (f, n - 1, "country");
    g_assert_cmpstr (first, ==, "VN");
    g_assert_cmpstr (last, ==, "CH");
  }
  gtk_column_view_sort_by_column (view, paid, GTK_SORT_ASCENDING);
  {
    g_autofree char *first = shown_value (f, 0, "dues_paid_until");
    g_autofree char *setting = g_settings_get_string (sec_application_get_settings (f->app), "members-sort-column");
    g_assert_cmpstr (first, ==, "2017-12-31");
    g_assert_cmpstr (setting, ==, "dues_paid_until");
  }

  /* A new window opens sorted the same way. */
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_application_activate (G_APPLICATION (f->app));
  f->window = SEC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  f->page = sec_window_get_members_page (f->window);
  {
    g_autofree char *first = shown_value (f, 0, "dues_paid_until");
    g_assert_cmpstr (first, ==, "2017-12-31");
  }
  gtk_column_view_sort_by_column (find_column_view (GTK_WIDGET (f->page)), NULL, GTK_SORT_ASCENDING);
}

static void
find_dropdowns (GtkWidget *widget,
                GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_dropdowns (child, found);
}

/* The filters above the list, and the grace period in the preferences. */
static void
test_filters_and_grace (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  GtkWidget *status, *country, *kind;
  guint all;

  sec_store_load_sample (f->store, NULL);
  sec_store_set_today (f->store, "2026-11-22");
  all = n_shown (f);
  find_dropdowns (GTK_WIDGET (f->page), dropdowns);
  status = g_ptr_array_index (dropdowns, 0);
  country = g_ptr_array_index (dropdowns, 1);
  kind = g_ptr_array_index (dropdowns, 2);

  choose (country, "Cambodia");
  {
    g_autofree char *code = shown_value (f, 0, "country");
    g_assert_cmpstr (code, ==, "KH");
    g_assert_true (g_str_has_suffix (sec_records_page_get_summary (f->page), "in 1 country"));
  }
  choose (kind, "National network");
  g_assert_cmpuint (n_shown (f), ==, 1);
  choose (country, "All Countries");
  choose (kind, "All Kinds");
  g_assert_cmpuint (n_shown (f), ==, all);

  choose (status, "In grace");
  g_assert_cmpuint (n_shown (f), ==, 3);
  /* A longer grace period keeps members lapsed since 2025-12-31 in grace. */
  g_settings_set_uint (sec_application_get_settings (f->app), "grace-days", 365);
  g_assert_cmpuint (sec_store_get_grace_days (f->store), ==, 365);
  g_assert_cmpuint (n_shown (f), >, 3);
  g_settings_reset (sec_application_get_settings (f->app), "grace-days");
  g_assert_cmpuint (n_shown (f), ==, 3);
  choose (status, "All Statuses");
}

/* The open window of @type, or NULL. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Moving to another member with unsaved changes asks first; Save keeps
 * them, Cancel stays. */
static void
test_unsaved_changes_are_not_lost (Fixture       *f,
                                   gconstpointer  data)
{
  SecMemberEditor *editor = SEC_MEMBER_EDITOR (sec_records_page_get_editor (f->page));
  SecRecordForm *form = sec_member_editor_get_form (editor);
  g_autofree char *asec = NULL, *vca = NULL;
  g_autoptr(SecRecord) stored = NULL;
  AdwMessageDialog *dialog;

  sec_store_load_sample (f->store, NULL);
  asec = sec_store_find_id (f->store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  vca = sec_store_find_id (f->store, &sec_entity_member, "acronym", "VCA", NULL, NULL);
  sec_records_page_show_record (f->page, asec);
  type_into (form, "city", "Kuala Lumpur");

  sec_records_page_show_record (f->page, vca);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpstr (sec_member_editor_get_id (editor), ==, asec);

  sec_records_page_show_record (f->page, vca);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  g_assert_cmpstr (sec_member_editor_get_id (editor), ==, vca);
  stored = sec_store_load (f->store, &sec_entity_member, asec, NULL);
  g_assert_cmpstr (sec_record_get (stored, "city"), ==, "Kuala Lumpur");
}

/* Ctrl+Z belongs to the text entries unless a delete can be undone. */
static void
test_undo_only_after_delete (Fixture       *f,
                             gconstpointer  data)
{
  GActionGroup *actions = sec_records_page_get_actions (f->page);
  g_autofree char *asec = NULL;

  sec_store_load_sample (f->store, NULL);
  g_assert_false (g_action_group_get_action_enabled (actions, "undo"));
  asec = sec_store_find_id (f->store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  sec_records_page_show_record (f->page, asec);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "members.delete", NULL));
  g_assert_true (g_action_group_get_action_enabled (actions, "undo"));
  g_action_group_activate_action (actions, "undo", NULL);
  g_assert_false (g_action_group_get_action_enabled (actions, "undo"));
  g_assert_nonnull (sec_store_load (f->store, &sec_entity_member, asec, NULL));
}

static SecImportDialog *import_dialog;

static gboolean
import_finished (Fixture *f)
{
  const char *outcome = sec_import_dialog_get_outcome (import_dialog);
  return outcome != NULL && !g_str_equal (outcome, "running");
}

static SecImportDialog *
import_file (Fixture    *f,
             const char *contents)
{
  g_autofree char *dir = g_path_get_dirname (sec_store_get_path (f->store));
  g_autofree char *path = g_build_filename (dir, "import.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  import_dialog = sec_import_dialog_run (GTK_WINDOW (f->window), f->store, sec_application_get_settings (f->app), &sec_entity_member, NULL, file);
  g_assert_cmpstr (sec_import_dialog_get_page (import_dialog), ==, "mapping");
  sec_import_dialog_start (import_dialog);
  g_assert_true (wait_for (import_finished, f));
  return import_dialog;
}

/* Participants come in through the same import dialog as members, into
 * the event they belong to. */
static void
test_import_participants (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (sec_store_get_path (f->store));
  g_autofree char *path = g_build_filename (dir, "participants.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *forum = NULL;
  g_autoptr(GPtrArray) before = NULL, after = NULL;

  sec_store_load_sample (f->store, NULL);
  forum = sec_store_find_id (f->store, &sec_entity_event, "starts_on", "2015-04-25", NULL, NULL);
  before = sec_store_load_children (f->store, &sec_entity_participant, forum);
  g_assert_true (g_file_set_contents (path, "Name;Organisation;Country;Role\n"
                                            "สมชาย ใจดี;Thai Social Enterprise Office;Thailand;Delegate\n"
                                            "Nguyễn Văn An;Liên minh Hợp tác xã Việt Nam;Viet Nam;Speaker\n", -1, NULL));
  import_dialog = sec_import_dialog_run (GTK_WINDOW (f->window), f->store, sec_application_get_settings (f->app),
                                         &sec_entity_participant, forum, file);
  g_assert_cmpstr (sec_import_dialog_get_page (import_dialog), ==, "mapping");
  sec_import_dialog_start (import_dialog);
  g_assert_true (wait_for (import_finished, f));
  g_assert_cmpstr (sec_import_dialog_get_outcome (import_dialog), ==, "committed");
  after = sec_store_load_children (f->store, &sec_entity_participant, forum);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  gtk_window_destroy (GTK_WINDOW (import_dialog));
}

static gboolean
two_shown (Fixture *f)
{
  return n_shown (f) == 2;
}

static void
test_import_dialog (Fixture       *f,
                    gconstpointer  data)
{
  SecImportDialog *dialog;

  /* A bad row: nothing is imported, the report says why. */
  dialog = import_file (f, "Name;Country;Kind\n"
                           "Koperasi Wanita;MY;cooperative\n"
                           "ហ្វូងសហគមន៍;Atlantis;association\n");
  g_assert_cmpstr (sec_import_dialog_get_outcome (dialog), ==, "rejected");
  g_assert_cmpstr (sec_import_dialog_get_page (dialog), ==, "report");
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = import_file (f, "\xef\xbb\xbfName;Country;Kind\n"
                           "Koperasi Wanita;MY;cooperative\n"
                           "ហ្វូងសហគមន៍;KH;association\n");
  g_assert_cmpstr (sec_import_dialog_get_outcome (dialog), ==, "committed");
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 2);
  g_assert_true (wait_for (two_shown, f));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Sync (here: another writer on the store) changes the member on show: an
 * untouched editor shows it at once; an editor with changes saves only its
 * own fields, so the other office's change stays. */
static void
test_editor_and_concurrent_changes (Fixture       *f,
                                    gconstpointer  data)
{
  SecMemberEditor *editor = SEC_MEMBER_EDITOR (sec_records_page_get_editor (f->page));
  SecRecordForm *form = sec_member_editor_get_form (editor);
  g_autofree char *asec = NULL;

  sec_store_load_sample (f->store, NULL);
  asec = sec_store_find_id (f->store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  sec_records_page_show_record (f->page, asec);
  {
    g_autoptr(SecRecord) elsewhere = sec_store_load (f->store, &sec_entity_member, asec, NULL);
    sec_record_set (elsewhere, "phone", "+60 3 1234 5678");
    g_assert_true (sec_store_save (f->store, elsewhere, NULL));
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sec_record_form_get_input (form, "phone"))), ==, "+60 3 1234 5678");

  type_into (form, "city", "Kuala Lumpur");
  {
    g_autoptr(SecRecord) elsewhere = sec_store_load (f->store, &sec_entity_member, asec, NULL);
    sec_record_set (elsewhere, "website", "https://asec.example.org");
    g_assert_true (sec_store_save (f->store, elsewhere, NULL));
  }
  g_assert_true (sec_member_editor_save (editor));
  {
    g_autoptr(SecRecord) stored = sec_store_load (f->store, &sec_entity_member, asec, NULL);
    g_assert_cmpstr (sec_record_get (stored, "city"), ==, "Kuala Lumpur");
    g_assert_cmpstr (sec_record_get (stored, "website"), ==, "https://asec.example.org");
  }
}

/* The events page: add a session to the seed forum's programme through the
 * editor, see an overlap flagged and fixed, and check a participant in from
 * the keyboard. */
static void
test_events_session_and_check_in (Fixture       *f,
                                  gconstpointer  data)
{
  SecRecordsPage *events = sec_window_get_events_page (f->window);
  SecEventEditor *editor = SEC_EVENT_EDITOR (sec_records_page_get_editor (events));
  g_autofree char *forum = NULL;
  g_autoptr(GPtrArray) before = NULL;
  SecRecordDialog *dialog;
  SecRecordForm *form;
  g_autoptr(SecRecord) participant = sec_record_new (&sec_entity_participant);
  guint n_sessions, n_overlaps;

  sec_store_load_sample (f->store, NULL);
  sec_window_show_page (f->window, "events");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sec_records_page_get_model (events))), >=, 4);
  forum = sec_store_find_id (f->store, &sec_entity_event, "starts_on", "2015-04-25", NULL, NULL);
  sec_records_page_show_record (events, forum);
  before = sec_store_load_children (f->store, &sec_entity_session, forum);
  n_sessions = before->len;
  /* The seed's group photo is taken during lunch. */
  n_overlaps = sec_event_editor_get_overlaps (editor);
  g_assert_cmpuint (n_overlaps, ==, 1);

  /* A session after the closing, typed in as a person would; a start
   * after its end is flagged beside the field and not saved. */
  dialog = sec_event_editor_add_session (editor);
  form = sec_record_dialog_get_form (dialog);
  type_into (form, "title", "Press conference");
  type_into (form, "starts_at", "18:00");
  type_into (form, "ends_at", "17.45");
  g_assert_nonnull (sec_record_form_get_error (form, "ends_at"));
  g_assert_false (sec_record_dialog_save (dialog));
  type_into (form, "ends_at", "18.30");
  g_assert_null (sec_record_form_get_error (form, "ends_at"));
  type_into (form, "date", "2015-04-26");
  g_assert_false (sec_record_dialog_save (dialog));
  g_assert_nonnull (sec_record_form_get_error (form, "date"));   /* outside the event's dates */
  type_into (form, "date", "2015-04-25");
  g_assert_true (sec_record_dialog_save (dialog));
  {
    g_autoptr(GPtrArray) after = sec_store_load_children (f->store, &sec_entity_session, forum);
    g_assert_cmpuint (after->len, ==, n_sessions + 1);
  }
  g_assert_cmpuint (sec_event_editor_get_overlaps (editor), ==, n_overlaps);

  /* One that runs into the closing session is flagged. */
  dialog = sec_event_editor_add_session (editor);
  form = sec_record_dialog_get_form (dialog);
  type_into (form, "title", "Signing of the proposal");
  type_into (form, "starts_at", "17:15");
  type_into (form, "ends_at", "17:45");
  g_assert_true (sec_record_dialog_save (dialog));
  g_assert_cmpuint (sec_event_editor_get_overlaps (editor), ==, n_overlaps + 1);

  /* A participant's organisation: members are offered as one types, any
   * other name stays free text. */
  dialog = sec_event_editor_add_participant (editor);
  form = sec_record_dialog_get_form (dialog);
  type_into (form, "name", "Datuk Dr Denison Jayasooria");
  type_into (form, "organisation", "lien minh");
  g_assert_cmpuint (sec_record_form_get_n_suggestions (form, "organisation"), >=, 1);
  sec_record_form_choose_suggestion (form, "organisation", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sec_record_form_get_input (form, "organisation"))), ==,
                   "Liên minh Hợp tác xã Việt Nam");
  g_assert_cmpuint (sec_record_form_get_n_suggestions (form, "organisation"), ==, 0);
  type_into (form, "organisation", "A university not in the registry");
  g_assert_cmpuint (sec_record_form_get_n_suggestions (form, "organisation"), ==, 0);
  g_assert_true (sec_record_dialog_save (dialog));

  /* Check-in from the keyboard. */
  sec_record_set (participant, "event_id", forum);
  sec_record_set (participant, "name", "Nguyễn Thị Hoa");
  sec_record_set (participant, "role", "delegate");
  sec_record_set (participant, "country", "VN");
  g_assert_true (sec_store_save (f->store, participant, NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (g_str_has_suffix (sec_event_editor_get_attendance (editor), ", 9 checked in"));
  g_assert_true (g_str_has_prefix (sec_event_editor_get_attendance (editor), "11 registered"));
  g_assert_true (sec_event_editor_check_in (editor, "nguyen thi"));
  {
    g_autoptr(SecRecord) stored = sec_store_load (f->store, &sec_entity_participant, sec_record_get_id (participant), NULL);
    g_assert_cmpstr (sec_record_get (stored, "attended"), ==, "1");
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (g_str_has_suffix (sec_event_editor_get_attendance (editor), ", 10 checked in"));
  g_assert_cmpuint (sec_event_editor_get_countries (editor), >=, 2);   /* the chart has a bar a country */
  /* Nobody left to check in under that name. */
  g_assert_false (sec_event_editor_check_in (editor, "nguyen thi"));

  /* The documents the editor's menu and rows export. */
  {
    g_autofree char *dir = g_path_get_dirname (sec_store_get_path (f->store));
    static const char *const what[][2] = {
      { "programme-a4", "%PDF" }, { "programme-letter", "%PDF" }, { "ics", "BEGIN:VCALENDAR" },
      { "certificates", "%PDF" }, { "attendance", "%PDF" }, { "participants-csv", "\xef\xbb\xbfid," },
    };
    g_autofree char *one = g_strconcat ("certificate:", sec_record_get_id (participant), NULL);

    for (guint i = 0; i <= G_N_ELEMENTS (what); i++)
      {
        const char *kind = i < G_N_ELEMENTS (what) ? what[i][0] : one;
        g_autofree char *path = g_build_filename (dir, "export.out", NULL);
        g_autofree char *contents = NULL;
        g_autoptr(GError) error = NULL;

        g_assert_true (sec_event_editor_export (editor, kind, path, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_true (g_str_has_prefix (contents, i < G_N_ELEMENTS (what) ? what[i][1] : "%PDF"));
      }
  }
}

/* The roadmap list: add an item under a pillar through the editor, then
 * move it to another status. */
static void
test_roadmap_item (Fixture       *f,
                   gconstpointer  data)
{
  SecRecordsPage *roadmap = sec_window_get_roadmap_page (f->window);
  SecEditor *editor = sec_records_page_get_editor (roadmap);
  SecRecordForm *form = sec_editor_get_form (editor);
  g_autofree char *id = NULL;
  g_autoptr(SecRecord) item = NULL;

  sec_window_show_page (f->window, "roadmap");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
  type_into (form, "title", "Mapping study of the SSE in Myanmar");
  choose (sec_record_form_get_input (form, "pillar_id"), "Knowledge management");
  choose (sec_record_form_get_input (form, "status"), "Planned");
  type_into (form, "start_on", "2026-07-01");
  type_into (form, "due_on", "2026-06-01");
  g_assert_nonnull (sec_record_form_get_error (form, "due_on"));   /* due before it starts */
  type_into (form, "due_on", "2026-12-31");
  type_into (form, "progress", "120");
  g_assert_nonnull (sec_record_form_get_error (form, "progress"));
  type_into (form, "progress", "10");
  g_assert_true (sec_editor_save (editor));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sec_records_page_get_model (roadmap))), ==, 1);

  id = sec_store_find_id (f->store, &sec_entity_roadmap_item, "title", "Mapping study of the SSE in Myanmar", NULL, NULL);
  g_assert_nonnull (id);
  choose (sec_record_form_get_input (form, "status"), "In progress");
  g_assert_true (sec_editor_save (editor));
  item = sec_store_load (f->store, &sec_entity_roadmap_item, id, NULL);
  g_assert_cmpstr (sec_record_get (item, "status"), ==, "in_progress");
  g_assert_cmpstr (sec_record_get (item, "pillar_id"), ==, "5e0c0001-0000-4000-8000-000000000002");

  /* On the board, a column a status: the keyboard moves the card on to
   * "Done", a drop moves it to "Blocked". */
  {
    SecRoadmapBoard *board = sec_window_get_roadmap_board (f->window);
    g_autoptr(SecRecord) done = NULL;
    g_autoptr(SecRecord) blocked = NULL;

    /* The columns, chosen in the roadmap menu. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "board.columns", "s", "status"));
    g_assert_true (sec_roadmap_board_has_column (board, "in_progress"));
    g_assert_cmpuint (sec_roadmap_board_count (board, "in_progress"), ==, 1);
    g_assert_true (sec_roadmap_board_step (board, id, 1));
    done = sec_store_load (f->store, &sec_entity_roadmap_item, id, NULL);
    g_assert_cmpstr (sec_record_get (done, "status"), ==, "done");
    g_assert_cmpstr (sec_record_get (done, "progress"), ==, "100");
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (sec_roadmap_board_count (board, "done"), ==, 1);
    g_assert_cmpuint (sec_roadmap_board_count (board, "in_progress"), ==, 0);
    g_assert_true (sec_roadmap_board_move (board, id, "blocked"));
    blocked = sec_store_load (f->store, &sec_entity_roadmap_item, id, NULL);
    g_assert_cmpstr (sec_record_get (blocked, "status"), ==, "blocked");
    /* Past the last column there is nowhere to go. */
    g_assert_true (sec_roadmap_board_step (board, id, 1));    /* blocked → dropped */
    g_assert_false (sec_roadmap_board_step (board, id, 1));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "board.columns", "s", "pillar_id"));
    g_assert_cmpuint (sec_roadmap_board_count (board, "5e0c0001-0000-4000-8000-000000000002"), ==, 1);
  }

  /* The goals view counts the item under the goals it names. */
  {
    g_autoptr(SecRecord) tagged = sec_store_load (f->store, &sec_entity_roadmap_item, id, NULL);
    SecCoverageView *goals = SEC_COVERAGE_VIEW (sec_window_get_roadmap_view (f->window, "goals"));

    sec_window_show_roadmap_view (f->window, "goals");
    sec_record_set (tagged, "sdgs", "4,17");
    g_assert_true (sec_store_save (f->store, tagged, NULL));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_true (g_str_has_suffix (sec_coverage_view_get_line (goals, 4), ": 1 roadmap item"));
    g_assert_true (g_str_has_suffix (sec_coverage_view_get_line (goals, 1), ": none"));
  }
}

static void
find_widgets (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    find_widgets (child, type, found);
}

/* The pillar row's button with @tooltip. */
static GtkWidget *
row_button (GtkWidget  *row,
            const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_widgets (row, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);
  g_assert_not_reached ();
}

/* The pillar rows of the dialog, in order (the last entry row adds one). */
static GPtrArray *
pillar_rows (SecPillarsDialog *dialog)
{
  GPtrArray *rows = g_ptr_array_new ();

  while (g_main_context_iteration (NULL, FALSE))
    ;
  find_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, rows);
  return rows;
}

static char *
pillar_name_at (Fixture *f,
                guint    position)
{
  g_autoptr(SecQueryModel) pillars = sec_query_model_new (f->store, &sec_entity_pillar);
  g_autoptr(SecRecord) pillar = NULL;

  sec_query_model_set_sort (pillars, "position", FALSE);
  pillar = g_list_model_get_item (G_LIST_MODEL (pillars), position);
  return g_strdup (sec_record_get (pillar, "name"));
}

/* Pillars are renamed, reordered, added and archived from the roadmap menu;
 * an empty name is refused beside the rows and changes nothing. */
static void
test_pillars (Fixture       *f,
              gconstpointer  data)
{
  SecRoadmapBoard *board = sec_window_get_roadmap_board (f->window);
  SecPillarsDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *first = NULL, *second = NULL, *renamed = NULL;

  sec_window_show_page (f->window, "roadmap");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.pillars", NULL));
  dialog = find_toplevel (SEC_TYPE_PILLARS_DIALOG);
  g_assert_nonnull (dialog);
  rows = pillar_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 6);    /* five pillars and the new one */

  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "  ");
  g_signal_emit_by_name (rows->pdata[0], "apply");
  g_assert_nonnull (sec_pillars_dialog_get_error (dialog));
  first = pillar_name_at (f, 0);
  g_assert_cmpstr (first, ==, "Formalising membership");

  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "Formalising and growing membership");
  g_signal_emit_by_name (rows->pdata[0], "apply");
  g_assert_null (sec_pillars_dialog_get_error (dialog));
  renamed = pillar_name_at (f, 0);
  g_assert_cmpstr (renamed, ==, "Formalising and growing membership");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pillar_rows (dialog);
  g_signal_emit_by_name (row_button (rows->pdata[0], "Move Down"), "clicked");
  g_assert_null (sec_pillars_dialog_get_error (dialog));
  g_clear_pointer (&first, g_free);
  first = pillar_name_at (f, 0);
  second = pillar_name_at (f, 1);
  g_assert_cmpstr (first, ==, "Knowledge management");
  g_assert_cmpstr (second, ==, "Formalising and growing membership");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pillar_rows (dialog);
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[rows->len - 1]), "Policy advocacy");
  g_signal_emit_by_name (rows->pdata[rows->len - 1], "apply");
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_pillar), ==, 6);

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = pillar_rows (dialog);
  g_assert_cmpuint (rows->len, ==, 7);
  g_signal_emit_by_name (row_button (rows->pdata[1], "Archive"), "clicked");
  g_assert_null (sec_pillars_dialog_get_error (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The board has a column for each pillar still in use. */
  sec_roadmap_board_set_group_by (board, "pillar_id");
  g_assert_false (sec_roadmap_board_has_column (board, "5e0c0001-0000-4000-8000-000000000001"));
  g_assert_true (sec_roadmap_board_has_column (board, "5e0c0001-0000-4000-8000-000000000002"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* An item's editor still offers the archived pillar, marked as such. */
  {
    SecEditor *editor = sec_records_page_get_editor (sec_window_get_roadmap_page (f->window));
    GtkDropDown *pillar;
    GListModel *labels;
    gboolean marked = FALSE;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new", NULL));
    pillar = GTK_DROP_DOWN (sec_record_form_get_input (sec_editor_get_form (editor), "pillar_id"));
    labels = gtk_drop_down_get_model (pillar);
    for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
      marked |= g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                           "Formalising and growing membership (archived)") == 0;
    g_assert_true (marked);
  }
}

/* A roadmap item's owner is one click away, and the member's editor leads
 * back to the item. */
static void
test_follow_links (Fixture       *f,
                   gconstpointer  data)
{
  SecRecordsPage *roadmap = sec_window_get_roadmap_page (f->window);
  SecEditor *item_editor = sec_records_page_get_editor (roadmap);
  SecEditor *member_editor = sec_records_page_get_editor (f->page);
  g_autoptr(SecRecord) member = sec_record_new (&sec_entity_member);
  g_autoptr(SecRecord) item = sec_record_new (&sec_entity_roadmap_item);

  sec_record_set (member, "name", "Bina Swadaya Foundation");
  sec_record_set (member, "kind", "foundation");
  sec_record_set (member, "country", "ID");
  g_assert_true (sec_store_save (f->store, member, NULL));
  sec_record_set (item, "title", "Training of trainers on SSE enterprise management");
  sec_record_set (item, "pillar_id", "5e0c0001-0000-4000-8000-000000000003");
  sec_record_set (item, "status", "planned");
  sec_record_set (item, "owner", "Bina Swadaya Foundation");
  g_assert_true (sec_store_save (f->store, item, NULL));

  sec_window_show_page (f->window, "roadmap");
  sec_records_page_show_record (roadmap, sec_record_get_id (item));
  g_assert_cmpuint (sec_record_form_get_n_links (sec_editor_get_form (item_editor)), ==, 1);
  sec_record_form_follow_link (sec_editor_get_form (item_editor), 0);
  g_assert_cmpstr (sec_window_get_page (f->window), ==, "members");
  g_assert_cmpstr (sec_editor_get_id (member_editor), ==, sec_record_get_id (member));

  g_assert_cmpuint (sec_record_form_get_n_links (sec_editor_get_form (member_editor)), ==, 1);
  sec_record_form_follow_link (sec_editor_get_form (member_editor), 0);
  g_assert_cmpstr (sec_window_get_page (f->window), ==, "roadmap");
  g_assert_cmpstr (sec_editor_get_id (item_editor), ==, sec_record_get_id (item));
}

/* The index of the proposal that would put @title on the agenda. */
static guint
proposal_index (SecAssemblyPanel *panel,
                const char       *title)
{
  for (guint i = 0; i < sec_assembly_panel_get_n_proposals (panel); i++)
    if (g_strcmp0 (sec_assembly_panel_get_proposal (panel, i), title) == 0)
      return i;
  g_assert_not_reached ();
}

static void
assert_row (SecAgendaView *agenda,
            guint          index,
            const char    *expected)
{
  g_autofree char *row = sec_agenda_view_describe_row (agenda, index);
  g_assert_cmpstr (row, ==, expected);
}

/* Drops the agenda item @id on the top edge of the row @index, as a drag
 * and drop does: before it. (The top edge, as a row just rebuilt may not
 * have its height yet.) */
static void
drop_on_row (SecAgendaView *agenda,
             guint          index,
             const char    *id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  GListModel *controllers;
  gboolean done = FALSE;

  find_widgets (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, rows);
  controllers = gtk_widget_observe_controllers (g_ptr_array_index (rows, index));
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, id);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 0.0, &done);
    }
  g_object_unref (controllers);
  g_assert_true (done);
}

/* Presses @keyval with Alt (or alone, for Delete) on the agenda row
 * @index, which takes the focus. */
static void
press_on_row (SecAgendaView *agenda,
              guint          index,
              guint          keyval,
              GdkModifierType state)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GListModel *controllers;
  gboolean handled = FALSE;

  find_widgets (GTK_WIDGET (agenda), ADW_TYPE_ACTION_ROW, rows);
  g_assert_true (gtk_widget_grab_focus (g_ptr_array_index (rows, index)));
  controllers = gtk_widget_observe_controllers (gtk_widget_get_ancestor (g_ptr_array_index (rows, index), GTK_TYPE_LIST_BOX));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_object_unref (controllers);
  g_assert_true (handled);
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* An assembly from the Assemblies page: a three-item agenda with a break,
 * one item from the assistant, moved and made a sub-item; the quorum as
 * delegates check in and as the rule changes; a decision that admits a
 * member, and one the roadmap refuses, shown beside its field. */
static void
test_assembly (Fixture       *f,
               gconstpointer  data)
{
  SecRecordsPage *assemblies = sec_window_get_assemblies_page (f->window);
  SecEventEditor *editor = SEC_EVENT_EDITOR (sec_records_page_get_editor (assemblies));
  SecAssemblyPanel *panel = sec_event_editor_get_assembly_panel (editor);
  SecAgendaView *agenda = sec_assembly_panel_get_agenda (panel);
  SecRecordForm *form = sec_editor_get_form (SEC_EDITOR (editor));
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(SecRecord) member = NULL;
  g_autoptr(SecRecord) pilot = NULL;
  g_autofree char *dew = NULL, *admission = NULL, *report = NULL, *coffee = NULL, *roadmap = NULL;
  SecRecordDialog *dialog;
  SecQuorum quorum;
  guint voting;

  sec_store_load_sample (f->store, NULL);
  sec_store_set_today (f->store, "2026-06-01");
  sec_window_show_page (f->window, "assemblies");
  f->page = assemblies;
  g_assert_true (wait_for (one_shown, f));   /* the sample's assembly, not its conferences */

  /* A new assembly: the page makes it a general assembly. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "assemblies.new", NULL);
  type_into (form, "title", "ASEC General Assembly 2026");
  type_into (form, "starts_on", "2026-06-20");
  type_into (form, "ends_on", "2026-06-20");
  g_assert_true (sec_editor_save (SEC_EDITOR (editor)));
  g_assert_true (wait_for (two_shown, f));
  event = sec_store_load (f->store, &sec_entity_event, sec_editor_get_id (SEC_EDITOR (editor)), NULL);
  g_assert_cmpstr (sec_record_get (event, "kind"), ==, "general_assembly");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_cmpuint (sec_agenda_view_get_n_rows (agenda), ==, 0);

  /* Two items typed in, a break, and an admission the assistant proposes. */
  dialog = sec_agenda_view_add (agenda, "item");
  type_into (sec_record_dialog_get_form (dialog), "title", "Opening and adoption of the agenda");
  type_into (sec_record_dialog_get_form (dialog), "duration", "10");
  type_into (sec_record_dialog_get_form (dialog), "presenter", "Chair of ASEC");
  g_assert_true (sec_record_dialog_save (dialog));
  dialog = sec_agenda_view_add (agenda, "item");
  type_into (sec_record_dialog_get_form (dialog), "title", "Report of the secretariat");
  type_into (sec_record_dialog_get_form (dialog), "duration", "-30");
  g_assert_false (sec_record_dialog_save (dialog));
  g_assert_nonnull (sec_record_form_get_error (sec_record_dialog_get_form (dialog), "duration"));
  type_into (sec_record_dialog_get_form (dialog), "duration", "30");
  g_assert_true (sec_record_dialog_save (dialog));
  dialog = sec_agenda_view_add (agenda, "break");
  type_into (sec_record_dialog_get_form (dialog), "title", "Coffee");
  g_assert_true (sec_record_dialog_save (dialog));
  settle ();
  g_assert_true (sec_assembly_panel_accept (panel, proposal_index (panel, "Admission of DEW Crafts")));
  settle ();
  g_assert_cmpuint (sec_agenda_view_get_n_rows (agenda), ==, 4);
  assert_row (agenda, 0, "1 09:00 Opening and adoption of the agenda");
  assert_row (agenda, 1, "2 09:10 Report of the secretariat");
  assert_row (agenda, 2, "- 09:40 Coffee");
  assert_row (agenda, 3, "3 09:55 Admission of DEW Crafts");
  g_assert_cmpstr (sec_agenda_view_get_summary (agenda), ==, "3 items, 1 h 05 min: 09:00 to about 10:05");
  /* Taken once: the proposal is gone. */
  for (guint i = 0; i < sec_assembly_panel_get_n_proposals (panel); i++)
    g_assert_cmpstr (sec_assembly_panel_get_proposal (panel, i), !=, "Admission of DEW Crafts");

  /* Moved from the keyboard: the admission before the break, the report
   * under the opening; removed and brought back; dragged and dropped. */
  admission = sec_store_find_id (f->store, &sec_entity_agenda_item, "title", "Admission of DEW Crafts", NULL, NULL);
  report = sec_store_find_id (f->store, &sec_entity_agenda_item, "title", "Report of the secretariat", NULL, NULL);
  coffee = sec_store_find_id (f->store, &sec_entity_agenda_item, "title", "Coffee", NULL, NULL);
  press_on_row (agenda, 3, GDK_KEY_Up, GDK_ALT_MASK);
  settle ();
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW) : NULL;
    g_assert_nonnull (row);   /* the moved row keeps the focus */
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Admission of DEW Crafts");
  }
  press_on_row (agenda, 1, GDK_KEY_Right, GDK_ALT_MASK);
  settle ();
  assert_row (agenda, 1, "1.1 09:10 Report of the secretariat");
  assert_row (agenda, 2, "2 09:40 Admission of DEW Crafts");
  assert_row (agenda, 3, "- 09:50 Coffee");
  press_on_row (agenda, 3, GDK_KEY_Delete, 0);
  settle ();
  g_assert_cmpuint (sec_agenda_view_get_n_rows (agenda), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (agenda), "agenda.restore", "s", coffee));
  settle ();
  g_assert_cmpuint (sec_agenda_view_get_n_rows (agenda), ==, 4);
  drop_on_row (agenda, 0, admission);
  settle ();
  assert_row (agenda, 0, "1 09:00 Admission of DEW Crafts");
  assert_row (agenda, 1, "2 09:10 Opening and adoption of the agenda");
  drop_on_row (agenda, 3, admission);
  settle ();
  assert_row (agenda, 2, "2 09:40 Admission of DEW Crafts");
  assert_row (agenda, 3, "- 09:50 Coffee");

  /* The quorum: none represented, then one delegate checks in. */
  sec_assembly_panel_get_quorum (panel, &quorum);
  voting = quorum.voting;
  g_assert_cmpuint (voting, >, 2);
  g_assert_cmpuint (quorum.represented, ==, 0);
  g_assert_cmpuint (quorum.required, ==, voting / 2 + 1);
  g_assert_false (quorum.met);
  {
    g_autoptr(SecRecord) delegate = sec_record_new (&sec_entity_participant);
    sec_record_set (delegate, "event_id", sec_record_get_id (event));
    sec_record_set (delegate, "name", "Nguyễn Văn An");
    sec_record_set (delegate, "organisation", "Liên minh Hợp tác xã Việt Nam");
    sec_record_set (delegate, "role", "delegate");
    sec_record_set (delegate, "voting_delegate", "1");
    g_assert_true (sec_store_save (f->store, delegate, NULL));
  }
  settle ();
  g_assert_true (sec_event_editor_check_in (editor, "nguyen van"));
  settle ();
  sec_assembly_panel_get_quorum (panel, &quorum);
  g_assert_cmpuint (quorum.represented, ==, 1);
  g_assert_nonnull (strstr (sec_assembly_panel_get_quorum_text (panel), "No quorum yet: 1 represented"));
  g_settings_set_string (sec_application_get_settings (f->app), "quorum-rule", "one-third");
  settle ();
  sec_assembly_panel_get_quorum (panel, &quorum);
  g_assert_cmpuint (quorum.required, ==, (voting + 2) / 3);
  g_assert_nonnull (strstr (sec_assembly_panel_get_quorum_text (panel), "at least a third"));
  g_settings_reset (sec_application_get_settings (f->app), "quorum-rule");

  /* The minutes: DEW Crafts is admitted, as of the meeting's day. */
  dialog = sec_agenda_view_edit (agenda, admission);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    sec_record_form_get_input (sec_record_dialog_get_form (dialog), "decision"))), "DEW Crafts is admitted.", -1);
  /* One member is represented: twelve votes are refused beside the field. */
  type_into (sec_record_dialog_get_form (dialog), "votes_for", "12");
  g_assert_false (sec_record_dialog_save (dialog));
  g_assert_cmpstr (sec_record_form_get_error (sec_record_dialog_get_form (dialog), "votes_for"), ==,
                   "12 votes cast, but only 1 voting member is represented");
  type_into (sec_record_dialog_get_form (dialog), "votes_for", "1");
  type_into (sec_record_dialog_get_form (dialog), "votes_against", "0");
  type_into (sec_record_dialog_get_form (dialog), "votes_abstaining", "0");
  choose (sec_record_form_get_input (sec_record_dialog_get_form (dialog), "outcome"), "Adopted");
  /* One of the voting members is no quorum: the chair lets it stand. */
  g_assert_false (sec_record_dialog_save (dialog));
  g_assert_true (g_str_has_prefix (sec_record_form_get_error (sec_record_dialog_get_form (dialog), "outcome"),
                                   "No quorum: 1 voting member is represented"));
  gtk_switch_set_active (GTK_SWITCH (sec_record_form_get_input (sec_record_dialog_get_form (dialog), "chair_override")), TRUE);
  g_assert_true (sec_record_dialog_save (dialog));
  settle ();
  dew = sec_store_find_id (f->store, &sec_entity_member, "name", "DEW Crafts", NULL, NULL);
  member = sec_store_load (f->store, &sec_entity_member, dew, NULL);
  g_assert_cmpstr (sec_record_get (member, "approved_on"), ==, "2026-06-20");

  /* A decided due date before the roadmap item's start: refused beside
   * the field, and nothing written, neither the minutes nor the item. */
  g_assert_true (sec_assembly_panel_accept (panel, proposal_index (panel, "Roadmap: Crowdfunding pilot for community enterprises")));
  settle ();
  roadmap = sec_store_find_id (f->store, &sec_entity_agenda_item, "title",
                               "Roadmap: Crowdfunding pilot for community enterprises", NULL, NULL);
  dialog = sec_agenda_view_edit (agenda, roadmap);
  choose (sec_record_form_get_input (sec_record_dialog_get_form (dialog), "outcome"), "Adopted");
  choose (sec_record_form_get_input (sec_record_dialog_get_form (dialog), "decided_status"), "In progress");
  gtk_switch_set_active (GTK_SWITCH (sec_record_form_get_input (sec_record_dialog_get_form (dialog), "chair_override")), TRUE);
  type_into (sec_record_dialog_get_form (dialog), "decided_due_on", "2025-01-01");
  g_assert_false (sec_record_dialog_save (dialog));
  g_assert_nonnull (sec_record_form_get_error (sec_record_dialog_get_form (dialog), "decided_due_on"));
  pilot = sec_store_load (f->store, &sec_entity_roadmap_item, "5e0c0002-0000-4000-8000-000000000005", NULL);
  g_assert_cmpstr (sec_record_get (pilot, "status"), ==, "blocked");
  type_into (sec_record_dialog_get_form (dialog), "decided_due_on", "2027-06-30");
  g_assert_true (sec_record_dialog_save (dialog));
  g_clear_object (&pilot);
  pilot = sec_store_load (f->store, &sec_entity_roadmap_item, "5e0c0002-0000-4000-8000-000000000005", NULL);
  g_assert_cmpstr (sec_record_get (pilot, "status"), ==, "in_progress");
  g_assert_cmpstr (sec_record_get (pilot, "due_on"), ==, "2027-06-30");
  g_assert_cmpstr (sec_record_get (pilot, "decided_at"), ==, "ASEC General Assembly 2026, item 3");

  /* The minutes for email, from the editor's export menu. */
  {
    g_autofree char *dir = g_dir_make_tmp ("secretariat-minutes-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "minutes.md", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (sec_event_editor_export (editor, "minutes-md", path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "DEW Crafts is admitted."));
    g_assert_nonnull (strstr (text, "1 for, 0 against, 0 abstaining"));
    g_assert_nonnull (strstr (text, "No quorum, 1 voting member represented; the chair let the decision stand"));
  }

  /* The admitted member links to the meeting that admitted it, and the
   * link opens the meeting on this page. */
  {
    SecRecordsPage *members = sec_window_get_members_page (f->window);
    SecEditor *member_editor = sec_records_page_get_editor (members);

    sec_window_show_page (f->window, "members");
    sec_records_page_show_record (members, dew);
    g_assert_cmpuint (sec_record_form_get_n_links (sec_editor_get_form (member_editor)), ==, 1);
    sec_record_form_follow_link (sec_editor_get_form (member_editor), 0);
    g_assert_cmpstr (sec_window_get_page (f->window), ==, "assemblies");
    g_assert_cmpstr (sec_editor_get_id (SEC_EDITOR (editor)), ==, sec_record_get_id (event));
  }

  /* The page finds a meeting by what is on its agenda. */
  gtk_editable_set_text (GTK_EDITABLE (sec_records_page_get_search_entry (assemblies)), "secretariat report");
  g_assert_true (wait_for (one_shown, f));
}

/* Accessible names */

static gboolean
has_text_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_text_label (child))
      return TRUE;
  return FALSE;
}

/* Whether @widget is labelled by a GtkLabel. (An icon button is labelled
 * by its image, which names nothing.) GTK 4.8 only says which widgets a
 * relation holds by comparing them with a list: an empty one, here. */
static gboolean
labelled_by_label (GtkWidget *widget)
{
  g_autofree char *labels = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);
  return labels != NULL && strstr (labels, "GtkLabel") != NULL;
}

/* Whether a screen reader has a name to say for @widget: its own label,
 * a label that names it, or the text it shows. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         labelled_by_label (widget) ||
         (!GTK_IS_DROP_DOWN (widget) && !GTK_IS_EDITABLE (widget) && has_text_label (widget));
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_COLUMN_VIEW (widget);
}

/* Rows that name what they hold (an entry row's text, a combo row's
 * list), and GTK's own window buttons. */
static gboolean
is_named_row (GtkWidget *widget)
{
  return ADW_IS_ENTRY_ROW (widget) || ADW_IS_COMBO_ROW (widget) || GTK_IS_WINDOW_CONTROLS (widget);
}

/* Adds to @unnamed a description of each control shown in @widget with
 * no accessible name; the parts inside a control are the control's.
 * Returns how many controls it looked at. */
static guint
find_unnamed (GtkWidget *widget,
              GString   *unnamed)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget) || is_named_row (widget))
    return 0;
  if (is_control (widget))
    {
      if (!has_accessible_name (widget))
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);
          GtkWidget *parent = gtk_widget_get_parent (widget);
          g_string_append_printf (unnamed, "%s%s (tooltip %s, in %s)", unnamed->len ? ", " : "",
                                  G_OBJECT_TYPE_NAME (widget), tooltip ? tooltip : "none",
                                  parent ? G_OBJECT_TYPE_NAME (parent) : "-");
        }
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += find_unnamed (child, unnamed);
  return n;
}

/* Checks the controls of @widget, at least @at_least of them. */
static void
assert_all_named (GtkWidget  *widget,
                  const char *where,
                  guint       at_least)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n;

  settle ();
  n = find_unnamed (widget, unnamed);
  g_test_message ("%s: %u controls", where, n);
  if (unnamed->len > 0)
    g_error ("%s: controls without an accessible name: %s", where, unnamed->str);
  g_assert_cmpuint (n, >=, at_least);
}

/* The first row titled @title under @widget, or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_copy_made (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(char **) user_data = sec_backups_make_daily_finish (SEC_STORE (source), result, NULL);
}

/* A daily copy is listed in the preferences; putting it back asks first,
 * then the lists show the database as it was. */
static void
test_restore_a_copy (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *copy = NULL;
  g_autofree char *when = NULL;
  g_autoptr(SecRecord) member = sec_test_member ("Lao Handicraft Association", "LA", "association");
  SecPreferencesWindow *prefs;
  AdwMessageDialog *dialog;
  gint64 before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "members.load-sample", NULL));
  before = sec_store_count (f->store, &sec_entity_member);
  sec_backups_make_daily_async (f->store, 7, NULL, on_copy_made, &copy);
  while (copy == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sec_store_save (f->store, member, NULL));
  settle ();
  g_assert_cmpuint (n_shown (f), ==, before + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  prefs = find_toplevel (SEC_TYPE_PREFERENCES_WINDOW);
  when = sec_backups_describe (copy);
  g_assert_nonnull (find_row_titled (GTK_WIDGET (prefs), when));

  /* Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "backups.restore", "s", copy));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, before + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "backups.restore", "s", copy));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "restore");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, before);
  g_assert_cmpuint (n_shown (f), ==, before);
  {
    /* The database as it was before is a copy of its own now. */
    g_autoptr(GPtrArray) copies = sec_backups_list (f->store);
    g_autofree char *kept = NULL;

    g_assert_cmpuint (copies->len, ==, 2);
    kept = sec_backups_describe (g_ptr_array_index (copies, 0));
    g_assert_nonnull (find_row_titled (GTK_WIDGET (prefs), kept));
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Every control of the main pages and their editors has a name a screen
 * reader can say. */
static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  g_autofree char *member = NULL, *forum = NULL, *ga = NULL, *item = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  GtkWidget *icon_only = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWindow *probe = GTK_WINDOW (gtk_window_new ());

  /* The check finds an icon button that names nothing. */
  gtk_box_append (GTK_BOX (box), icon_only);
  gtk_window_set_child (probe, box);
  gtk_window_present (probe);
  settle ();
  g_assert_cmpuint (find_unnamed (box, unnamed), ==, 1);
  g_assert_cmpuint (unnamed->len, >, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon_only), GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete", -1);
  g_string_truncate (unnamed, 0);
  find_unnamed (box, unnamed);
  g_assert_cmpuint (unnamed->len, ==, 0);
  gtk_window_destroy (probe);

  assert_all_named (window, "empty members page", 3);
  /* The shortcuts window, from Ctrl+?. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.show-help-overlay");
    g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>question"));
    g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
    g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
    gtk_widget_set_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))),
                            FALSE);
  }
  sec_store_load_sample (f->store, NULL);
  settle ();
  assert_all_named (window, "members page", 8);
  member = sec_store_find_id (f->store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  sec_records_page_show_record (f->page, member);
  assert_all_named (window, "member editor", 20);

  sec_window_show_page (f->window, "events");
  forum = sec_store_find_id (f->store, &sec_entity_event, "starts_on", "2015-04-25", NULL, NULL);
  sec_records_page_show_record (sec_window_get_events_page (f->window), forum);
  assert_all_named (window, "event editor", 20);

  sec_window_show_page (f->window, "assemblies");
  ga = sec_store_find_id (f->store, &sec_entity_event, "kind", "general_assembly", NULL, NULL);
  sec_records_page_show_record (sec_window_get_assemblies_page (f->window), ga);
  assert_all_named (window, "assembly", 20);

  sec_window_show_page (f->window, "roadmap");
  item = sec_store_find_id (f->store, &sec_entity_roadmap_item, "title", "Shared library of SSE case studies", NULL, NULL);
  sec_records_page_show_record (sec_window_get_roadmap_page (f->window), item);
  assert_all_named (window, "roadmap item", 15);
  gtk_widget_activate_action (window, "editor.close", NULL);
  sec_window_show_roadmap_view (f->window, "board");
  assert_all_named (window, "roadmap board", 5);
  sec_window_show_roadmap_view (f->window, "goals");
  assert_all_named (window, "goals", 3);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's MIME database
   * and icon theme. Each test uses a database of its own. */
  g_test_init (&argc, &argv, NULL);
  app = sec_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add ("/window/add-find-delete-undo", Fixture, NULL, fixture_set_up, test_add_find_delete_undo, fixture_tear_down);
  g_test_add ("/window/sample-from-empty-state", Fixture, NULL, fixture_set_up, test_sample_from_empty_state, fixture_tear_down);
  g_test_add ("/window/editor-keeps-bad-input-out", Fixture, NULL, fixture_set_up, test_editor_keeps_bad_input_out, fixture_tear_down);

  g_test_add ("/window/unsaved-changes-are-not-lost", Fixture, NULL, fixture_set_up, test_unsaved_changes_are_not_lost, fixture_tear_down);
  g_test_add ("/window/undo-only-after-delete", Fixture, NULL, fixture_set_up, test_undo_only_after_delete, fixture_tear_down);
  g_test_add ("/window/filters-and-grace", Fixture, NULL, fixture_set_up, test_filters_and_grace, fixture_tear_down);
  g_test_add ("/window/sort-by-column", Fixture, NULL, fixture_set_up, test_sort_by_column, fixture_tear_down);
  g_test_add ("/window/editor-and-concurrent-changes", Fixture, NULL, fixture_set_up, test_editor_and_concurrent_changes, fixture_tear_down);
  g_test_add ("/window/events-session-and-check-in", Fixture, NULL, fixture_set_up, test_events_session_and_check_in, fixture_tear_down);
  g_test_add ("/window/assembly", Fixture, NULL, fixture_set_up, test_assembly, fixture_tear_down);
  g_test_add ("/window/accessible-names", Fixture, NULL, fixture_set_up, test_accessible_names, fixture_tear_down);
  g_test_add ("/window/import-participants", Fixture, NULL, fixture_set_up, test_import_participants, fixture_tear_down);
  g_test_add ("/window/roadmap-item", Fixture, NULL, fixture_set_up, test_roadmap_item, fixture_tear_down);
  g_test_add ("/window/pillars", Fixture, NULL, fixture_set_up, test_pillars, fixture_tear_down);
  g_test_add ("/window/follow-links", Fixture, NULL, fixture_set_up, test_follow_links, fixture_tear_down);
  g_test_add ("/window/import-dialog", Fixture, NULL, fixture_set_up, test_import_dialog, fixture_tear_down);
  g_test_add ("/window/restore-a-copy", Fixture, NULL, fixture_set_up, test_restore_a_copy, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
