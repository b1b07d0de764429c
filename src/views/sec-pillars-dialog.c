/* sec-pillars-dialog.c: renames, reorders, adds and archives the pillars
 *
 * A row a pillar, in board order: its name is edited in place and applied
 * with Enter, the arrows swap it with its neighbour, and the archive button
 * takes it off the board without touching its items. Everything goes
 * through the store, and the rows are rebuilt from it when it changes.
 */

#include <glib/gi18n.h>

#include "sec-pillars-dialog.h"
#include "sec-query-model.h"

struct _SecPillarsDialog
{
  AdwWindow             parent_instance;
  AdwPreferencesGroup  *group;
  AdwEntryRow          *new_row;
  GtkLabel             *error_label;

  SecStore             *store;
  GPtrArray            *rows;     /* GtkWidget, borrowed from the group */
  GPtrArray            *pillars;  /* SecRecord, in position order */
  char                 *error;
};

G_DEFINE_FINAL_TYPE (SecPillarsDialog, sec_pillars_dialog, ADW_TYPE_WINDOW)

static void
show_error (SecPillarsDialog *self,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static SecRecord *
pillar_at (SecPillarsDialog *self,
           guint             index)
{
  return g_ptr_array_index (self->pillars, index);
}

static gboolean
save (SecPillarsDialog *self,
      SecRecord        *pillar)
{
  g_autoptr(GError) error = NULL;

  if (!sec_store_save (self->store, pillar, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  return TRUE;
}

/* Callbacks */

static void
on_rename (AdwEntryRow      *row,
           SecPillarsDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
  g_autoptr(SecRecord) pillar = sec_record_copy (pillar_at (self, index));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  sec_record_set (pillar, "name", *name ? name : NULL);
  if (!save (self, pillar))
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

/* Swaps two neighbours' positions in one transaction, so that a failure
 * leaves the order as it was. */
static void
swap (SecPillarsDialog *self,
      guint             first,
      guint             second)
{
  g_autoptr(SecRecord) a = sec_record_copy (pillar_at (self, first));
  g_autoptr(SecRecord) b = sec_record_copy (pillar_at (self, second));
  g_autofree char *position_a = g_strdup_printf ("%u", second + 1);
  g_autofree char *position_b = g_strdup_printf ("%u", first + 1);
  g_autoptr(GError) error = NULL;

  sec_record_set (a, "position", position_a);
  sec_record_set (b, "position", position_b);
  if (!sec_store_begin (self->store, &error) ||
      !sec_store_save (self->store, a, &error) ||
      !sec_store_save (self->store, b, &error) ||
      !sec_store_commit (self->store, &error))
    {
      sec_store_rollback (self->store);
      show_error (self, error->message);
    }
}

static void
on_move (GtkButton        *button,
         SecPillarsDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));

  swap (self, index, (guint) ((int) index + delta));
}

static void
on_archive (GtkButton        *button,
            SecPillarsDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(SecRecord) pillar = sec_record_copy (pillar_at (self, index));
  gboolean archived = g_strcmp0 (sec_record_get (pillar, "archived"), "1") == 0;

  sec_record_set (pillar, "archived", archived ? "0" : "1");
  save (self, pillar);
}

/* After the last pillar, whatever gaps the positions have. */
static char *
next_position (SecPillarsDialog *self)
{
  const char *last = self->pillars->len > 0
                     ? sec_record_get (pillar_at (self, self->pillars->len - 1), "position") : NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT, (last ? g_ascii_strtoll (last, NULL, 10) : 0) + 1);
}

static void
on_add (SecPillarsDialog *self)
{
  g_autoptr(SecRecord) pillar = sec_record_new (&sec_entity_pillar);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_row))));
  g_autofree char *position = next_position (self);

  sec_record_set (pillar, "name", *name ? name : NULL);
  sec_record_set (pillar, "position", position);
  sec_record_set (pillar, "archived", "0");
  if (save (self, pillar))
    gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
}

/* Rows */

static GtkWidget *
row_button (SecPillarsDialog *self,
            guint             index,
            const char       *icon,
            const char       *tooltip,
            GCallback         callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
pillar_row (SecPillarsDialog *self,
            guint             index)
{
  SecRecord *pillar = pillar_at (self, index);
  gboolean archived = g_strcmp0 (sec_record_get (pillar, "archived"), "1") == 0;
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  g_autofree char *title = archived ? g_strdup_printf (_("Pillar %u, archived"), index + 1)
                                    : g_strdup_printf (_("Pillar %u"), index + 1);
  GtkWidget *up = row_button (self, index, "go-up-symbolic", _("Move Up"), G_CALLBACK (on_move));
  GtkWidget *down = row_button (self, index, "go-down-symbolic", _("Move Down"), G_CALLBACK (on_move));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), sec_record_get (pillar, "name"));
  adw_entry_row_set_show_apply_button (row, TRUE);
  g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (index));
  g_signal_connect (row, "apply", G_CALLBACK (on_rename), self);
  if (archived)
    gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");

  g_object_set_data (G_OBJECT (up), "delta", GINT_TO_POINTER (-1));
  g_object_set_data (G_OBJECT (down), "delta", GINT_TO_POINTER (1));
  gtk_widget_set_sensitive (up, index > 0);
  gtk_widget_set_sensitive (down, index + 1 < self->pillars->len);
  adw_entry_row_add_suffix (row, up);
  adw_entry_row_add_suffix (row, down);
  adw_entry_row_add_suffix (row, row_button (self, index,
                                             archived ? "edit-undo-symbolic" : "folder-symbolic",
                                             archived ? _("Restore") : _("Archive"),
                                             G_CALLBACK (on_archive)));
  return GTK_WIDGET (row);
}

static void
fill (SecPillarsDialog *self)
{
  g_autoptr(SecQueryModel) model = sec_query_model_new (self->store, &sec_entity_pillar);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->pillars, 0);

  sec_query_model_set_sort (model, "position", FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    g_ptr_array_add (self->pillars, g_list_model_get_item (G_LIST_MODEL (model), i));
  for (guint i = 0; i < self->pillars->len; i++)
    {
      GtkWidget *row = pillar_row (self, i);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_store_changed (SecStore         *store,
                  const SecEntity  *entity,
                  const char       *id,
                  SecPillarsDialog *self)
{
  if (entity == &sec_entity_pillar || entity == NULL)
    fill (self);
}

/* GObject */

static void
sec_pillars_dialog_dispose (GObject *object)
{
  SecPillarsDialog *self = SEC_PILLARS_DIALOG (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pillars, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (sec_pillars_dialog_parent_class)->dispose (object);
}

static void
sec_pillars_dialog_class_init (SecPillarsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sec_pillars_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-pillars-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SecPillarsDialog, group);
  gtk_widget_class_bind_template_child (widget_class, SecPillarsDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, SecPillarsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sec_pillars_dialog_init (SecPillarsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->pillars = g_ptr_array_new_with_free_func (g_object_unref);
}

SecPillarsDialog *
sec_pillars_dialog_new (SecStore *store)
{
  SecPillarsDialog *self = g_object_new (SEC_TYPE_PILLARS_DIALOG, NULL);

  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  fill (self);
  return self;
}

/* The message shown for the last change the store refused, or NULL. */
const char *
sec_pillars_dialog_get_error (SecPillarsDialog *self)
{
  g_return_val_if_fail (SEC_IS_PILLARS_DIALOG (self), NULL);

  return self->error;
}
