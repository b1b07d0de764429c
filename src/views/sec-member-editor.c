/* sec-member-editor.c: details and editor of one member and its contacts
 *
 * Both the member and each contact person are SecRecordForms built from
 * their entity descriptions. Saving writes the member and its contacts in
 * one transaction: either all of it is stored or none of it.
 */

#include <glib/gi18n.h>

#include "sec-editor.h"
#include "sec-member-editor.h"
#include "sec-member-status.h"
#include "sec-store-sync.h"

typedef struct {
  GtkWidget     *box;
  GtkLabel      *title;
  SecRecordForm *form;
} ContactCard;

struct _SecMemberEditor
{
  GtkWidget       parent_instance;

  GtkLabel       *title_label;
  GtkLabel       *status_label;
  GtkLabel       *error_label;
  GtkBox         *content_box;
  GtkBox         *contacts_box;
  GtkWidget      *delete_button;

  SecStore       *store;
  SecRecordForm  *form;
  GPtrArray      *contacts;      /* ContactCard */
  GPtrArray      *removed_ids;   /* contacts to delete on save */
  char           *member_id;     /* NULL for a new member */
};

static void editor_iface_init (SecEditorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SecMemberEditor, sec_member_editor, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (SEC_TYPE_EDITOR, editor_iface_init))

/* Helpers */

static void
update_header (SecMemberEditor *self)
{
  SecRecord *member = sec_record_form_get_record (self->form);
  const char *name = sec_record_get (member, "name");
  const char *paid_until = sec_record_get (member, "dues_paid_until");
  const char *status;
  g_autofree char *line = NULL;

  gtk_label_set_text (self->title_label, name ? name : (self->member_id ? "" : _("New Member")));
  if (self->store == NULL)
    return;
  status = sec_member_status_label (sec_store_member_status (self->store, member));
  if (paid_until != NULL)
    line = g_strdup_printf (_("%s · dues paid until %s"), status, paid_until);
  gtk_label_set_text (self->status_label, line ? line : status);
}

