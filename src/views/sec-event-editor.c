/* sec-event-editor.c: an event, its programme and its participants
 *
 * The event is a SecRecordForm saved with Save. Its sessions and
 * participants are written at once, each through a SecRecordDialog, so the
 * programme and the check-in list are live: checking someone in is one
 * keystroke (type part of a name, press Enter) and stored as it happens.
 * Sessions that share a room and a moment are flagged. A general assembly
 * or a board meeting also shows its quorum, agenda and the assistant's
 * proposals (SecAssemblyPanel) above the event's own fields.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-assembly-panel.h"
#include "sec-bar-chart.h"
#include "sec-csv.h"
#include "sec-import-dialog.h"
#include "sec-editor.h"
#include "sec-event-stats.h"
#include "sec-export.h"
#include "sec-event-editor.h"
#include "sec-field.h"
#include "sec-ical.h"
#include "sec-pdf.h"
#include "sec-programme.h"
#include "sec-window.h"
#include "sec-store-sync.h"
#include "sec-store-watch.h"

struct _SecEventEditor
{
  GtkWidget       parent_instance;

  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *error_label;
  GtkBox         *content_box;
  SecAssemblyPanel *assembly_panel;
  GtkWidget      *programme_group;
  GtkWidget      *participants_group;
  GtkWidget      *counts_group;
  GtkLabel       *counts_label;
  SecBarChart    *country_chart;
  GtkListBox     *sessions_list;
  GtkListBox     *participants_list;
  GtkSearchEntry *check_in_entry;
  GtkWidget      *delete_button;

  SecStore       *store;
  SecRecordForm  *form;
  char           *event_id;      /* NULL for a new event */
  guint           overlaps;
  char           *attendance;
  char           *default_kind;  /* of a new event */
};

static void editor_iface_init (SecEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SecEventEditor, sec_event_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SEC_TYPE_EDITOR, editor_iface_init))

static void fill_lists (SecEventEditor *self);

/* Helpers */

