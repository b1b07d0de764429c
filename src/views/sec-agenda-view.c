/* sec-agenda-view.c: the agenda of a meeting, built item by item
 *
 * One row an item, numbered and timed by sec_agenda_plan() from the
 * meeting's start, with the total and the estimated end above. Items are
 * written at once, each through a SecRecordDialog that also takes its
 * minutes (the decision goes into the records it is about through
 * sec_agenda_decide()). Rows move by drag and drop, by their menu, or from
 * the keyboard: Alt+Up and Alt+Down move, Alt+Right makes a sub-item,
 * Alt+Left an item again, Delete removes (with Undo).
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-agenda.h"
#include "sec-agenda-view.h"
#include "sec-field.h"
#include "sec-programme.h"
#include "sec-store-watch.h"
#include "sec-window.h"

struct _SecAgendaView
{
  GtkWidget   parent_instance;

  GtkLabel   *summary_label;
  GtkListBox *list;

  SecStore   *store;
  char       *event_id;
  char       *summary;
  guint       n_rows;
};

G_DEFINE_FINAL_TYPE (SecAgendaView, sec_agenda_view, GTK_TYPE_WIDGET)

static void fill (SecAgendaView *self);

/* Texts */

/* "1 h 05 min", "45 min" */
static char *
duration_text (int minutes)
{
  if (minutes >= 60)
    /* Translators: hours and minutes, "1 h 05 min" */
    return g_strdup_printf (_("%d h %02d min"), minutes / 60, minutes % 60);
  return g_strdup_printf (_("%d min"), minutes);
}

/* "Roadmap: Crowdfunding pilot", or "Roadmap item" alone when the item's
 * title already names it ("Admission of DEW Crafts"). @template is translated, with one "%s". */
static char *
link_text (SecRecord  *item,
           const char *kind,
           const char *template,
           const char *linked_title)
{
  GString *text;

  if (linked_title != NULL && strstr (sec_record_get (item, "title"), linked_title) != NULL)
    return g_strdup (kind);
  text = g_string_new (template);
  g_string_replace (text, "%s", linked_title ? linked_title : "", 1);
  return g_string_free (text, FALSE);
}

/* "Roadmap item · Adopted, 14 for, 0 against, 1 abstaining": what a row
 * says under its title. */
static char *
item_subtitle (SecAgendaView *self,
               SecRecord     *item)
{
  const SecField *outcome = sec_entity_get_field (&sec_entity_agenda_item, "outcome");
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SecRecord) roadmap_item = NULL;
  g_autoptr(SecRecord) member = NULL;

  if (sec_record_get (item, "presenter") != NULL)
    g_ptr_array_add (parts, g_strdup (sec_record_get (item, "presenter")));
  if (sec_record_get (item, "roadmap_item_id") != NULL &&
      (roadmap_item = sec_store_load (self->store, &sec_entity_roadmap_item, sec_record_get (item, "roadmap_item_id"), NULL)))
    g_ptr_array_add (parts, link_text (item, _("Roadmap item"), _("Roadmap: %s"), sec_record_get (roadmap_item, "title")));
  if (sec_record_get (item, "member_id") != NULL &&
      (member = sec_store_load (self->store, &sec_entity_member, sec_record_get (item, "member_id"), NULL)))
    g_ptr_array_add (parts, link_text (item, _("Member"), _("Member: %s"), sec_record_get (member, "name")));
  if (sec_record_get (item, "outcome") != NULL && sec_record_get (item, "votes_for") != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("%s, %s for, %s against, %s abstaining"),
                                             sec_field_choice_label (outcome, sec_record_get (item, "outcome")),
                                             sec_record_get (item, "votes_for"),
                                             sec_record_get (item, "votes_against") ? sec_record_get (item, "votes_against") : "0",
                                             sec_record_get (item, "votes_abstaining") ? sec_record_get (item, "votes_abstaining") : "0"));
  else if (sec_record_get (item, "outcome") != NULL)
    g_ptr_array_add (parts, g_strdup (sec_field_choice_label (outcome, sec_record_get (item, "outcome"))));
  if (g_strcmp0 (sec_record_get (item, "quorum"), "absent") == 0)   /* a quorum present goes without saying */
    g_ptr_array_add (parts, sec_agenda_quorum_text (item));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Rows */

static void
show_problem (SecAgendaView *self,
              const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SEC_IS_WINDOW (root))
    sec_window_add_toast (SEC_WINDOW (root), adw_toast_new (message));
  else
    g_warning ("%s", message);
}


