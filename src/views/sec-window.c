/* sec-window.c: the main window
 *
 * A header bar with a view switcher, one page per kind of work, and a toast
 * overlay that pages use for undo. Its size lives in GSettings.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-event-editor.h"
#include "sec-guide-window.h"
#include "sec-member-editor.h"
#include "sec-record-editor.h"
#include "sec-records-page.h"
#include "sec-coverage-view.h"
#include "sec-pdf.h"
#include "sec-pillars-dialog.h"
#include "sec-roadmap-board.h"
#include "sec-preferences-window.h"
#include "sec-sync-button.h"
#include "sec-window.h"

struct _SecWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewStack         *stack;
  AdwBin               *members_slot;
  AdwBin               *events_slot;
  AdwBin               *assemblies_slot;
  SecRecordsPage       *members_page;
  SecRecordsPage       *events_page;
  SecRecordsPage       *roadmap_page;
  SecRecordsPage       *assemblies_page;
  GtkStack             *roadmap_stack;
  GtkToggleButton      *roadmap_list_button;
  GtkToggleButton      *roadmap_board_button;
  GtkToggleButton      *roadmap_goals_button;
  SecRoadmapBoard      *roadmap_board;
  SecSyncButton        *sync_button;

  SecStore             *store;
  GSettings            *settings;
  SecSyncScheduler     *scheduler;
  int                   width;
};

G_DEFINE_FINAL_TYPE (SecWindow, sec_window, ADW_TYPE_APPLICATION_WINDOW)

/* The pages */

static const SecColumnSpec member_columns[] = {
  { "name", N_("Name"), TRUE, FALSE },
  { "acronym", N_("Acronym"), FALSE, TRUE },
  { "country", N_("Country"), FALSE, FALSE },
  { "kind", N_("Kind"), FALSE, TRUE },
  { "status", N_("Status"), FALSE, FALSE },
  { "dues_paid_until", N_("Dues Paid Until"), FALSE, TRUE },
  { NULL, }
};

static const SecFilterSpec member_filters[] = {
  { "status", N_("All Statuses") },
  { "country", N_("All Countries") },
  { "kind", N_("All Kinds") },
  { NULL, }
};

static const SecColumnSpec event_columns[] = {
  { "title", N_("Title"), TRUE, FALSE },
  { "starts_on", N_("Starts"), FALSE, FALSE },
  { "ends_on", N_("Ends"), FALSE, TRUE },
  { "kind", N_("Kind"), FALSE, TRUE },
  { "city", N_("City"), FALSE, TRUE },
  { "country", N_("Country"), FALSE, FALSE },
  { "status", N_("Status"), FALSE, TRUE },
  { NULL, }
};

static const SecFilterSpec event_filters[] = {
  { "when", N_("Upcoming and Past") },
  { "kind", N_("All Kinds") },
  { "country", N_("All Countries") },
  { "year", N_("All Years") },
  { NULL, }
};

static const SecPageSpec events_spec = {
  &sec_entity_event, "events", "events", event_columns, event_filters,
  N_("Search titles, places, organisers, sessions, speakers, participants"),
  NP_("%'u event", "%'u events"),
  "x-office-calendar-symbolic", N_("No Events Yet"),
  N_("Conferences, workshops, general assemblies, board meetings and field visits, with their programme and participants."),
  N_("_Add Event"), N_("No Matching Events"), FALSE
};

static const SecColumnSpec assembly_columns[] = {
  { "title", N_("Title"), TRUE, FALSE },
  { "starts_on", N_("Date"), FALSE, FALSE },
  { "kind", N_("Kind"), FALSE, TRUE },
  { "city", N_("City"), FALSE, TRUE },
  { "status", N_("Status"), FALSE, FALSE },
  { NULL, }
};

static const SecFilterSpec assembly_filters[] = {
  { "when", N_("Upcoming and Past") },
  { "year", N_("All Years") },
  { NULL, }
};

/* The events that have an agenda, a quorum and minutes. */
static const SecPageSpec assemblies_spec = {
  &sec_entity_event, "assemblies", "assemblies", assembly_columns, assembly_filters,
  N_("Search titles, places, agenda items, participants"),
  NP_("%'u meeting", "%'u meetings"),
  "view-list-ordered-symbolic", N_("No Assemblies Yet"),
  N_("General assemblies and board meetings: the agenda with its times, the quorum as delegates check in, and the decisions taken."),
  N_("_Add Assembly"), N_("No Matching Assemblies"), FALSE,
  .scope_field = "meeting", .scope_value = "assembly", .editor_width = 560
};