static GtkWindow *
parent_window (SecEventEditor *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
update_header (SecEventEditor *self)
{
  SecRecord *event = sec_record_form_get_record (self->form);
  const char *title = sec_record_get (event, "title");
  const char *from = sec_record_get (event, "starts_on"), *to = sec_record_get (event, "ends_on");
  const char *city = sec_record_get (event, "city");
  g_autofree char *when = NULL;

  gtk_label_set_text (self->title_label, title ? title : _("New Event"));
  if (from != NULL)
    {
      g_autofree char *dates = sec_export_format_dates (from, to ? to : from);
      when = g_strdup_printf ("%s%s%s", dates, city ? " · " : "", city ? city : "");
    }
  gtk_label_set_text (self->subtitle_label, when ? when : "");
  gtk_widget_set_sensitive (self->programme_group, self->event_id != NULL);
  gtk_widget_set_sensitive (self->participants_group, self->event_id != NULL);
  gtk_widget_set_visible (self->delete_button, self->event_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export", self->event_id != NULL);
}

static char *
session_subtitle (SecRecord *session)
{
  const SecField *kind = sec_entity_get_field (&sec_entity_session, "kind");
  GString *text = g_string_new (sec_field_choice_label (kind, sec_record_get (session, "kind")));

  for (const char *const *f = (const char *const[]) { "speakers", "moderator", "room", NULL }; *f; f++)
    if (sec_record_get (session, *f) != NULL)
      g_string_append_printf (text, " · %s", sec_record_get (session, *f));
  return g_string_free (text, FALSE);
}

static gboolean
in_overlap (GPtrArray  *overlaps,
            const char *id)
{
  for (guint i = 0; i < overlaps->len; i++)
    {
      SecOverlap *overlap = g_ptr_array_index (overlaps, i);
      if (g_str_equal (overlap->first, id) || g_str_equal (overlap->second, id))
        return TRUE;
    }
  return FALSE;
}

static void on_session_activated (GtkListBoxRow *row, SecEventEditor *self);
static void on_certificate_clicked (GtkButton *button, SecEventEditor *self);
static void on_duplicate_session (GtkButton *button, SecEventEditor *self);
static void on_delete_session (GtkButton *button, SecEventEditor *self);

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
session_row (SecEventEditor *self,
             SecRecord      *session,
             const char     *previous_date,
             gboolean        overlapping)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s–%s  %s", sec_record_get (session, "starts_at"),
                                            sec_record_get (session, "ends_at"), sec_record_get (session, "title"));
  g_autofree char *subtitle = session_subtitle (session);
  GtkWidget *duplicate = icon_button ("edit-copy-symbolic", _("Duplicate Session"));
  GtkWidget *remove = icon_button ("user-trash-symbolic", _("Delete Session"));

  /* Titles and speakers are what people typed, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (g_strcmp0 (previous_date, sec_record_get (session, "date")) != 0)
    {
      GtkWidget *day = gtk_label_new (sec_record_get (session, "date"));
      gtk_widget_add_css_class (day, "caption-heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), day);
    }
  if (overlapping)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (warning, _("Overlaps another session in the same room"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Overlaps another session in the same room"), -1);
      gtk_widget_add_css_class (warning, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
    }
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (sec_record_get_id (session)), g_free);
  g_object_set_data_full (G_OBJECT (duplicate), "id", g_strdup (sec_record_get_id (session)), g_free);
  g_object_set_data_full (G_OBJECT (remove), "id", g_strdup (sec_record_get_id (session)), g_free);
  g_signal_connect (duplicate, "clicked", G_CALLBACK (on_duplicate_session), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_session), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), duplicate);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_session_activated), self);
  return row;
}

static void
on_checked_in (GtkCheckButton *check,
               GParamSpec     *pspec,
               SecEventEditor *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "id");
  g_autoptr(SecRecord) participant = sec_store_load (self->store, &sec_entity_participant, id, NULL);
  g_autoptr(GError) error = NULL;

  if (participant == NULL)
    return;
  sec_record_set (participant, "attended", gtk_check_button_get_active (check) ? "1" : "0");
  if (!sec_store_save (self->store, participant, &error))
    g_warning ("%s", error->message);
}

static GtkWidget *
participant_row (SecEventEditor *self,
                 SecRecord      *participant)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const SecField *role = sec_entity_get_field (&sec_entity_participant, "role");
  g_autofree char *subtitle = g_strdup_printf ("%s%s%s", sec_field_choice_label (role, sec_record_get (participant, "role")),
                                               sec_record_get (participant, "organisation") ? " · " : "",
                                               sec_record_get (participant, "organisation") ? sec_record_get (participant, "organisation") : "");
  g_autofree char *label = g_strdup_printf (_("%s attended"), sec_record_get (participant, "name"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sec_record_get (participant, "name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strcmp0 (sec_record_get (participant, "attended"), "1") == 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (check), "id", g_strdup (sec_record_get_id (participant)), g_free);
  g_signal_connect (check, "notify::active", G_CALLBACK (on_checked_in), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  {
    GtkWidget *certificate = icon_button ("x-office-document-symbolic", _("Certificate…"));
    g_object_set_data_full (G_OBJECT (certificate), "id", g_strdup (sec_record_get_id (participant)), g_free);
    g_signal_connect (certificate, "clicked", G_CALLBACK (on_certificate_clicked), self);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), certificate);
  }
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data_full (G_OBJECT (row), "folded", sec_text_fold (sec_record_get (participant, "name")), g_free);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_sessions (SecEventEditor *self)
{
  g_autoptr(GPtrArray) sessions = sec_programme_sessions (self->store, self->event_id);
  g_autoptr(GPtrArray) overlaps = sec_programme_overlaps (sessions);
  const char *previous = NULL;

  clear_list (self->sessions_list);
  self->overlaps = overlaps->len;
  for (guint i = 0; i < sessions->len; i++)
    {
      SecRecord *session = g_ptr_array_index (sessions, i);
      gtk_list_box_append (self->sessions_list, session_row (self, session, previous,
                                                             in_overlap (overlaps, sec_record_get_id (session))));
      previous = sec_record_get (session, "date");
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (sec_record_get (*(SecRecord **) a, "name"), sec_record_get (*(SecRecord **) b, "name"));
}

/* "Speaker 5 · Moderator 2 · Delegate 40" */
static char *
counts_line (SecEventEditor *self,
             const char     *by)
{
  g_autoptr(GPtrArray) counts = sec_event_counts (self->store, self->event_id, by);
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < counts->len; i++)
    {
      SecCount *count = g_ptr_array_index (counts, i);
      g_string_append_printf (line, "%s%s %u", i ? " · " : "", count->label, count->count);
    }
  return g_string_free (line, FALSE);
}

