/* sec-assembly-panel.c: what an assembly adds to an event
 *
 * A general assembly or a board meeting is an event with three things
 * more: whether it can decide (the quorum, counted again as delegates
 * check in and as the rule in the preferences changes), its agenda, and,
 * until it is over, the assistant's proposals for that agenda, each taken
 * with one click.
 */

#include <glib/gi18n.h>

#include "sec-agenda.h"
#include "sec-assembly-panel.h"
#include "sec-store-watch.h"
#include "sec-window.h"

struct _SecAssemblyPanel
{
  GtkWidget      parent_instance;

  AdwActionRow  *quorum_row;
  GtkImage      *quorum_icon;
  GtkLevelBar   *quorum_bar;
  SecAgendaView *agenda_view;
  GtkWidget     *proposals_group;
  GtkListBox    *proposals_list;

  SecStore      *store;
  GSettings     *settings;
  char          *event_id;
  SecQuorum      quorum;
  char          *quorum_text;
  GPtrArray     *proposals;    /* SecAgendaProposal */
};

G_DEFINE_FINAL_TYPE (SecAssemblyPanel, sec_assembly_panel, GTK_TYPE_WIDGET)

/* Quorum */

static void
show_quorum (SecAssemblyPanel *self,
             SecQuorumRule     rule)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->quorum.voting == 0)
    {
      title = g_strdup (_("No voting members"));
      subtitle = g_strdup (_("Members vote while their membership is current."));
    }
  else
    {
      /* Translators: members represented, members needed */
      title = g_strdup_printf (self->quorum.met ? _("Quorum reached: %u represented, %u needed")
                                                : _("No quorum yet: %u represented, %u needed"),
                               self->quorum.represented, self->quorum.required);
      /* Translators: the quorum rule, then how many members vote */
      subtitle = g_strdup_printf (_("The rule: %s. Voting members: %u."), sec_quorum_rule_label (rule),
                                  self->quorum.voting);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quorum_row), title);
  adw_action_row_set_subtitle (self->quorum_row, subtitle);
  gtk_image_set_from_icon_name (self->quorum_icon, self->quorum.met ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->quorum_icon), self->quorum.met ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->quorum_icon), self->quorum.met ? "success" : "warning");
  gtk_level_bar_set_max_value (self->quorum_bar, MAX (self->quorum.required, 1));
  gtk_level_bar_set_value (self->quorum_bar, MIN (self->quorum.represented, MAX (self->quorum.required, 1)));
  g_free (self->quorum_text);
  self->quorum_text = g_strdup_printf ("%s. %s", title, subtitle);
}

/* Counts the quorum again: all of it, or, when only check-ins changed,
 * who is represented (the voting members are every member's status). */
static void
recount (SecAssemblyPanel *self,
         gboolean          voting_too)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  SecQuorumRule rule;
  gboolean counted;

  if (self->store == NULL || self->event_id == NULL)
    return;
  name = g_settings_get_string (self->settings, "quorum-rule");
  rule = sec_quorum_rule_from_name (name);
  counted = voting_too ? sec_quorum_count (self->store, self->event_id, rule, &self->quorum, &error)
                       : sec_quorum_count_represented (self->store, self->event_id, rule, &self->quorum, &error);
  if (!counted)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quorum_row), _("Cannot count the quorum"));
      adw_action_row_set_subtitle (self->quorum_row, error->message);
      return;
    }
  show_quorum (self, rule);
}

static void
count_quorum (SecAssemblyPanel *self)
{
  recount (self, TRUE);
}

static void
count_represented (SecAssemblyPanel *self)
{
  recount (self, FALSE);
}

/* The assistant */

static void
on_accept_clicked (GtkButton        *button,
                   SecAssemblyPanel *self)
{
  sec_assembly_panel_accept (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static GtkWidget *
proposal_row (SecAssemblyPanel  *self,
              SecAgendaProposal *proposal,
              guint              index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *add = gtk_button_new_with_label (_("Add"));
  g_autofree char *label = g_strdup_printf (_("Add “%s” to the agenda"), proposal->title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), proposal->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(proposal->reason));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (add), "index", GUINT_TO_POINTER (index));
  g_signal_connect (add, "clicked", G_CALLBACK (on_accept_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  return row;
}

/* Proposals are for a meeting to come: one that is over took its
 * decisions as of its own day, not today. */
static gboolean
is_over (SecAssemblyPanel *self)
{
  g_autoptr(SecRecord) event = sec_store_load (self->store, &sec_entity_event, self->event_id, NULL);

  return event == NULL || g_strcmp0 (sec_record_get (event, "ends_on"), sec_store_get_today (self->store)) < 0;
}

static void
fill_proposals (SecAssemblyPanel *self)
{
  GtkWidget *child;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->proposals_list))) != NULL)
    gtk_list_box_remove (self->proposals_list, child);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  gtk_widget_set_visible (self->proposals_group, self->event_id != NULL && !is_over (self));
  if (!gtk_widget_get_visible (self->proposals_group))
    return;
  if ((self->proposals = sec_agenda_proposals (self->store, self->event_id, &error)) == NULL)
    {
      g_warning ("Cannot gather proposals: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->proposals->len; i++)
    gtk_list_box_append (self->proposals_list, proposal_row (self, g_ptr_array_index (self->proposals, i), i));
}

/* GObject */

static void
sec_assembly_panel_dispose (GObject *object)
{
  SecAssemblyPanel *self = SEC_ASSEMBLY_PANEL (object);
  GtkWidget *child;

  sec_store_unwatch (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_ASSEMBLY_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->quorum_text, g_free);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);

  G_OBJECT_CLASS (sec_assembly_panel_parent_class)->dispose (object);
}