static const SecColumnSpec roadmap_columns[] = {
  { "title", N_("Item"), TRUE, FALSE },
  { "pillar_id", N_("Pillar"), FALSE, TRUE },
  { "status", N_("Status"), FALSE, FALSE },
  { "owner", N_("Owner"), FALSE, TRUE },
  { "due_on", N_("Due"), FALSE, TRUE },
  { "progress", N_("Progress, %"), FALSE, TRUE },
  { "timing", N_("Timing"), FALSE, FALSE },
  { NULL, }
};

static const SecFilterSpec roadmap_filters[] = {
  { "status", N_("All Statuses") },
  { "pillar_id", N_("All Pillars") },
  { "timing", N_("Any Timing") },
  { "owner", N_("All Owners") },
  { "sdgs", N_("All Goals") },
  { NULL, }
};

static const SecPageSpec roadmap_spec = {
  &sec_entity_roadmap_item, "roadmap", "roadmap", roadmap_columns, roadmap_filters,
  N_("Search items, owners, descriptions"),
  NP_("%'u item", "%'u items"),
  "task-due-symbolic", N_("No Roadmap Items Yet"),
  N_("The development roadmap: what each pillar needs, who owns it, when it is due and how far it has come."),
  N_("_Add Item"), N_("No Matching Items"), FALSE
};

static const SecPageSpec members_spec = {
  &sec_entity_member, "members", "members", member_columns, member_filters,
  N_("Search names, acronyms, cities, contacts, notes"),
  NP_("%'u member", "%'u members"),
  "system-users-symbolic", N_("No Members Yet"),
  N_("Add the organisations of your network one by one, import them from a spreadsheet, or start from a sample network to try things out."),
  N_("_Add Member"), N_("No Matching Members"), TRUE
};

/* Actions */

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecWindow *self = SEC_WINDOW (widget);
  GtkWindow *prefs = GTK_WINDOW (sec_preferences_window_new (self->settings, self->store, self->scheduler));

  gtk_window_set_transient_for (prefs, GTK_WINDOW (self));
  if (g_str_equal (action_name, "win.sync-settings"))
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "sync");
  gtk_window_present (prefs);
}

static void
guide_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_window_present (sec_guide_window_new (GTK_WINDOW (widget)));
}

/* The shortcuts window is built when first asked for, not by GtkApplication
 * with every window (it is not under gtk/ in the resources): that took
 * 15 ms off the first frame. */
static void
shortcuts_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/asec/Secretariat/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
pillars_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SecWindow *self = SEC_WINDOW (widget);
  GtkWindow *dialog = GTK_WINDOW (sec_pillars_dialog_new (self->store));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_present (dialog);
}

static gboolean
is_meeting (SecWindow  *self,
            const char *event_id)
{
  g_autoptr(SecRecord) event = sec_store_load (self->store, &sec_entity_event, event_id, NULL);

  return sec_assembly_panel_is_meeting (event);
}

/* Opens a record on its page, as a link in an editor asks: (entity, id);
 * a meeting on the Assemblies page, where its agenda is. */
static void
show_record_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecWindow *self = SEC_WINDOW (widget);
  const char *entity, *id;

  g_variant_get (param, "(&s&s)", &entity, &id);
  if (g_str_equal (entity, sec_entity_event.name) && is_meeting (self, id))
    {
      sec_window_show_page (self, "assemblies");
      sec_records_page_show_record (sec_window_get_assemblies_page (self), id);
    }
  else if (g_str_equal (entity, sec_entity_member.name))
    {
      sec_window_show_page (self, "members");
      sec_records_page_show_record (sec_window_get_members_page (self), id);
    }
  else if (g_str_equal (entity, sec_entity_event.name))
    {
      sec_window_show_page (self, "events");
      sec_records_page_show_record (sec_window_get_events_page (self), id);
    }
  else if (g_str_equal (entity, sec_entity_roadmap_item.name))
    {
      sec_window_show_page (self, "roadmap");
      sec_window_show_roadmap_view (self, "list");
      sec_records_page_show_record (sec_window_get_roadmap_page (self), id);
    }
}

/* The roadmap menu's choice of board columns, as radio items. */
static void
add_board_actions (SecWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GPropertyAction) columns = g_property_action_new ("columns", self->roadmap_board, "group-by");

  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (columns));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "board", G_ACTION_GROUP (group));
}

/* Callbacks */

static void
on_roadmap_view_toggled (SecWindow *self)
{
  gboolean list = gtk_toggle_button_get_active (self->roadmap_list_button);
  gboolean goals = gtk_toggle_button_get_active (self->roadmap_goals_button);

  gtk_stack_set_visible_child_name (self->roadmap_stack, list ? "list" : goals ? "goals" : "board");
}

/* The pages' editors */

static SecEditor *
new_member_editor (void)
{
  return g_object_new (SEC_TYPE_MEMBER_EDITOR, NULL);
}