static void
fill_counts (SecEventEditor *self)
{
  g_autoptr(GPtrArray) countries = sec_event_counts (self->store, self->event_id, "country");
  g_autofree char *roles = counts_line (self, "role");
  g_autofree char *kinds = counts_line (self, "kind");
  g_autofree char *text = g_strdup_printf (_("By role: %s\nBy kind of organisation: %s\nBy country:"), roles, kinds);

  gtk_label_set_text (self->counts_label, text);
  sec_bar_chart_set_counts (self->country_chart, countries);
  gtk_widget_set_visible (self->counts_group, countries->len > 0);
}

static void
fill_participants (SecEventEditor *self)
{
  g_autoptr(GPtrArray) participants = sec_store_load_children (self->store, &sec_entity_participant, self->event_id);
  guint attended = 0;

  clear_list (self->participants_list);
  g_ptr_array_sort (participants, compare_names);
  for (guint i = 0; i < participants->len; i++)
    {
      SecRecord *participant = g_ptr_array_index (participants, i);
      attended += g_strcmp0 (sec_record_get (participant, "attended"), "1") == 0;
      gtk_list_box_append (self->participants_list, participant_row (self, participant));
    }
  g_free (self->attendance);
  self->attendance = g_strdup_printf (_("%u registered, %u checked in"), participants->len, attended);
  fill_counts (self);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->participants_group), self->attendance);
}

static void
fill_lists (SecEventEditor *self)
{
  clear_list (self->sessions_list);
  clear_list (self->participants_list);
  gtk_widget_set_visible (self->counts_group, FALSE);
  if (self->event_id == NULL || self->store == NULL)
    return;
  fill_sessions (self);
  fill_participants (self);
}

/* Sessions */

/* A new session starts where the last one of the programme ends. */
static SecRecord *
next_session (SecEventEditor *self)
{
  g_autoptr(GPtrArray) sessions = sec_programme_sessions (self->store, self->event_id);
  SecRecord *session = sec_record_new (&sec_entity_session);
  SecRecord *event = sec_record_form_get_record (self->form);
  SecRecord *last = sessions->len > 0 ? g_ptr_array_index (sessions, sessions->len - 1) : NULL;
  int start = last ? sec_time_to_minutes (sec_record_get (last, "ends_at")) : 9 * 60;
  g_autofree char *starts_at = sec_minutes_to_time (MIN (start, 23 * 60));
  g_autofree char *ends_at = sec_minutes_to_time (MIN (start + 60, 23 * 60 + 59));

  sec_record_set (session, "event_id", self->event_id);
  sec_record_set (session, "date", last ? sec_record_get (last, "date") : sec_record_get (event, "starts_on"));
  sec_record_set (session, "starts_at", starts_at);
  sec_record_set (session, "ends_at", ends_at);
  sec_record_set (session, "kind", "panel");
  return session;
}