static void
sec_assembly_panel_class_init (SecAssemblyPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_assembly_panel_dispose;
  g_type_ensure (SEC_TYPE_AGENDA_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-assembly-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SecAssemblyPanel, quorum_row);
  gtk_widget_class_bind_template_child (widget_class, SecAssemblyPanel, quorum_icon);
  gtk_widget_class_bind_template_child (widget_class, SecAssemblyPanel, quorum_bar);
  gtk_widget_class_bind_template_child (widget_class, SecAssemblyPanel, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, SecAssemblyPanel, proposals_group);
  gtk_widget_class_bind_template_child (widget_class, SecAssemblyPanel, proposals_list);
}

static void
sec_assembly_panel_init (SecAssemblyPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::quorum-rule", G_CALLBACK (count_represented), self);
}

/* Public API */

/* Whether @event is a general assembly or a board meeting. */
gboolean
sec_assembly_panel_is_meeting (SecRecord *event)
{
  const char *kind = event ? sec_record_get (event, "kind") : NULL;

  return g_strcmp0 (kind, "general_assembly") == 0 || g_strcmp0 (kind, "board_meeting") == 0;
}

/* Shows the meeting @event_id of @store, or nothing when %NULL. */
void
sec_assembly_panel_set_meeting (SecAssemblyPanel *self,
                                SecStore         *store,
                                const char       *event_id)
{
  g_return_if_fail (SEC_IS_ASSEMBLY_PANEL (self));
  g_return_if_fail (SEC_IS_STORE (store));

  /* Members' dues change the quorum, check-ins who is represented; the
   * registry, the roadmap and the agenda itself what the assistant proposes. */
  static const SecEntity *const counted[] = { &sec_entity_member, &sec_entity_event, NULL };
  static const SecEntity *const checked_in[] = { &sec_entity_participant, NULL };
  static const SecEntity *const proposed[] = { &sec_entity_member, &sec_entity_event, &sec_entity_roadmap_item,
                                               &sec_entity_agenda_item, NULL };

  if (self->store != store)
    {
      g_set_object (&self->store, store);
      sec_store_watch (self, store, counted, (SecWatchFunc) count_quorum);
      sec_store_watch (self, store, checked_in, (SecWatchFunc) count_represented);
      sec_store_watch (self, store, proposed, (SecWatchFunc) fill_proposals);
    }
  g_free (self->event_id);
  self->event_id = g_strdup (event_id);
  sec_agenda_view_set_meeting (self->agenda_view, store, event_id);
  count_quorum (self);
  fill_proposals (self);
}

SecAgendaView *
sec_assembly_panel_get_agenda (SecAssemblyPanel *self)
{
  g_return_val_if_fail (SEC_IS_ASSEMBLY_PANEL (self), NULL);
  return self->agenda_view;
}

/* The quorum as shown. */
void
sec_assembly_panel_get_quorum (SecAssemblyPanel *self,
                               SecQuorum        *quorum)
{
  g_return_if_fail (SEC_IS_ASSEMBLY_PANEL (self));
  *quorum = self->quorum;
}

/* "Quorum reached. 12 represented, 9 needed: …" */
const char *
sec_assembly_panel_get_quorum_text (SecAssemblyPanel *self)
{
  g_return_val_if_fail (SEC_IS_ASSEMBLY_PANEL (self), NULL);
  return self->quorum_text;
}

guint
sec_assembly_panel_get_n_proposals (SecAssemblyPanel *self)
{
  g_return_val_if_fail (SEC_IS_ASSEMBLY_PANEL (self), 0);
  return self->proposals ? self->proposals->len : 0;
}

/* The title the proposal @index would put on the agenda. */
const char *
sec_assembly_panel_get_proposal (SecAssemblyPanel *self,
                                 guint             index)
{
  g_return_val_if_fail (SEC_IS_ASSEMBLY_PANEL (self), NULL);
  g_return_val_if_fail (self->proposals != NULL && index < self->proposals->len, NULL);
  return ((SecAgendaProposal *) g_ptr_array_index (self->proposals, index))->title;
}

/* Puts the proposal @index on the agenda, linked to its record, as its
 * Add button does. */
gboolean
sec_assembly_panel_accept (SecAssemblyPanel *self,
                           guint             index)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_return_val_if_fail (SEC_IS_ASSEMBLY_PANEL (self), FALSE);
  g_return_val_if_fail (self->proposals != NULL && index < self->proposals->len, FALSE);

  if (sec_agenda_accept (self->store, self->event_id, g_ptr_array_index (self->proposals, index), &error))
    return TRUE;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (SEC_IS_WINDOW (root))
    sec_window_add_toast (SEC_WINDOW (root), adw_toast_new (error->message));
  return FALSE;
}