static void
update_actions (SecMemberEditor *self)
{
  gboolean valid = sec_record_form_is_valid (self->form);

  for (guint i = 0; i < self->contacts->len; i++)
    valid = valid && sec_record_form_is_valid (((ContactCard *) g_ptr_array_index (self->contacts, i))->form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", self->member_id != NULL);
}

static void
update_contact_title (ContactCard *card)
{
  const char *name = sec_record_get (sec_record_form_get_record (card->form), "name");
  gtk_label_set_text (card->title, name ? name : _("New Contact"));
}

static void
on_contact_changed (SecRecordForm   *form,
                    SecMemberEditor *self)
{
  for (guint i = 0; i < self->contacts->len; i++)
    {
      ContactCard *card = g_ptr_array_index (self->contacts, i);
      if (card->form == form)
        update_contact_title (card);
    }
  update_actions (self);
}

static void
on_remove_contact (GtkButton       *button,
                   SecMemberEditor *self)
{
  for (guint i = 0; i < self->contacts->len; i++)
    {
      ContactCard *card = g_ptr_array_index (self->contacts, i);

      if (!gtk_widget_is_ancestor (GTK_WIDGET (button), card->box))
        continue;
      g_ptr_array_add (self->removed_ids, g_strdup (sec_record_get_id (sec_record_form_get_record (card->form))));
      gtk_box_remove (self->contacts_box, card->box);
      g_ptr_array_remove_index (self->contacts, i);
      break;
    }
  update_actions (self);
}

static ContactCard *
add_card (SecMemberEditor *self,
          SecRecord       *contact)
{
  ContactCard *card = g_new0 (ContactCard, 1);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  card->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  card->title = GTK_LABEL (gtk_label_new (NULL));
  card->form = sec_record_form_new (&sec_entity_contact);
  gtk_label_set_xalign (card->title, 0);
  gtk_label_set_ellipsize (card->title, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (card->title), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card->title), "heading");
  gtk_widget_set_tooltip_text (remove, _("Remove Contact"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Contact"), -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_contact), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (card->title));
  gtk_box_append (GTK_BOX (header), remove);
  gtk_box_append (GTK_BOX (card->box), header);
  gtk_box_append (GTK_BOX (card->box), GTK_WIDGET (card->form));
  gtk_box_append (self->contacts_box, card->box);

  sec_record_form_set_record (card->form, contact);
  update_contact_title (card);
  g_signal_connect (card->form, "changed", G_CALLBACK (on_contact_changed), self);
  g_ptr_array_add (self->contacts, card);
  return card;
}

static void
clear_contacts (SecMemberEditor *self)
{
  for (guint i = 0; i < self->contacts->len; i++)
    gtk_box_remove (self->contacts_box, ((ContactCard *) g_ptr_array_index (self->contacts, i))->box);
  g_ptr_array_set_size (self->contacts, 0);
  g_ptr_array_set_size (self->removed_ids, 0);
}

static gboolean
forms_valid (SecMemberEditor *self)
{
  gboolean valid = sec_record_form_validate (self->form);

  for (guint i = 0; i < self->contacts->len; i++)
    valid = sec_record_form_validate (((ContactCard *) g_ptr_array_index (self->contacts, i))->form) && valid;
  return valid;
}

/* Saves what the form changed onto the record as the store has it now,
 * which sync may have updated since the form showed it. */
static gboolean
save_form (SecMemberEditor  *self,
           SecRecordForm    *form,
           GError          **error)
{
  SecRecord *shown = sec_record_form_get_record (form);
  g_autoptr(SecRecord) current = sec_store_load (self->store, sec_record_get_entity (shown),
                                                 sec_record_get_id (shown), NULL);

  if (current == NULL)
    return sec_store_save (self->store, shown, error);
  sec_record_form_apply_changes (form, current);
  return sec_store_save (self->store, current, error);
}

static gboolean
write_all (SecMemberEditor  *self,
           GError          **error)
{
  SecRecord *member = sec_record_form_get_record (self->form);

  if (!save_form (self, self->form, error))
    return FALSE;
  for (guint i = 0; i < self->contacts->len; i++)
    {
      SecRecordForm *form = ((ContactCard *) g_ptr_array_index (self->contacts, i))->form;
      sec_record_set (sec_record_form_get_record (form), "member_id", sec_record_get_id (member));
      if (!save_form (self, form, error))
        return FALSE;
    }
  for (guint i = 0; i < self->removed_ids->len; i++)
    {
      g_autoptr(SecRecord) existing = sec_store_load (self->store, &sec_entity_contact,
                                                      g_ptr_array_index (self->removed_ids, i), NULL);
      if (existing != NULL &&
          !sec_store_delete (self->store, &sec_entity_contact, sec_record_get_id (existing), error))
        return FALSE;
    }
  return TRUE;
}

/* Callbacks and actions */

static void
on_form_changed (SecRecordForm   *form,
                 SecMemberEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_header (self);
  update_actions (self);
}

static void
add_contact_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  SecRecordForm *form = sec_member_editor_add_contact (SEC_MEMBER_EDITOR (widget));
  sec_record_form_focus (form, "name");
}

/* GObject */

static void
sec_member_editor_dispose (GObject *object)
{
  SecMemberEditor *self = SEC_MEMBER_EDITOR (object);
  GtkWidget *child;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_MEMBER_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->removed_ids, g_ptr_array_unref);
  g_clear_pointer (&self->member_id, g_free);

  G_OBJECT_CLASS (sec_member_editor_parent_class)->dispose (object);
}

static void
sec_member_editor_class_init (SecMemberEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_member_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SecMemberEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, SecMemberEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, SecMemberEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, SecMemberEditor, content_box);
  gtk_widget_class_bind_template_child (widget_class, SecMemberEditor, contacts_box);
  gtk_widget_class_bind_template_child (widget_class, SecMemberEditor, delete_button);

  sec_editor_install_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "editor.add-contact", NULL, add_contact_activated);
}

static void
editor_iface_init (SecEditorInterface *iface)
{
  iface->set_store = (gpointer) sec_member_editor_set_store;
  iface->edit = (gpointer) sec_member_editor_edit;
  iface->get_id = (gpointer) sec_member_editor_get_id;
  iface->is_modified = (gpointer) sec_member_editor_is_modified;
  iface->save = (gpointer) sec_member_editor_save;
  iface->get_form = (gpointer) sec_member_editor_get_form;
}

static void
sec_member_editor_init (SecMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->contacts = g_ptr_array_new_with_free_func (g_free);
  self->removed_ids = g_ptr_array_new_with_free_func (g_free);
  self->form = sec_record_form_new (&sec_entity_member);
  gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->form), GTK_WIDGET (self->error_label));
  g_signal_connect (self->form, "changed", G_CALLBACK (on_form_changed), self);
  sec_member_editor_edit (self, NULL);
}

/* Public API */