static void
on_session_saved (SecRecordDialog *dialog,
                  SecRecord       *session,
                  SecEventEditor  *self)
{
  GtkSwitch *shift = g_object_get_data (G_OBJECT (dialog), "shift");
  const char *old_end = g_object_get_data (G_OBJECT (dialog), "old-end");
  int grown = old_end ? sec_time_to_minutes (sec_record_get (session, "ends_at")) - sec_time_to_minutes (old_end) : 0;
  g_autoptr(GError) error = NULL;

  if (shift != NULL && gtk_switch_get_active (shift) && grown != 0 &&
      !sec_programme_shift (self->store, self->event_id, sec_record_get (session, "date"), old_end, grown, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  fill_sessions (self);
}

static SecRecordDialog *
open_session (SecEventEditor *self,
              SecRecord      *session,
              gboolean        existing)
{
  SecRecordDialog *dialog = sec_record_dialog_new (parent_window (self), self->store, session,
                                                   existing ? _("Session") : _("New Session"));

  if (existing)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *shift = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Shift Later Sessions"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("If the end moves, the sessions after it that day move as much"));
      gtk_widget_set_valign (shift, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), shift);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), shift);
      gtk_widget_add_css_class (row, "card");
      sec_record_dialog_add_extra (dialog, row);
      g_object_set_data (G_OBJECT (dialog), "shift", shift);
      g_object_set_data_full (G_OBJECT (dialog), "old-end", g_strdup (sec_record_get (session, "ends_at")), g_free);
    }
  g_signal_connect (dialog, "saved", G_CALLBACK (on_session_saved), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_session_activated (GtkListBoxRow  *row,
                      SecEventEditor *self)
{
  sec_event_editor_edit_session (self, g_object_get_data (G_OBJECT (row), "id"));
}

static void
on_duplicate_session (GtkButton      *button,
                      SecEventEditor *self)
{
  g_autoptr(SecRecord) session = sec_store_load (self->store, &sec_entity_session,
                                                 g_object_get_data (G_OBJECT (button), "id"), NULL);
  g_autoptr(SecRecord) copy = NULL;
  g_autofree char *id = g_uuid_string_random ();

  if (session == NULL)
    return;
  copy = sec_record_copy (session);
  sec_record_set_id (copy, id);
  if (sec_store_save (self->store, copy, NULL))
    fill_sessions (self);
}

static void
on_delete_session (GtkButton      *button,
                   SecEventEditor *self)
{
  if (sec_store_delete (self->store, &sec_entity_session, g_object_get_data (G_OBJECT (button), "id"), NULL))
    fill_sessions (self);
}

/* Check-in */

static gboolean
matches_check_in (GtkListBoxRow *row,
                  gpointer       user_data)
{
  SecEventEditor *self = user_data;
  g_autofree char *typed = sec_text_fold (gtk_editable_get_text (GTK_EDITABLE (self->check_in_entry)));
  const char *name = g_object_get_data (G_OBJECT (row), "folded");

  return *typed == '\0' || (name != NULL && strstr (name, typed) != NULL);
}

static void
on_check_in_search (SecEventEditor *self)
{
  gtk_list_box_invalidate_filter (self->participants_list);
}

static void
on_check_in_activate (SecEventEditor *self)
{
  sec_event_editor_check_in (self, gtk_editable_get_text (GTK_EDITABLE (self->check_in_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->check_in_entry), "");
}

/* Exports */

/* What each export is called when saved, and its extension. */
static const struct {
  const char *what;        /* a prefix of the export's name */
  const char *name;        /* N_() */
  const char *extension;
} exports[] = {
  { "programme", N_("programme"), "pdf" },
  { "ics", N_("programme"), "ics" },
  { "participants-csv", N_("participants"), "csv" },
  { "attendance", N_("attendance sheet"), "pdf" },
  { "agenda-pdf", N_("agenda"), "pdf" },
  { "agenda-md", N_("agenda"), "md" },
  { "minutes-pdf", N_("minutes"), "pdf" },
  { "minutes-md", N_("minutes"), "md" },
  { "certificate", N_("certificates"), "pdf" },
};

static char *
suggested_name (SecEventEditor *self,
                const char     *what)
{
  const char *title = sec_record_get (sec_record_form_get_record (self->form), "title");
  g_autofree char *base = g_strdelimit (g_strdup (title ? title : _("event")), "/\\:", '-');

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_str_has_prefix (what, exports[i].what))
      return g_strdup_printf ("%s – %s.%s", base, _(exports[i].name), exports[i].extension);
  g_return_val_if_reached (NULL);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SecEventEditor  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *what = g_object_get_data (G_OBJECT (chooser), "what");
  g_autofree char *path = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *text = NULL;

      path = g_file_get_path (file);
      if (sec_event_editor_export (self, what, path, &error))
        text = g_strdup_printf (_("Saved %s"), g_file_peek_path (file));
      else
        text = g_strdup_printf (_("Cannot export: %s"), error->message);
      if (SEC_IS_WINDOW (root))
        sec_window_add_toast (SEC_WINDOW (root), adw_toast_new (text));
    }
  g_object_unref (chooser);
}