static const char *
row_id (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "id");
}

static GtkWidget *
row_menu_button (const char *id,
                 gboolean    sub_item)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  static const struct { const char *label, *action; } entries[] = {
    { N_("Move _Up"), "agenda.up" },
    { N_("Move _Down"), "agenda.down" },
    { N_("Make a _Sub-item"), "agenda.indent" },
    { N_("Make an _Item"), "agenda.outdent" },
    { N_("_Remove"), "agenda.remove" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autoptr(GMenuItem) entry = NULL;

      if (g_str_equal (entries[i].action, sub_item ? "agenda.indent" : "agenda.outdent"))
        continue;
      entry = g_menu_item_new (_(entries[i].label), NULL);
      g_menu_item_set_action_and_target (entry, entries[i].action, "s", id);
      g_menu_append_item (menu, entry);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Move or Remove"));
  return button;
}

/* The number (or a cup for a break) and the planned start. */
static GtkWidget *
row_prefix (SecAgendaEntry *entry,
            gboolean        sub_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *starts = sec_minutes_to_time (entry->starts);
  GtkWidget *time = gtk_label_new (starts);
  GtkWidget *number;

  if (entry->number != NULL)
    number = gtk_label_new (entry->number);
  else
    {
      number = gtk_image_new_from_icon_name ("emoji-food-symbolic");
      gtk_widget_set_halign (number, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (number), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Break"), -1);
    }
  gtk_widget_set_size_request (number, 36, -1);
  if (GTK_IS_LABEL (number))
    {
      gtk_label_set_xalign (GTK_LABEL (number), 0);
      gtk_widget_add_css_class (number, sub_item ? "numeric" : "heading");
    }
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_set_margin_start (box, sub_item ? 24 : 0);
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), number);
  return box;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_STRING, row_id (row));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SecAgendaView *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gboolean after = y > gtk_widget_get_height (row) / 2.0;
  g_autoptr(GError) error = NULL;

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;
  if (!sec_agenda_move (self->store, self->event_id, g_value_get_string (value), row_id (row), after, &error))
    show_problem (self, error->message);
  return TRUE;
}

static void
on_row_activated (GtkListBoxRow *row,
                  SecAgendaView *self)
{
  sec_agenda_view_edit (self, row_id (GTK_WIDGET (row)));
}

static GtkWidget *
item_row (SecAgendaView  *self,
          SecAgendaEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  const char *id = sec_record_get_id (entry->item);
  gboolean sub_item = entry->number != NULL && strchr (entry->number, '.') != NULL;
  g_autofree char *subtitle = item_subtitle (self, entry->item);
  g_autofree char *length = duration_text (entry->ends - entry->starts);
  GtkWidget *duration = gtk_label_new (length);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  GtkWidget *prefix = row_prefix (entry, sub_item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sec_record_get (entry->item, "title"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
  g_object_set_data (G_OBJECT (row), "prefix", prefix);
  gtk_widget_add_css_class (duration, "numeric");
  gtk_widget_add_css_class (duration, "dim-label");
  gtk_widget_set_visible (duration, entry->ends > entry->starts);   /* an item made of sub-items */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), duration);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_menu_button (id, sub_item));
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (id), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  return row;
}

static void
clear (SecAgendaView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
}

/* "4 items, 1 h 35 min: 09:00 to about 10:35" */
static void
update_summary (SecAgendaView *self,
                GPtrArray     *plan,
                const char    *starts_at)
{
  SecAgendaEntry *last = plan->len > 0 ? g_ptr_array_index (plan, plan->len - 1) : NULL;
  int start = MAX (sec_time_to_minutes (starts_at), 0);
  g_autofree char *total = duration_text (last ? last->ends - start : 0);
  g_autofree char *ends = sec_minutes_to_time (last ? last->ends : start);
  g_autofree char *items = NULL;
  guint numbered = 0;

  for (guint i = 0; i < plan->len; i++)
    numbered += ((SecAgendaEntry *) g_ptr_array_index (plan, i))->number != NULL;
  items = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u item", "%'u items", numbered), numbered);

  g_free (self->summary);
  /* Translators: the agenda's items, length, start and estimated end */
  self->summary = g_strdup_printf (_("%s, %s: %s to about %s"), items, total, starts_at, ends);
  gtk_label_set_text (self->summary_label, self->summary);
}