/* Another office's change, brought by sync, to the member on show: shown
 * at once unless the form holds changes of its own (which keep their
 * values and merge field by field on save). */
static void
on_store_changed (SecStore        *store,
                  const SecEntity *entity,
                  const char      *id,
                  SecMemberEditor *self)
{
  g_autofree char *member_id = NULL;
  g_autoptr(SecRecord) member = NULL;

  if (self->member_id == NULL || sec_member_editor_is_modified (self))
    return;
  if (id != NULL && entity == &sec_entity_contact)
    {
      g_autoptr(SecSyncState) contact = sec_store_sync_state (store, entity, id);
      if (contact == NULL || g_strcmp0 (sec_record_get (contact->record, "member_id"), self->member_id) != 0)
        return;
    }
  else if (id != NULL && g_strcmp0 (id, self->member_id) != 0)
    return;
  member_id = g_strdup (self->member_id);
  if ((member = sec_store_load (store, &sec_entity_member, member_id, NULL)) == NULL)
    g_signal_emit_by_name (self, "closed");   /* deleted elsewhere */
  else
    sec_member_editor_edit (self, member_id);
}

void
sec_member_editor_set_store (SecMemberEditor *self,
                             SecStore        *store)
{
  g_return_if_fail (SEC_IS_MEMBER_EDITOR (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  sec_record_form_set_store (self->form, store);   /* for the linked records */
}

/* Shows the member @member_id, or an empty form for a new one. */
void
sec_member_editor_edit (SecMemberEditor *self,
                        const char      *member_id)
{
  g_autoptr(SecRecord) member = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_if_fail (SEC_IS_MEMBER_EDITOR (self));

  if (member_id != NULL && self->store != NULL)
    member = sec_store_load (self->store, &sec_entity_member, member_id, NULL);
  if (member == NULL)
    member = sec_record_new (&sec_entity_member);
  g_free (self->member_id);
  self->member_id = member_id && self->store ? g_strdup (sec_record_get_id (member)) : NULL;

  sec_record_form_set_record (self->form, member);
  clear_contacts (self);
  if (self->member_id != NULL)
    {
      contacts = sec_store_load_children (self->store, &sec_entity_contact, self->member_id);
      for (guint i = 0; i < contacts->len; i++)
        add_card (self, g_ptr_array_index (contacts, i));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_visible (self->delete_button, self->member_id != NULL);
  update_header (self);
  update_actions (self);
}

/* Whether the editor holds changes that are not stored yet. */
gboolean
sec_member_editor_is_modified (SecMemberEditor *self)
{
  g_return_val_if_fail (SEC_IS_MEMBER_EDITOR (self), FALSE);

  if (self->removed_ids->len > 0)
    return TRUE;
  if (self->member_id == NULL)
    return sec_record_get (sec_record_form_get_record (self->form), "name") != NULL;
  if (sec_record_form_is_modified (self->form))
    return TRUE;
  for (guint i = 0; i < self->contacts->len; i++)
    if (sec_record_form_is_modified (((ContactCard *) g_ptr_array_index (self->contacts, i))->form))
      return TRUE;
  return FALSE;
}

const char *
sec_member_editor_get_id (SecMemberEditor *self)
{
  g_return_val_if_fail (SEC_IS_MEMBER_EDITOR (self), NULL);
  return self->member_id;
}

SecRecordForm *
sec_member_editor_get_form (SecMemberEditor *self)
{
  g_return_val_if_fail (SEC_IS_MEMBER_EDITOR (self), NULL);
  return self->form;
}

SecRecordForm *
sec_member_editor_add_contact (SecMemberEditor *self)
{
  g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);

  g_return_val_if_fail (SEC_IS_MEMBER_EDITOR (self), NULL);

  sec_record_set (contact, "is_primary", self->contacts->len == 0 ? "1" : "0");
  return add_card (self, contact)->form;
}

/* Checks and writes the member and its contacts; on any problem shows it
 * and writes nothing. */
gboolean
sec_member_editor_save (SecMemberEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (SEC_IS_MEMBER_EDITOR (self), FALSE);

  if (!forms_valid (self))
    return FALSE;
  if (!sec_store_begin (self->store, &error) || !write_all (self, &error) ||
      !sec_store_commit (self->store, &error))
    {
      sec_store_rollback (self->store);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return FALSE;
    }
  id = g_strdup (sec_record_get_id (sec_record_form_get_record (self->form)));
  sec_member_editor_edit (self, id);
  g_signal_emit_by_name (self, "saved", id);
  return TRUE;
}
