/* sec-editor.c: what a list page asks of the editor beside it
 *
 * Show a record (or a new one), say whether it holds unsaved changes, save
 * it; and tell the page, through ::saved, ::closed and ::delete-requested.
 */

#include "sec-editor.h"

G_DEFINE_INTERFACE (SecEditor, sec_editor, GTK_TYPE_WIDGET)

static void
sec_editor_default_init (SecEditorInterface *iface)
{
  /**
   * SecEditor::saved:
   * @id: the record that was written
   */
  g_signal_new ("saved", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  g_signal_new ("closed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_signal_new ("delete-requested", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
sec_editor_set_store (SecEditor *self,
                      SecStore  *store)
{
  g_return_if_fail (SEC_IS_EDITOR (self));
  SEC_EDITOR_GET_IFACE (self)->set_store (self, store);
}

/* Shows the record @id, or an empty form for a new one when %NULL. */
void
sec_editor_edit (SecEditor  *self,
                 const char *id)
{
  g_return_if_fail (SEC_IS_EDITOR (self));
  SEC_EDITOR_GET_IFACE (self)->edit (self, id);
}

const char *
sec_editor_get_id (SecEditor *self)
{
  g_return_val_if_fail (SEC_IS_EDITOR (self), NULL);
  return SEC_EDITOR_GET_IFACE (self)->get_id (self);
}

gboolean
sec_editor_is_modified (SecEditor *self)
{
  g_return_val_if_fail (SEC_IS_EDITOR (self), FALSE);
  return SEC_EDITOR_GET_IFACE (self)->is_modified (self);
}

gboolean
sec_editor_save (SecEditor *self)
{
  g_return_val_if_fail (SEC_IS_EDITOR (self), FALSE);
  return SEC_EDITOR_GET_IFACE (self)->save (self);
}

SecRecordForm *
sec_editor_get_form (SecEditor *self)
{
  g_return_val_if_fail (SEC_IS_EDITOR (self), NULL);
  return SEC_EDITOR_GET_IFACE (self)->get_form (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  sec_editor_save (SEC_EDITOR (widget));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  g_signal_emit_by_name (widget, "closed");
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  const char *id = sec_editor_get_id (SEC_EDITOR (widget));

  if (id != NULL)
    g_signal_emit_by_name (widget, "delete-requested", id);
}

/* The actions every editor has, with their keys: editor.save (Ctrl+S),
 * editor.close (Escape) and editor.delete. For a class_init. */
void
sec_editor_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);
}
