/* sec-record-dialog.c: a window to edit one record of any entity
 *
 * A SecRecordForm with Save and Cancel. Saving runs every check of the
 * store, those between records too (a session within its event's dates),
 * and shows a problem beside its field; nothing is written until all is
 * well. ::saved tells the caller.
 */

#include <glib/gi18n.h>

#include "sec-record-dialog.h"

struct _SecRecordDialog
{
  AdwWindow      parent_instance;
  GtkBox        *content;
  GtkLabel      *problem;
  SecRecordForm *form;
  SecStore      *store;
};

G_DEFINE_FINAL_TYPE (SecRecordDialog, sec_record_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_save_clicked (SecRecordDialog *self)
{
  sec_record_dialog_save (self);
}

static void
on_cancel_clicked (SecRecordDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkWidget *
header_bar (SecRecordDialog *self)
{
  GtkWidget *bar = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (bar), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (bar), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (bar), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (bar), save);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  return bar;
}

static void
sec_record_dialog_dispose (GObject *object)
{
  g_clear_object (&SEC_RECORD_DIALOG (object)->store);
  G_OBJECT_CLASS (sec_record_dialog_parent_class)->dispose (object);
}

static void
sec_record_dialog_class_init (SecRecordDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_record_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /**
   * SecRecordDialog::saved:
   * @record: the record as it was written
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, SEC_TYPE_RECORD);
}

static void
sec_record_dialog_init (SecRecordDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 620);
  self->content = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  self->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem, TRUE);
  gtk_label_set_xalign (self->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem), FALSE);
  g_object_set (self->content, "margin-top", 12, "margin-bottom", 18, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (self->content, GTK_WIDGET (self->problem));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->content));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header_bar (self));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* Edits a copy of @record; the store is written only on Save. */
SecRecordDialog *
sec_record_dialog_new (GtkWindow  *parent,
                       SecStore   *store,
                       SecRecord  *record,
                       const char *title)
{
  SecRecordDialog *self = g_object_new (SEC_TYPE_RECORD_DIALOG, "transient-for", parent, "title", title, NULL);

  self->store = g_object_ref (store);
  self->form = sec_record_form_new (sec_record_get_entity (record));
  sec_record_form_set_store (self->form, store);
  sec_record_form_set_record (self->form, record);
  gtk_box_append (self->content, GTK_WIDGET (self->form));
  return self;
}

SecRecordForm *
sec_record_dialog_get_form (SecRecordDialog *self)
{
  g_return_val_if_fail (SEC_IS_RECORD_DIALOG (self), NULL);
  return self->form;
}

/* Adds a widget under the form, such as a choice about what saving does. */
void
sec_record_dialog_add_extra (SecRecordDialog *self,
                             GtkWidget       *widget)
{
  g_return_if_fail (SEC_IS_RECORD_DIALOG (self));
  gtk_box_append (self->content, widget);
}

/* Checks and writes the record, then closes; on a problem, shows it and
 * writes nothing. */
gboolean
sec_record_dialog_save (SecRecordDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SEC_IS_RECORD_DIALOG (self), FALSE);

  if (!sec_record_form_save (self->form, &error))
    {
      if (error != NULL)
        {
          gtk_label_set_text (self->problem, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->problem), TRUE);
        }
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, sec_record_form_get_record (self->form));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