/* The id of the row that has the keyboard focus, or NULL. */
static char *
focused_id (SecAgendaView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  return row && gtk_widget_is_ancestor (row, GTK_WIDGET (self->list)) ? g_strdup (row_id (row)) : NULL;
}

static void
focus_row (SecAgendaView *self,
           const char    *id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); id && row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (row_id (row), id) == 0)
      gtk_widget_grab_focus (row);
}

/* Rebuilds the rows; the row with the focus keeps it, wherever it moved. */
static void
fill (SecAgendaView *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *focused = focused_id (self);

  clear (self);
  if (self->store == NULL || self->event_id == NULL)
    return;
  items = sec_agenda_items (self->store, self->event_id);
  starts_at = sec_agenda_start (self->store, self->event_id);
  plan = sec_agenda_plan (items, starts_at);
  for (guint i = 0; i < plan->len; i++)
    gtk_list_box_append (self->list, item_row (self, g_ptr_array_index (plan, i)));
  self->n_rows = plan->len;
  update_summary (self, plan, starts_at);
  focus_row (self, focused);
}

/* Moving and removing */

static void
remove_item (SecAgendaView *self,
             const char    *id)
{
  g_autoptr(SecRecord) item = sec_store_load (self->store, &sec_entity_agenda_item, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (item == NULL)
    return;
  if (!sec_store_delete (self->store, &sec_entity_agenda_item, id, &error))
    {
      show_problem (self, error->message);
      return;
    }
  title = g_strdup_printf (_("“%s” removed from the agenda"), sec_record_get (item, "title"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "agenda.restore");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  if (SEC_IS_WINDOW (root))
    sec_window_add_toast (SEC_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
item_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SecAgendaView *self = SEC_AGENDA_VIEW (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->store == NULL || self->event_id == NULL)
    return;
  if (g_str_equal (action_name, "agenda.up") || g_str_equal (action_name, "agenda.down"))
    ok = sec_agenda_step (self->store, self->event_id, id, g_str_equal (action_name, "agenda.up") ? -1 : +1, &error);
  else if (g_str_equal (action_name, "agenda.indent") || g_str_equal (action_name, "agenda.outdent"))
    ok = sec_agenda_set_level (self->store, id, g_str_equal (action_name, "agenda.indent") ? 1 : 0, &error);
  else if (g_str_equal (action_name, "agenda.restore"))
    ok = sec_store_restore (self->store, &sec_entity_agenda_item, id, &error);
  else
    remove_item (self, id);
  if (!ok)
    show_problem (self, error->message);
}

/* Alt+arrows and Delete act on the row with the focus, which keeps it
 * (see fill()). */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SecAgendaView         *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  gboolean alt = (state & GDK_MODIFIER_MASK) == GDK_ALT_MASK;
  const char *action = NULL;
  g_autofree char *id = NULL;

  if (row == NULL || row_id (row) == NULL || !gtk_widget_is_ancestor (row, GTK_WIDGET (self->list)))
    return FALSE;
  if (alt && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
    action = "agenda.up";
  else if (alt && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    action = "agenda.down";
  else if (alt && (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right))
    action = "agenda.indent";
  else if (alt && (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left))
    action = "agenda.outdent";
  else if ((state & GDK_MODIFIER_MASK) == 0 && (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete))
    action = "agenda.remove";
  if (action == NULL)
    return FALSE;
  id = g_strdup (row_id (row));
  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", id);
  return TRUE;
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  sec_agenda_view_add (SEC_AGENDA_VIEW (widget), g_variant_get_string (param, NULL));
}

/* GObject */

static void
sec_agenda_view_dispose (GObject *object)
{
  SecAgendaView *self = SEC_AGENDA_VIEW (object);
  GtkWidget *child;

  sec_store_unwatch (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_AGENDA_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sec_agenda_view_parent_class)->dispose (object);
}

static void
sec_agenda_view_class_init (SecAgendaViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_agenda_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SecAgendaView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SecAgendaView, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "agenda.add", "s", add_activated);
  for (const char *const *name = (const char *const[]) { "agenda.up", "agenda.down", "agenda.indent", "agenda.outdent",
                                                         "agenda.remove", "agenda.restore", NULL }; *name; name++)
    gtk_widget_class_install_action (widget_class, *name, "s", item_action);
}

static void
sec_agenda_view_init (SecAgendaView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the list's own keys, which move the focus on Alt+arrows too. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
}

/* Public API */

GtkWidget *
sec_agenda_view_new (void)
{
  return g_object_new (SEC_TYPE_AGENDA_VIEW, NULL);
}

/* Shows the agenda of the meeting @event_id from @store. */
void
sec_agenda_view_set_meeting (SecAgendaView *self,
                             SecStore      *store,
                             const char    *event_id)
{
  g_return_if_fail (SEC_IS_AGENDA_VIEW (self));
  g_return_if_fail (SEC_IS_STORE (store));

  /* Sync, the assistant and the dialogs change the agenda; the programme
   * moves its start; linked records change their titles. */
  static const SecEntity *const shown[] = { &sec_entity_agenda_item, &sec_entity_session,
                                            &sec_entity_roadmap_item, &sec_entity_member, NULL };

  if (self->store != store)
    {
      g_set_object (&self->store, store);
      sec_store_watch (self, store, shown, (SecWatchFunc) fill);
    }
  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  fill (self);
}

/* Writes the minutes of an item under the quorum rule of the preferences. */
static gboolean
decide (SecStore   *store,
        SecRecord  *agenda_item,
        int        *bad,
        GError    **error)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *rule = g_settings_get_string (settings, "quorum-rule");

  return sec_agenda_decide (store, agenda_item, sec_quorum_rule_from_name (rule), bad, error);
}

static SecRecordDialog *
open_item (SecAgendaView *self,
           SecRecord     *item,
           const char    *title)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  SecRecordDialog *dialog = sec_record_dialog_new (parent, self->store, item, title);
  SecRecordForm *form = sec_record_dialog_get_form (dialog);

  sec_record_form_set_writer (form, decide);
  if (g_strcmp0 (sec_record_get (item, "kind"), "break") == 0)
    sec_record_form_hide_from (form, "roadmap_item_id");
  gtk_window_present (GTK_WINDOW (dialog));
  sec_record_form_focus (form, "title");
  return dialog;
}

/* Opens a dialog for a new item ("item") or break ("break") at the end
 * of the agenda. */
SecRecordDialog *
sec_agenda_view_add (SecAgendaView *self,
                     const char    *kind)
{
  g_autoptr(SecRecord) item = NULL;

  g_return_val_if_fail (SEC_IS_AGENDA_VIEW (self), NULL);
  g_return_val_if_fail (self->event_id != NULL, NULL);

  item = sec_agenda_new_item (self->store, self->event_id, kind);
  return open_item (self, item, g_strcmp0 (kind, "break") == 0 ? _("New Break") : _("New Agenda Item"));
}

/* Opens a dialog on the agenda item @item_id: its details and minutes. */
SecRecordDialog *
sec_agenda_view_edit (SecAgendaView *self,
                      const char    *item_id)
{
  g_autoptr(SecRecord) item = NULL;

  g_return_val_if_fail (SEC_IS_AGENDA_VIEW (self), NULL);

  item = sec_store_load (self->store, &sec_entity_agenda_item, item_id, NULL);
  return item ? open_item (self, item, sec_record_get (item, "title")) : NULL;
}

guint
sec_agenda_view_get_n_rows (SecAgendaView *self)
{
  g_return_val_if_fail (SEC_IS_AGENDA_VIEW (self), 0);
  return self->n_rows;
}

/* Row @index as shown: "1.1 09:10 Adoption of the agenda (5 min)". */
char *
sec_agenda_view_describe_row (SecAgendaView *self,
                              guint          index)
{
  GtkListBoxRow *row;
  GtkWidget *prefix;
  GtkWidget *time, *number;

  g_return_val_if_fail (SEC_IS_AGENDA_VIEW (self), NULL);

  if ((row = gtk_list_box_get_row_at_index (self->list, (int) index)) == NULL)
    return NULL;
  prefix = g_object_get_data (G_OBJECT (row), "prefix");
  time = gtk_widget_get_first_child (prefix);
  number = gtk_widget_get_next_sibling (time);
  return g_strdup_printf ("%s %s %s", GTK_IS_LABEL (number) ? gtk_label_get_text (GTK_LABEL (number)) : "-",
                          gtk_label_get_text (GTK_LABEL (time)),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* "4 items, 1 h 35 min: 09:00 to about 10:35" */
const char *
sec_agenda_view_get_summary (SecAgendaView *self)
{
  g_return_val_if_fail (SEC_IS_AGENDA_VIEW (self), NULL);
  return self->summary;
}