static SecEditor *
new_event_editor (void)
{
  return g_object_new (SEC_TYPE_EVENT_EDITOR, NULL);
}

static SecEditor *
new_assembly_editor (void)
{
  SecEventEditor *editor = g_object_new (SEC_TYPE_EVENT_EDITOR, NULL);

  sec_event_editor_set_default_kind (editor, "general_assembly");
  return SEC_EDITOR (editor);
}

static SecEditor *
new_roadmap_editor (void)
{
  return SEC_EDITOR (sec_record_editor_new (&sec_entity_roadmap_item));
}

/* Building the pages. Each is built the first time it is shown or asked
 * for, so that the first frame holds the members page alone. */

static SecRecordsPage *
new_records_page (SecWindow         *self,
                  const SecPageSpec *spec,
                  SecEditorFactory   new_editor)
{
  SecRecordsPage *page = g_object_new (SEC_TYPE_RECORDS_PAGE, NULL);

  sec_records_page_setup (page, spec, new_editor, self->store, self->settings);
  gtk_widget_insert_action_group (GTK_WIDGET (self), spec->actions, sec_records_page_get_actions (page));
  if (self->width > 0)
    sec_records_page_fit_width (page, self->width);
  return page;
}

static void
build_roadmap (SecWindow *self)
{
  self->roadmap_page = new_records_page (self, &roadmap_spec, new_roadmap_editor);
  gtk_stack_add_named (self->roadmap_stack, GTK_WIDGET (self->roadmap_page), "list");
  self->roadmap_board = SEC_ROADMAP_BOARD (sec_roadmap_board_new (self->store));
  add_board_actions (self);
  gtk_stack_add_named (self->roadmap_stack, GTK_WIDGET (self->roadmap_board), "board");
  gtk_stack_add_named (self->roadmap_stack, sec_coverage_view_new (self->store), "goals");
  on_roadmap_view_toggled (self);
}

/* @name is a page of the view stack: "members", "events", "assemblies" or
 * "roadmap". */
static void
build_page (SecWindow  *self,
            const char *name)
{
  if (self->store == NULL) /* the template is still being built */
    return;
  if (g_str_equal (name, "members") && self->members_page == NULL)
    {
      self->members_page = new_records_page (self, &members_spec, new_member_editor);
      adw_bin_set_child (self->members_slot, GTK_WIDGET (self->members_page));
    }
  else if (g_str_equal (name, "events") && self->events_page == NULL)
    {
      self->events_page = new_records_page (self, &events_spec, new_event_editor);
      adw_bin_set_child (self->events_slot, GTK_WIDGET (self->events_page));
    }
  else if (g_str_equal (name, "assemblies") && self->assemblies_page == NULL)
    {
      self->assemblies_page = new_records_page (self, &assemblies_spec, new_assembly_editor);
      adw_bin_set_child (self->assemblies_slot, GTK_WIDGET (self->assemblies_page));
    }
  else if (g_str_equal (name, "roadmap") && self->roadmap_page == NULL)
    build_roadmap (self);
}

/* Fits the header and the pages to the window's width, maximized or not
 * (the surface's width, as the default width is the unmaximized one). */
static void
on_surface_width (SecWindow *self)
{
  int width = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (self)));
  gboolean narrow = width < 700;

  sec_sync_button_set_compact (self->sync_button, narrow);
  /* A centred title needs as much room on its left as on its right. */
  adw_header_bar_set_centering_policy (self->header_bar, narrow ? ADW_CENTERING_POLICY_LOOSE
                                                                : ADW_CENTERING_POLICY_STRICT);
  self->width = width;
  for (SecRecordsPage **page = (SecRecordsPage *[]) { self->members_page, self->events_page, self->assemblies_page,
                                                      self->roadmap_page }, **end = page + 4; page < end; page++)
    if (*page != NULL)
      sec_records_page_fit_width (*page, width);
}

static void
on_page_shown (SecWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (name != NULL)
    build_page (self, name);
}

static void
on_realize (SecWindow *self)
{
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (self)), "notify::width",
                           G_CALLBACK (on_surface_width), self, G_CONNECT_SWAPPED);
  on_surface_width (self);
}

static void
on_report_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SecWindow       *self)
{
  const char *report = g_object_get_data (G_OBJECT (chooser), "report");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = g_settings_get_string (self->settings, "network-name");
  g_autofree char *logo = g_settings_get_string (self->settings, "network-logo");
  SecNetwork network = { name, logo };
  g_autofree char *text = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      path = g_file_get_path (file);
      ok = g_str_equal (report, "sdg") ? sec_pdf_sdg_report (self->store, SEC_PAPER_A4, &network, path, &error)
                                       : sec_pdf_roadmap_report (self->store, SEC_PAPER_A4, path, &error);
      text = ok ? g_strdup_printf (_("Saved %s"), path) : g_strdup_printf (_("Cannot write the report: %s"), error->message);
      sec_window_add_toast (self, adw_toast_new (text));
    }
  g_object_unref (chooser);
}