static void
choose_export_file (SecEventEditor *self,
                    const char     *what)
{
  g_autofree char *name = suggested_name (self, what);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export"), parent_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "what", g_strdup (what), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  choose_export_file (SEC_EVENT_EDITOR (widget), g_variant_get_string (param, NULL));
}

static void
on_certificate_clicked (GtkButton      *button,
                        SecEventEditor *self)
{
  g_autofree char *what = g_strconcat ("certificate:", (char *) g_object_get_data (G_OBJECT (button), "id"), NULL);
  choose_export_file (self, what);
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SecEventEditor  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    sec_import_dialog_run (parent_window (self), self->store, settings, &sec_entity_participant, self->event_id, file);
  g_object_unref (chooser);
}

static void
import_participants_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  SecEventEditor *self = SEC_EVENT_EDITOR (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import Participants"), parent_window (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Actions and callbacks */

static void
on_form_changed (SecRecordForm  *form,
                 SecEventEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_header (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", sec_record_form_is_valid (form));
}

static void
add_session_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  sec_event_editor_add_session (SEC_EVENT_EDITOR (widget));
}

static void
add_participant_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  sec_event_editor_add_participant (SEC_EVENT_EDITOR (widget));
}

/* SecEditor */

static void
event_editor_set_store (SecEditor *editor,
                        SecStore  *store)
{
  SecEventEditor *self = SEC_EVENT_EDITOR (editor);
  /* The programme and the participants change under sync too. */
  static const SecEntity *const listed[] = { &sec_entity_session, &sec_entity_participant, NULL };

  g_set_object (&self->store, store);
  sec_store_watch (self, store, listed, (SecWatchFunc) fill_lists);
  sec_record_form_set_store (self->form, store);   /* for the linked records */
}

static void
event_editor_edit (SecEditor  *editor,
                   const char *id)
{
  SecEventEditor *self = SEC_EVENT_EDITOR (editor);
  g_autoptr(SecRecord) event = id && self->store ? sec_store_load (self->store, &sec_entity_event, id, NULL) : NULL;
  gboolean meeting;

  if (event == NULL)
    {
      event = sec_record_new (&sec_entity_event);
      sec_record_set (event, "status", "planned");
      sec_record_set (event, "kind", self->default_kind ? self->default_kind : "conference");
    }
  g_free (self->event_id);
  self->event_id = id && self->store ? g_strdup (sec_record_get_id (event)) : NULL;
  meeting = self->event_id != NULL && sec_assembly_panel_is_meeting (event);
  gtk_widget_set_visible (GTK_WIDGET (self->assembly_panel), meeting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-meeting", meeting);
  if (self->store != NULL)
    sec_assembly_panel_set_meeting (self->assembly_panel, self->store, meeting ? self->event_id : NULL);
  sec_record_form_set_record (self->form, event);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->check_in_entry), "");
  fill_lists (self);
  update_header (self);
}

