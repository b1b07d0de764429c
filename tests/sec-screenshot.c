/* sec-screenshot.c: renders the pages of Secretariat with the sample
 * network to PNG files, so that a person can look at what the app shows.
 *
 *   sec-screenshot OUTDIR [WIDTHxHEIGHT] [--dark]
 *   sec-screenshot OUTDIR WIDTHxHEIGHT --db FILE
 *
 * The second shows the members page of a database kept before (a
 * benchmark's million members): as it opens, once loaded, and searched.
 *
 * Run it under a display (xvfb-run) with GSK_RENDERER=cairo.
 */

#include <glib/gstdio.h>

#include "sec-agenda.h"
#include "sec-application.h"
#include "sec-conflicts-dialog.h"
#include "sec-event-editor.h"
#include "sec-import-dialog.h"
#include "sec-pillars-dialog.h"
#include "sec-query-model.h"
#include "sec-backups.h"
#include "sec-preferences-window.h"
#include "sec-store-sync.h"
#include "sec-json.h"
#include "sec-member-editor.h"
#include "sec-records-page.h"
#include "sec-window.h"

typedef struct {
  SecApplication *app;
  GtkWindow      *window;
  SecImportDialog *import;
  GtkWidget      *other;     /* a dialog being shot */
  char           *dir;
  const char     *outdir;
  const char     *suffix;
  guint           step;
  int             status;
} Shooter;

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("Cannot write %s\n", path);
  else
    g_print ("%s\n", path);
}

static void
shoot (Shooter    *shooter,
       GtkWidget  *widget,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, shooter->suffix);
  g_autofree char *path = g_build_filename (shooter->outdir, file, NULL);
  save_png (widget, path);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return GTK_WIDGET (toplevel);
    }
  return NULL;
}

static void
save_fields (SecStore        *store,
             const SecEntity *entity,
             const char      *const *pairs)
{
  g_autoptr(SecRecord) record = sec_record_new (entity);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    sec_record_set (record, pairs[i], pairs[i + 1]);
  if (!sec_store_save (store, record, &error))
    g_error ("%s", error->message);
}

/* Next year's assembly: current members' delegates, most of them checked
 * in, and an agenda begun with the assistant's help. */
static char *
add_assembly (SecStore *store)
{
  g_autoptr(SecQueryModel) current = sec_query_model_new (store, &sec_entity_member);
  g_autoptr(GPtrArray) proposals = NULL;
  g_autofree char *ga = NULL;
  static const struct { const char *title, *kind, *minutes, *presenter; } items[] = {
    { "Opening and adoption of the agenda", "item", "10", "Chair of ASEC" },
    { "Report of the secretariat", "item", "30", "ASEC Secretariat" },
    { "Coffee break", "break", "15", NULL },
  };

  save_fields (store, &sec_entity_event, (const char *[]) {
    "title", "ASEC General Assembly 2027", "kind", "general_assembly", "status", "confirmed",
    "starts_on", "2027-01-28", "ends_on", "2027-01-28", "city", "Kuala Lumpur", "country", "MY", NULL });
  ga = sec_store_find_id (store, &sec_entity_event, "title", "ASEC General Assembly 2027", NULL, NULL);
  sec_query_model_set_filter (current, "status", "current");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (current)) && i < 12; i++)
    {
      g_autoptr(SecRecord) member = g_list_model_get_item (G_LIST_MODEL (current), i);
      save_fields (store, &sec_entity_participant, (const char *[]) {
        "event_id", ga, "name", sec_record_get (member, "acronym") ? sec_record_get (member, "acronym") : "Delegate",
        "organisation", sec_record_get (member, "name"), "role", "delegate", "voting_delegate", "1",
        "attended", i < 10 ? "1" : "0", NULL });
    }
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(SecRecord) item = sec_agenda_new_item (store, ga, items[i].kind);
      sec_record_set (item, "title", items[i].title);
      sec_record_set (item, "duration", items[i].minutes);
      sec_record_set (item, "presenter", items[i].presenter);
      g_assert_true (sec_store_save (store, item, NULL));
    }
  proposals = sec_agenda_proposals (store, ga, NULL);
  for (guint i = 0; i < proposals->len; i++)
    if (i == 0 || i == 2 || i == 3)
      sec_agenda_accept (store, ga, g_ptr_array_index (proposals, i), NULL);
  return g_steal_pointer (&ga);
}

