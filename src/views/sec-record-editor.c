/* sec-record-editor.c: the editor of a record with no children of its own
 *
 * A title, the entity's SecRecordForm, and Delete, Cancel and Save: what a
 * roadmap item needs, and any entity that is only its fields. Saving writes
 * only the fields the form changed onto the record as stored now.
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sec-record-editor.h"

struct _SecRecordEditor
{
  GtkWidget        parent_instance;
  const SecEntity *entity;
  GtkLabel        *title;
  GtkLabel        *problem;
  GtkWidget       *delete_button;
  SecRecordForm   *form;
  SecStore        *store;
  char            *id;     /* NULL for a new record */
};

static void editor_iface_init (SecEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SecRecordEditor, sec_record_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SEC_TYPE_EDITOR, editor_iface_init))

static void
update_title (SecRecordEditor *self)
{
  const char *title = sec_record_get (sec_record_form_get_record (self->form),
                                      sec_entity_title_field (self->entity)->name);
  g_autofree char *fallback = g_strdup_printf (_("New %s"), _(self->entity->label));

  gtk_label_set_text (self->title, title ? title : fallback);
  gtk_widget_set_visible (self->delete_button, self->id != NULL);
}

static void
on_form_changed (SecRecordEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", sec_record_form_is_valid (self->form));
}

static GtkWidget *
header (SecRecordEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-3");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "editor.close");
  gtk_widget_set_tooltip_text (close, _("Close"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  g_object_set (box, "margin-top", 12, "margin-bottom", 6, "margin-start", 18, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), close);
  return box;
}

static GtkWidget *
action_bar (SecRecordEditor *self)
{
  GtkWidget *bar = gtk_action_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->delete_button = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "editor.delete");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "editor.close");
  gtk_widget_add_css_class (self->delete_button, "destructive-action");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_action_bar_pack_start (GTK_ACTION_BAR (bar), self->delete_button);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (bar), save);
  gtk_action_bar_pack_end (GTK_ACTION_BAR (bar), cancel);
  return bar;
}

/* SecEditor */

static void
record_editor_set_store (SecEditor *editor,
                         SecStore  *store)
{
  SecRecordEditor *self = SEC_RECORD_EDITOR (editor);

  g_set_object (&self->store, store);
  sec_record_form_set_store (self->form, store);
}

static void
record_editor_edit (SecEditor  *editor,
                    const char *id)
{
  SecRecordEditor *self = SEC_RECORD_EDITOR (editor);
  g_autoptr(SecRecord) record = id && self->store ? sec_store_load (self->store, self->entity, id, NULL) : NULL;

  if (record == NULL)
    record = sec_record_new (self->entity);
  g_free (self->id);
  self->id = id && self->store ? g_strdup (sec_record_get_id (record)) : NULL;
  if (self->store != NULL)
    sec_record_form_set_store (self->form, self->store);   /* references may have new targets */
  sec_record_form_set_record (self->form, record);
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  update_title (self);
}

static const char *
record_editor_get_id (SecEditor *editor)
{
  return SEC_RECORD_EDITOR (editor)->id;
}

static gboolean
record_editor_is_modified (SecEditor *editor)
{
  SecRecordEditor *self = SEC_RECORD_EDITOR (editor);

  if (self->id == NULL)
    return sec_record_get (sec_record_form_get_record (self->form),
                           sec_entity_title_field (self->entity)->name) != NULL;
  return sec_record_form_is_modified (self->form);
}

static gboolean
record_editor_save (SecEditor *editor)
{
  SecRecordEditor *self = SEC_RECORD_EDITOR (editor);
  g_autofree char *id = g_strdup (sec_record_get_id (sec_record_form_get_record (self->form)));
  g_autoptr(GError) error = NULL;

  if (!sec_record_form_save (self->form, &error))
    {
      if (error != NULL)
        {
          gtk_label_set_text (self->problem, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
        }
      return FALSE;
    }
  record_editor_edit (editor, id);
  g_signal_emit_by_name (self, "saved", id);
  return TRUE;
}

static SecRecordForm *
record_editor_get_form (SecEditor *editor)
{
  return SEC_RECORD_EDITOR (editor)->form;
}

static void
editor_iface_init (SecEditorInterface *iface)
{
  iface->set_store = record_editor_set_store;
  iface->edit = record_editor_edit;
  iface->get_id = record_editor_get_id;
  iface->is_modified = record_editor_is_modified;
  iface->save = record_editor_save;
  iface->get_form = record_editor_get_form;
}

/* GObject */

static void
sec_record_editor_dispose (GObject *object)
{
  SecRecordEditor *self = SEC_RECORD_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->id, g_free);
  G_OBJECT_CLASS (sec_record_editor_parent_class)->dispose (object);
}

static void
sec_record_editor_class_init (SecRecordEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_record_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  sec_editor_install_actions (widget_class);
}

static void
sec_record_editor_init (SecRecordEditor *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "background");
}

SecRecordEditor *
sec_record_editor_new (const SecEntity *entity)
{
  SecRecordEditor *self = g_object_new (SEC_TYPE_RECORD_EDITOR, NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  /* As wide as the form would like, up to the page's clamp. */
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  self->entity = entity;
  self->form = sec_record_form_new (entity);
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  g_object_set (box, "margin-top", 6, "margin-bottom", 18, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->form));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_parent (header (self), GTK_WIDGET (self));
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));
  gtk_widget_set_parent (action_bar (self), GTK_WIDGET (self));
  g_signal_connect_swapped (self->form, "changed", G_CALLBACK (on_form_changed), self);
  record_editor_edit (SEC_EDITOR (self), NULL);
  return self;
}