static const char *
event_editor_get_id (SecEditor *editor)
{
  return SEC_EVENT_EDITOR (editor)->event_id;
}

static gboolean
event_editor_is_modified (SecEditor *editor)
{
  SecEventEditor *self = SEC_EVENT_EDITOR (editor);

  if (self->event_id == NULL)
    return sec_record_get (sec_record_form_get_record (self->form), "title") != NULL;
  return sec_record_form_is_modified (self->form);
}

static gboolean
event_editor_save (SecEditor *editor)
{
  SecEventEditor *self = SEC_EVENT_EDITOR (editor);
  g_autofree char *id = g_strdup (sec_record_get_id (sec_record_form_get_record (self->form)));
  g_autoptr(GError) error = NULL;

  if (!sec_record_form_save (self->form, &error))
    {
      if (error != NULL)
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return FALSE;
    }
  event_editor_edit (editor, id);
  g_signal_emit_by_name (self, "saved", id);
  return TRUE;
}

static SecRecordForm *
event_editor_get_form (SecEditor *editor)
{
  return SEC_EVENT_EDITOR (editor)->form;
}

static void
editor_iface_init (SecEditorInterface *iface)
{
  iface->set_store = event_editor_set_store;
  iface->edit = event_editor_edit;
  iface->get_id = event_editor_get_id;
  iface->is_modified = event_editor_is_modified;
  iface->save = event_editor_save;
  iface->get_form = event_editor_get_form;
}

/* GObject */

static void
sec_event_editor_dispose (GObject *object)
{
  SecEventEditor *self = SEC_EVENT_EDITOR (object);
  GtkWidget *child;

  sec_store_unwatch (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_EVENT_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->attendance, g_free);
  g_clear_pointer (&self->default_kind, g_free);

  G_OBJECT_CLASS (sec_event_editor_parent_class)->dispose (object);
}

static void
sec_event_editor_class_init (SecEventEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_event_editor_dispose;
  g_type_ensure (SEC_TYPE_BAR_CHART);
  g_type_ensure (SEC_TYPE_ASSEMBLY_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, assembly_panel);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, programme_group);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, participants_group);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, counts_group);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, counts_label);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, country_chart);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, participants_list);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, check_in_entry);
  gtk_widget_class_bind_template_child (widget_class, SecEventEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_in_search);
  gtk_widget_class_bind_template_callback (widget_class, on_check_in_activate);

  sec_editor_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "editor.add-session", NULL, add_session_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-participant", NULL, add_participant_activated);
  gtk_widget_class_install_action (widget_class, "editor.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "editor.export-meeting", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "editor.import-participants", NULL, import_participants_activated);
}

static void
sec_event_editor_init (SecEventEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = sec_record_form_new (&sec_entity_event);
  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->form), GTK_WIDGET (self->assembly_panel));
  g_signal_connect (self->form, "changed", G_CALLBACK (on_form_changed), self);
  gtk_list_box_set_filter_func (self->participants_list, matches_check_in, self, NULL);
  event_editor_edit (SEC_EDITOR (self), NULL);
}

/* Public API */

/* Makes new events of @kind: "general_assembly" on the Assemblies page. */
void
sec_event_editor_set_default_kind (SecEventEditor *self,
                                   const char     *kind)
{
  g_return_if_fail (SEC_IS_EVENT_EDITOR (self));
  g_free (self->default_kind);
  self->default_kind = g_strdup (kind);
}

SecAssemblyPanel *
sec_event_editor_get_assembly_panel (SecEventEditor *self)
{
  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), NULL);
  return self->assembly_panel;
}

/* Opens a dialog for a new session, starting where the programme ends. */
SecRecordDialog *
sec_event_editor_add_session (SecEventEditor *self)
{
  g_autoptr(SecRecord) session = NULL;

  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (self->event_id != NULL, NULL);

  session = next_session (self);
  return open_session (self, session, FALSE);
}

