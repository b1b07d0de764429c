/* sec-conflicts-dialog.c: settling the fields two offices changed at once
 *
 * One row per conflicting field: the record, the field, the value here and
 * the value from the server, and a button for each. Choosing writes
 * through the store, so the choice syncs like any other change.
 */

#include <glib/gi18n.h>

#include "sec-conflicts-dialog.h"
#include "sec-field.h"
#include "sec-store-sync.h"

struct _SecConflictsDialog
{
  AdwWindow   parent_instance;
  GtkStack   *stack;
  GtkListBox *list;
  SecStore   *store;
  GPtrArray  *conflicts;   /* SecConflict, in the order of the rows */
};

G_DEFINE_FINAL_TYPE (SecConflictsDialog, sec_conflicts_dialog, ADW_TYPE_WINDOW)

static void fill (SecConflictsDialog *self);

/* "Asian Solidarity Economy Council", or the id if the record is gone. */
static char *
record_title (SecConflictsDialog *self,
              SecConflict        *conflict)
{
  g_autoptr(SecRecord) record = sec_store_load (self->store, conflict->entity, conflict->record_id, NULL);
  const char *name = record && sec_entity_get_field (conflict->entity, "name") ? sec_record_get (record, "name") : NULL;

  return g_strdup (name ? name : conflict->record_id);
}

static char *
shown_value (const SecEntity *entity,
             const char      *field,
             const char      *value)
{
  if (g_strcmp0 (field, "_deleted") == 0)
    return g_strdup (g_strcmp0 (value, "deleted") == 0 ? _("deleted") : _("kept and changed"));
  return value ? g_strdup_printf ("“%s”", value) : g_strdup (_("empty"));
}

static void
on_choice (GtkButton          *button,
           SecConflictsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "conflict")) ;
  gboolean take_remote = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "take-remote"));
  g_autoptr(GError) error = NULL;

  if (!sec_store_resolve_conflict (self->store, id, take_remote, &error))
    g_warning ("%s", error->message);
  fill (self);
}

static GtkWidget *
choice_button (SecConflictsDialog *self,
               SecConflict        *conflict,
               const char         *label,
               gboolean            take_remote)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "conflict", GSIZE_TO_POINTER ((gsize) conflict->id));
  g_object_set_data (G_OBJECT (button), "take-remote", GINT_TO_POINTER (take_remote));
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice), self);
  return button;
}

static GtkWidget *
conflict_row (SecConflictsDialog *self,
              SecConflict        *conflict)
{
  const SecField *field = sec_entity_get_field (conflict->entity, conflict->field);
  g_autofree char *title = record_title (self, conflict);
  g_autofree char *here = shown_value (conflict->entity, conflict->field, conflict->local_value);
  g_autofree char *there = shown_value (conflict->entity, conflict->field, conflict->remote_value);
  g_autofree char *subtitle = g_strdup_printf (_("%s — here %s, from the other office %s"),
                                               field ? _(field->label) : _("Deleted"), here, there);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choice_button (self, conflict, _("_Keep Ours"), FALSE));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), choice_button (self, conflict, _("_Take Theirs"), TRUE));
  return row;
}

static void
fill (SecConflictsDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = sec_store_conflicts (self->store);
  for (guint i = 0; i < self->conflicts->len; i++)
    gtk_list_box_append (self->list, conflict_row (self, g_ptr_array_index (self->conflicts, i)));
  gtk_stack_set_visible_child_name (self->stack, self->conflicts->len > 0 ? "list" : "empty");
}

static void
sec_conflicts_dialog_dispose (GObject *object)
{
  SecConflictsDialog *self = SEC_CONFLICTS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  G_OBJECT_CLASS (sec_conflicts_dialog_parent_class)->dispose (object);
}

static void
sec_conflicts_dialog_class_init (SecConflictsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_conflicts_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SecConflictsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SecConflictsDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sec_conflicts_dialog_init (SecConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SecConflictsDialog *
sec_conflicts_dialog_new (GtkWindow *parent,
                          SecStore  *store)
{
  SecConflictsDialog *self = g_object_new (SEC_TYPE_CONFLICTS_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  fill (self);
  return self;
}

guint
sec_conflicts_dialog_get_rows (SecConflictsDialog *self)
{
  g_return_val_if_fail (SEC_IS_CONFLICTS_DIALOG (self), 0);
  return self->conflicts->len;
}

/* Chooses for the conflict in @row, as its buttons do. */
gboolean
sec_conflicts_dialog_settle (SecConflictsDialog *self,
                             guint               row,
                             gboolean            take_remote)
{
  SecConflict *conflict;
  g_autoptr(GError) error = NULL;
  gboolean settled;

  g_return_val_if_fail (SEC_IS_CONFLICTS_DIALOG (self), FALSE);
  g_return_val_if_fail (row < self->conflicts->len, FALSE);

  conflict = g_ptr_array_index (self->conflicts, row);
  settled = sec_store_resolve_conflict (self->store, conflict->id, take_remote, &error);
  fill (self);
  return settled;
}