/* One step per tick, so that each state is laid out and drawn before the
 * picture is taken. */
static gboolean
next_step (gpointer user_data)
{
  Shooter *shooter = user_data;
  GtkWidget *window = GTK_WIDGET (shooter->window);
  g_autoptr(GError) error = NULL;

  switch (shooter->step++)
    {
    case 0:
      shoot (shooter, window, "members-empty");
      sec_store_load_sample (sec_application_get_store (shooter->app), &error);
      g_assert_no_error (error);
      return G_SOURCE_CONTINUE;
    case 1:
      shoot (shooter, window, "members");
      gtk_widget_activate_action (window, "members.find", NULL);
      return G_SOURCE_CONTINUE;
    case 2:
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
        GtkWidget *entry = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) : NULL;
        if (entry != NULL)
          gtk_editable_set_text (GTK_EDITABLE (entry), "hop tac");
        return G_SOURCE_CONTINUE;
      }
    case 3:
      shoot (shooter, window, "members-search");
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
        GtkWidget *entry = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) : NULL;
        if (entry != NULL)
          gtk_editable_set_text (GTK_EDITABLE (entry), "");
      }
      return G_SOURCE_CONTINUE;
    case 4:
      {
        SecStore *store = sec_application_get_store (shooter->app);
        g_autofree char *id = sec_store_find_id (store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
        sec_records_page_show_record (sec_window_get_members_page (SEC_WINDOW (window)), id);
      }
      return G_SOURCE_CONTINUE;
    case 5:
      shoot (shooter, window, "member-editor");
      {
        g_autofree char *csv = g_build_filename (shooter->dir, "import.csv", NULL);
        g_autoptr(GFile) file = g_file_new_for_path (csv);
        g_file_set_contents (csv,
                             "Organisation;Country;Type;E-mail;Contact person\n"
                             "Koperasi Wanita Sejahtera;MY;cooperative;koperasi@example.org;Siti Aminah\n"
                             "Mạng lưới Doanh nghiệp Xã hội;VN;social_enterprise;;\n"
                             "Kooperatiba ng Bayan;Atlantis;cooperative;info at example;\n", -1, NULL);
        shooter->import = sec_import_dialog_run (shooter->window, sec_application_get_store (shooter->app),
                                                 sec_application_get_settings (shooter->app), &sec_entity_member, NULL, file);
      }
      return G_SOURCE_CONTINUE;
    case 6:
      shoot (shooter, GTK_WIDGET (shooter->import), "import-mapping");
      sec_import_dialog_start (shooter->import);
      return G_SOURCE_CONTINUE;
    case 7:
      shoot (shooter, GTK_WIDGET (shooter->import), "import-report");
      gtk_window_destroy (GTK_WINDOW (shooter->import));
      {
        SecRecordsPage *page = sec_window_get_members_page (SEC_WINDOW (window));
        SecMemberEditor *editor = SEC_MEMBER_EDITOR (sec_records_page_get_editor (page));
        SecRecordForm *form = sec_member_editor_get_form (editor);

        sec_records_page_show_record (page, NULL);
        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "email")), "info at example");
        sec_member_editor_save (editor);
      }
      return G_SOURCE_CONTINUE;
    case 8:
      shoot (shooter, window, "member-new-errors");
      gtk_widget_activate_action (window, "editor.close", NULL);
      gtk_widget_activate_action (window, "win.sync-settings", NULL);
      shooter->other = find_toplevel (SEC_TYPE_PREFERENCES_WINDOW);
      sec_preferences_window_set_address (SEC_PREFERENCES_WINDOW (shooter->other),
                                          "http://couch.example.org", "asec", "secretariat");
      return G_SOURCE_CONTINUE;
    case 9:
      shoot (shooter, shooter->other, "preferences-sync");
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      {
        SecStore *store = sec_application_get_store (shooter->app);
        g_autofree char *id = sec_store_find_id (store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
        g_autofree char *vca = sec_store_find_id (store, &sec_entity_member, "acronym", "VCA", NULL, NULL);
        g_autoptr(SecRecord) gone = sec_record_new (&sec_entity_member);
        const char *parc = sec_record_get_id (gone);
        g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
        SecConflict city = { .entity = &sec_entity_member, .record_id = id, .field = "city", .leaf = TRUE,
                             .local_value = "Petaling Jaya", .remote_value = "Kuala Lumpur", .remote_rev = "3-a",
                             .base_value = "Shah Alam", .local_office = "Kuala Lumpur office",
                             .local_at = "2026-12-02T09:12:00Z", .remote_office = "Phnom Penh office",
                             .remote_at = "2026-12-03T04:40:00Z" };
        SecConflict email = { .entity = &sec_entity_member, .record_id = vca, .field = "email",
                              .remote_value = "vca@example.org", .remote_rev = "5-b",
                              .remote_office = "Hanoi office", .remote_at = "2026-12-01T11:05:00Z" };
        SecConflict deleted = { .entity = &sec_entity_member, .record_id = vca, .field = "_deleted", .leaf = TRUE,
                                .local_value = "changed", .remote_value = "deleted", .remote_rev = "6-c",
                                .remote_office = "Kuala Lumpur office", .remote_at = "2026-12-03T02:00:00Z" };
        SecConflict contact_added = { .entity = &sec_entity_member, .record_id = (char *) parc, .field = "_deleted",
                                      .local_value = "deleted", .remote_value = "changed", .base_value = "contact",
                                      .remote_rev = "4-d", .remote_office = "Hanoi office",
                                      .remote_at = "2026-12-03T03:15:00Z" };
        sec_store_add_conflict (store, &city, NULL);
        sec_store_add_conflict (store, &email, NULL);
        sec_store_add_conflict (store, &deleted, NULL);
        /* A member deleted here that a contact came to from Hanoi. */
        sec_record_set (gone, "name", "Koperasi Induk Selangor");
        sec_record_set (gone, "kind", "cooperative");
        sec_record_set (gone, "country", "MY");
        sec_record_set (gone, "city", "Shah Alam");
        g_assert_true (sec_store_save (store, gone, NULL));
        sec_record_set (contact, "member_id", parc);
        sec_record_set (contact, "name", "Nguyen Thi Lan");
        sec_store_save (store, contact, NULL);
        sec_store_delete (store, &sec_entity_member, parc, NULL);
        sec_store_restore (store, &sec_entity_contact, sec_record_get_id (contact), NULL);
        sec_store_add_conflict (store, &contact_added, NULL);
        shooter->other = GTK_WIDGET (sec_conflicts_dialog_new (shooter->window, store));
        gtk_window_present (GTK_WINDOW (shooter->other));
      }
      return G_SOURCE_CONTINUE;
    case 10:
      shoot (shooter, shooter->other, "conflicts");
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      sec_window_show_page (SEC_WINDOW (window), "events");
      return G_SOURCE_CONTINUE;
    case 11:
      shoot (shooter, window, "events");
      {
        SecStore *store = sec_application_get_store (shooter->app);
        g_autofree char *forum = sec_store_find_id (store, &sec_entity_event, "starts_on", "2015-04-25", NULL, NULL);
        sec_records_page_show_record (sec_window_get_events_page (SEC_WINDOW (window)), forum);
      }
      return G_SOURCE_CONTINUE;
    case 12:
      shoot (shooter, window, "event-editor");
      {
        SecEventEditor *editor = SEC_EVENT_EDITOR (sec_records_page_get_editor (sec_window_get_events_page (SEC_WINDOW (window))));
        SecRecordDialog *dialog = sec_event_editor_add_participant (editor);
        SecRecordForm *form = sec_record_dialog_get_form (dialog);

        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "name")), "Nguyễn Thị Hoa");
        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "organisation")), "asian");
        shooter->other = GTK_WIDGET (dialog);
      }
      return G_SOURCE_CONTINUE;
    case 13:
      shoot (shooter, shooter->other, "participant-dialog");
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      sec_window_show_page (SEC_WINDOW (window), "roadmap");
      return G_SOURCE_CONTINUE;
    case 14:
      shoot (shooter, window, "roadmap");
      {
        SecStore *store = sec_application_get_store (shooter->app);
        g_autofree char *id = sec_store_find_id (store, &sec_entity_roadmap_item, "title",
                                                 "Shared library of SSE case studies", NULL, NULL);
        sec_records_page_show_record (sec_window_get_roadmap_page (SEC_WINDOW (window)), id);
      }
      return G_SOURCE_CONTINUE;
    case 15:
      shoot (shooter, window, "roadmap-item");
      gtk_widget_activate_action (window, "editor.close", NULL);
      sec_window_show_roadmap_view (SEC_WINDOW (window), "board");
      return G_SOURCE_CONTINUE;
    case 16:
      shoot (shooter, window, "roadmap-board");
      sec_window_show_roadmap_view (SEC_WINDOW (window), "goals");
      return G_SOURCE_CONTINUE;
    case 17:
      shoot (shooter, window, "sdg-coverage");
      sec_window_show_roadmap_view (SEC_WINDOW (window), "list");
      gtk_widget_activate_action (window, "win.pillars", NULL);
      shooter->other = find_toplevel (SEC_TYPE_PILLARS_DIALOG);
      return G_SOURCE_CONTINUE;
    case 18:
      shoot (shooter, shooter->other, "pillars");
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      sec_window_show_page (SEC_WINDOW (window), "assemblies");
      return G_SOURCE_CONTINUE;
    case 19:
      shoot (shooter, window, "assemblies");
      {
        SecStore *store = sec_application_get_store (shooter->app);
        g_autofree char *ga = add_assembly (store);
        sec_records_page_show_record (sec_window_get_assemblies_page (SEC_WINDOW (window)), ga);
      }
      return G_SOURCE_CONTINUE;
    case 20:
      shoot (shooter, window, "assembly");
      {
        SecEventEditor *editor = SEC_EVENT_EDITOR (sec_records_page_get_editor (sec_window_get_assemblies_page (SEC_WINDOW (window))));
        SecAgendaView *agenda = sec_assembly_panel_get_agenda (sec_event_editor_get_assembly_panel (editor));
        SecStore *store = sec_application_get_store (shooter->app);
        g_autofree char *item = sec_store_find_id (store, &sec_entity_agenda_item, "roadmap_item_id",
                                                   "5e0c0002-0000-4000-8000-000000000005", NULL, NULL);
        SecRecordDialog *dialog = sec_agenda_view_edit (agenda, item);
        SecRecordForm *form = sec_record_dialog_get_form (dialog);

        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sec_record_form_get_input (form, "decision"))),
                                  "The pilot goes on with two partner platforms and reports to the next assembly.", -1);
        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "votes_for")), "9");
        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "votes_against")), "1");
        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "votes_abstaining")), "2");
        gtk_editable_set_text (GTK_EDITABLE (sec_record_form_get_input (form, "decided_due_on")), "2027-06-30");
        gtk_window_set_default_size (GTK_WINDOW (dialog), 480, 1400);
        shooter->other = GTK_WIDGET (dialog);
      }
      return G_SOURCE_CONTINUE;
    case 21:
      shoot (shooter, shooter->other, "agenda-item");
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      gtk_widget_activate_action (window, "win.preferences", NULL);
      shooter->other = find_toplevel (SEC_TYPE_PREFERENCES_WINDOW);
      {
        g_autofree char *logo = g_build_filename (SRCDIR, "..", "data", "icons", "hicolor", "scalable", "apps",
                                                  "org.asec.Secretariat.svg", NULL);
        sec_preferences_window_set_logo (SEC_PREFERENCES_WINDOW (shooter->other), logo);
      }
      return G_SOURCE_CONTINUE;
    case 22:
      shoot (shooter, shooter->other, "preferences");
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      {
        SecStore *store = sec_application_get_store (shooter->app);

        sec_backups_make_daily_async (store, 7, NULL, NULL, NULL);
      }
      return G_SOURCE_CONTINUE;
    case 23:
      gtk_widget_activate_action (window, "win.preferences", NULL);
      shooter->other = find_toplevel (SEC_TYPE_PREFERENCES_WINDOW);
      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (shooter->other), "backups");
      return G_SOURCE_CONTINUE;
    case 24:
      shoot (shooter, shooter->other, "preferences-backups");
      {
        g_autoptr(GPtrArray) copies = sec_backups_list (sec_application_get_store (shooter->app));

        if (copies->len > 0)
          gtk_widget_activate_action (shooter->other, "backups.restore", "s", g_ptr_array_index (copies, 0));
      }
      return G_SOURCE_CONTINUE;
    case 25:
      {
        GtkWidget *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

        if (dialog != NULL)
          {
            shoot (shooter, dialog, "restore-confirm");
            adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
            gtk_window_destroy (GTK_WINDOW (dialog));
          }
      }
      gtk_window_destroy (GTK_WINDOW (shooter->other));
      return G_SOURCE_CONTINUE;
    default:
      gtk_window_destroy (shooter->window);
      return G_SOURCE_REMOVE;
    }
}