static void
report_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *report = g_variant_get_string (param, NULL);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (widget),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     g_str_equal (report, "sdg") ? _("SDG coverage.pdf") : _("Roadmap progress.pdf"));
  g_object_set_data_full (G_OBJECT (chooser), "report", g_strdup (report), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_chosen), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* New and find act on the page on show. (Undo is each page's own: it is
 * only enabled while its toast shows, so Ctrl+Z reaches text entries.) */
static void
page_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecWindow *self = SEC_WINDOW (widget);
  g_autofree char *name = g_strdup_printf ("%s.%s", adw_view_stack_get_visible_child_name (self->stack),
                                           action_name + strlen ("win."));

  gtk_widget_activate_action (widget, name, NULL);
}

/* GObject */

static void
sec_window_dispose (GObject *object)
{
  SecWindow *self = SEC_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (sec_window_parent_class)->dispose (object);
}

static void
sec_window_class_init (SecWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_window_dispose;

  g_type_ensure (SEC_TYPE_RECORDS_PAGE);
  g_type_ensure (SEC_TYPE_SYNC_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SecWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, members_slot);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, events_slot);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, assemblies_slot);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, roadmap_stack);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, roadmap_list_button);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, roadmap_board_button);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, roadmap_goals_button);
  gtk_widget_class_bind_template_callback (widget_class, on_roadmap_view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_page_shown);
  gtk_widget_class_bind_template_child (widget_class, SecWindow, sync_button);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.sync-settings", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, page_action_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, page_action_activated);
  gtk_widget_class_install_action (widget_class, "win.report", "s", report_activated);
  gtk_widget_class_install_action (widget_class, "win.pillars", NULL, pillars_activated);
  gtk_widget_class_install_action (widget_class, "win.guide", NULL, guide_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, shortcuts_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.guide", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-record", "(ss)", show_record_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
sec_window_init (SecWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_after (self, "realize", G_CALLBACK (on_realize), NULL);
}

/* Public API */

/* @scheduler may be %NULL: then the window shows no sync button. */
SecWindow *
sec_window_new (GtkApplication   *app,
                SecStore         *store,
                GSettings        *settings,
                SecSyncScheduler *scheduler)
{
  SecWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (SEC_IS_STORE (store), NULL);

  self = g_object_new (SEC_TYPE_WINDOW, "application", app, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->scheduler = scheduler ? g_object_ref (scheduler) : NULL;
  if (scheduler != NULL)
    sec_sync_button_set_scheduler (self->sync_button, scheduler);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), scheduler != NULL);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  on_page_shown (self);
  return self;
}

/* Shows the roadmap as "list", "board" or "goals", as the toggles do. */
void
sec_window_show_roadmap_view (SecWindow  *self,
                              const char *view)
{
  g_return_if_fail (SEC_IS_WINDOW (self));
  gtk_toggle_button_set_active (g_str_equal (view, "board") ? self->roadmap_board_button
                                : g_str_equal (view, "goals") ? self->roadmap_goals_button
                                : self->roadmap_list_button, TRUE);
}

GtkWidget *
sec_window_get_roadmap_view (SecWindow  *self,
                             const char *view)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  build_page (self, "roadmap");
  return gtk_stack_get_child_by_name (self->roadmap_stack, view);
}

SecRoadmapBoard *
sec_window_get_roadmap_board (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  build_page (self, "roadmap");
  return self->roadmap_board;
}

SecRecordsPage *
sec_window_get_roadmap_page (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  build_page (self, "roadmap");
  return self->roadmap_page;
}

SecRecordsPage *
sec_window_get_assemblies_page (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  build_page (self, "assemblies");
  return self->assemblies_page;
}

SecRecordsPage *
sec_window_get_events_page (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  build_page (self, "events");
  return self->events_page;
}

void
sec_window_show_page (SecWindow  *self,
                      const char *name)
{
  g_return_if_fail (SEC_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* The page on show: "members", "events", "assemblies" or "roadmap". */
const char *
sec_window_get_page (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->stack);
}

SecSyncButton *
sec_window_get_sync_button (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  return self->sync_button;
}

SecRecordsPage *
sec_window_get_members_page (SecWindow *self)
{
  g_return_val_if_fail (SEC_IS_WINDOW (self), NULL);
  build_page (self, "members");
  return self->members_page;
}

void
sec_window_add_toast (SecWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (SEC_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