SecRecordDialog *
sec_event_editor_edit_session (SecEventEditor *self,
                               const char     *session_id)
{
  g_autoptr(SecRecord) session = NULL;

  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), NULL);

  session = sec_store_load (self->store, &sec_entity_session, session_id, NULL);
  return session ? open_session (self, session, TRUE) : NULL;
}

SecRecordDialog *
sec_event_editor_add_participant (SecEventEditor *self)
{
  g_autoptr(SecRecord) participant = sec_record_new (&sec_entity_participant);
  SecRecordDialog *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (self->event_id != NULL, NULL);

  sec_record_set (participant, "event_id", self->event_id);
  sec_record_set (participant, "role", "delegate");
  sec_record_set (participant, "registered_on", today);
  dialog = sec_record_dialog_new (parent_window (self), self->store, participant, _("New Participant"));
  g_signal_connect_swapped (dialog, "saved", G_CALLBACK (fill_participants), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Checks in the first participant not checked in yet whose name holds
 * @name_part (in any case, Latin letters with or without diacritics). */
gboolean
sec_event_editor_check_in (SecEventEditor *self,
                           const char     *name_part)
{
  g_autofree char *typed = sec_text_fold (name_part);

  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->participants_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      const char *name = g_object_get_data (G_OBJECT (row), "folded");

      if (check != NULL && *typed != '\0' && strstr (name, typed) != NULL && !gtk_check_button_get_active (check))
        {
          gtk_check_button_set_active (check, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

/* Writes a document of the event on show to @path: "programme-a4",
 * "programme-letter", "ics", "certificates", "attendance", or
 * "certificate:PARTICIPANT-ID" for one person; for a meeting also
 * "agenda-pdf", "agenda-md", "minutes-pdf", "minutes-md" (Markdown when
 * @path ends in ".md"). */
gboolean
sec_event_editor_export (SecEventEditor  *self,
                         const char      *what,
                         const char      *path,
                         GError         **error)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *name = g_settings_get_string (settings, "network-name");
  g_autofree char *logo = g_settings_get_string (settings, "network-logo");
  SecNetwork network = { name, logo };

  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), FALSE);
  g_return_val_if_fail (self->event_id != NULL, FALSE);

  if (g_str_has_prefix (what, "programme"))
    return sec_pdf_programme (self->store, self->event_id,
                              g_str_equal (what, "programme-letter") ? SEC_PAPER_LETTER : SEC_PAPER_A4, path, error);
  if (g_str_equal (what, "ics"))
    return sec_ical_export_event (self->store, self->event_id, path, error);
  if (g_str_has_prefix (what, "agenda-") || g_str_has_prefix (what, "minutes-"))
    {
      g_autofree char *rule = g_settings_get_string (settings, "quorum-rule");
      return sec_pdf_meeting (self->store, self->event_id, sec_quorum_rule_from_name (rule),
                              g_str_has_prefix (what, "minutes-"), SEC_PAPER_A4, path, error);
    }
  if (g_str_equal (what, "attendance"))
    return sec_pdf_attendance_sheet (self->store, self->event_id, SEC_PAPER_A4, path, error);
  if (g_str_equal (what, "participants-csv"))
    return sec_csv_export_for (self->store, &sec_entity_participant, self->event_id, path, error);
  return sec_pdf_certificates (self->store, self->event_id,
                               g_str_has_prefix (what, "certificate:") ? what + strlen ("certificate:") : NULL,
                               &network, path, error);
}

/* How many pairs of sessions share a room and a moment. */
guint
sec_event_editor_get_overlaps (SecEventEditor *self)
{
  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), 0);
  return self->overlaps;
}

guint
sec_event_editor_get_countries (SecEventEditor *self)
{
  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), 0);
  return sec_bar_chart_get_n_bars (self->country_chart);
}

/* "120 registered, 87 checked in" */
const char *
sec_event_editor_get_attendance (SecEventEditor *self)
{
  g_return_val_if_fail (SEC_IS_EVENT_EDITOR (self), NULL);
  return self->attendance;
}