static void
search_for (GtkWidget  *window,
            const char *text)
{
  GtkWidget *focus;

  gtk_widget_activate_action (window, "members.find", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY)), text);
}

static gboolean
next_large_step (gpointer user_data)
{
  Shooter *shooter = user_data;
  GtkWidget *window = GTK_WIDGET (shooter->window);

  switch (shooter->step++)
    {
    case 1:
      shoot (shooter, window, "members-large-opening");
      return G_SOURCE_CONTINUE;
    case 4:
      shoot (shooter, window, "members-large");
      search_for (window, "koperasi sel");
      return G_SOURCE_CONTINUE;
    case 8:
      shoot (shooter, window, "members-large-search");
      gtk_window_destroy (shooter->window);
      return G_SOURCE_REMOVE;
    default:
      return G_SOURCE_CONTINUE;
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *suffix = NULL;
  g_autoptr(GError) error = NULL;
  Shooter shooter = { 0, };
  int width = 1280, height = 800;

  if (argc < 2)
    {
      g_printerr ("usage: sec-screenshot OUTDIR [WIDTHxHEIGHT] [--dark]\n");
      return 2;
    }
  shooter.outdir = argv[1];
  if (argc > 2 && sscanf (argv[2], "%dx%d", &width, &height) != 2)
    width = 1280, height = 800;
  suffix = g_strdup_printf ("-%d%s", width, argc > 3 && g_str_equal (argv[3], "--dark") ? "-dark" : "");
  shooter.suffix = suffix;
  g_mkdir_with_parents (shooter.outdir, 0755);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  shooter.dir = dir = g_dir_make_tmp ("secretariat-shots-XXXXXX", &error);
  g_assert_no_error (error);
  db = argc > 4 && g_str_equal (argv[3], "--db") ? g_strdup (argv[4]) : g_build_filename (dir, "screenshots.db", NULL);

  shooter.app = sec_application_new ();
  g_application_set_flags (G_APPLICATION (shooter.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (shooter.app), NULL, &error));
  g_assert_true (sec_application_open_store (shooter.app, db, &error));
  if (g_str_has_suffix (suffix, "-dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_application_activate (G_APPLICATION (shooter.app));
  shooter.window = gtk_application_get_active_window (GTK_APPLICATION (shooter.app));
  gtk_window_set_default_size (shooter.window, width, height);
  if (argc > 4 && g_str_equal (argv[3], "--db"))
    g_timeout_add (250, next_large_step, &shooter);
  else
    g_timeout_add (700, next_step, &shooter);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&shooter.app);
  return shooter.status;
}
