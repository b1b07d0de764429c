/* sec-conflicts-dialog.c: settling what two offices changed apart
 *
 * One row per record, the whole record side by side: for each field in
 * question what it was before, the value here and the other office's, who
 * changed each and when, and a button for each; a deletion against edits
 * asks whether to restore the record with the edits or delete it. Choosing
 * writes through the store, so the choice syncs like any other change.
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

/* Helpers */

/* "Phnom Penh office, 3 Dec 04:40", or as much of it as is known. */
static char *
who_and_when (const char *office,
              const char *at,
              const char *nobody)
{
  g_autoptr(GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  /* Translators: a day and time in the conflicts dialog, see g_date_time_format() */
  g_autofree char *when = local ? g_date_time_format (local, _("%-d %b %H:%M")) : NULL;

  if (when == NULL)
    return g_strdup (office ? office : nobody);
  /* Translators: who changed a value, and when: "Phnom Penh office, 3 Dec 04:40" */
  return g_strdup_printf (_("%s, %s"), office ? office : nobody, when);
}

/* A value as the editor shows it: "Cambodia" for KH, dates and choices in
 * words; "empty" for none. */
static char *
shown_value (SecRecord  *record,
             int         index,
             const char *value)
{
  g_autoptr(SecRecord) copy = NULL;
  char *shown = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup (_("empty"));
  if (record == NULL || index < 0)
    return g_strdup (value);
  copy = sec_record_copy (record);
  sec_record_set_nth (copy, (guint) index, value);
  shown = sec_field_display (copy, (guint) index);
  return shown ? shown : g_strdup (value);
}

static GtkWidget *
cell (const char *text,
      gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Not selectable: a selectable label takes a Tab stop, and the
   * keyboard should go from choice to choice. */
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A value and, under it, who wrote it. */
static GtkWidget *
value_cell (const char *value,
            const char *who)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = cell (who, TRUE);

  gtk_label_set_max_width_chars (GTK_LABEL (caption), 26);
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), cell (value, FALSE));
  gtk_box_append (GTK_BOX (box), caption);
  return box;
}

static void
on_choice (GtkButton          *button,
           SecConflictsDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "conflict"));
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
choices (SecConflictsDialog *self,
         SecConflict        *conflict,
         const char         *keep,
         const char         *take)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), choice_button (self, conflict, keep, FALSE));
  gtk_box_append (GTK_BOX (box), choice_button (self, conflict, take, TRUE));
  return box;
}

/* The record's name, or its id if it has none here. */
static char *
record_title (SecRecord   *record,
              SecConflict *conflict)
{
  const SecField *title = sec_entity_title_field (conflict->entity);
  const char *name = record && title ? sec_record_get (record, title->name) : NULL;

  return g_strdup (name ? name : conflict->record_id);
}

/* One record's conflicts */

/* What a deletion question says, by what changed on the side that kept
 * the record: the record itself, or one of its children. */
static const struct {
  const char *changed;        /* a kind of child, or NULL */
  const char *deleted_there;  /* N_(), with who deleted it and when */
  const char *deleted_here;   /* N_(), with who changed it and when */
} deletion_questions[] = {
  { NULL, N_("Deleted by %s; edited here"), N_("Edited by %s; deleted here") },
  { "contact", N_("Deleted by %s; a contact was changed here"), N_("A contact was changed by %s; deleted here") },
  { "session", N_("Deleted by %s; a session was changed here"), N_("A session was changed by %s; deleted here") },
  { "participant", N_("Deleted by %s; a participant was changed here"),
    N_("A participant was changed by %s; deleted here") },
  { "agenda_item", N_("Deleted by %s; an agenda item was changed here"),
    N_("An agenda item was changed by %s; deleted here") },
};

static char *
deletion_text (SecConflict *conflict)
{
  gboolean deleted_here = g_strcmp0 (conflict->local_value, "deleted") == 0;
  g_autofree char *who = who_and_when (conflict->remote_office, conflict->remote_at, _("another office"));
  GString *text;
  guint i = G_N_ELEMENTS (deletion_questions) - 1;

  while (i > 0 && g_strcmp0 (deletion_questions[i].changed, conflict->base_value) != 0)
    i--;
  text = g_string_new (_(deleted_here ? deletion_questions[i].deleted_here : deletion_questions[i].deleted_there));
  g_string_replace (text, "%s", who, 1);
  return g_string_free (text, FALSE);
}

/* "Deleted by Kuala Lumpur office on 3 Dec 02:00; edited here", with the
 * two ways out. */
static GtkWidget *
deletion_row (SecConflictsDialog *self,
              SecConflict        *conflict)
{
  gboolean deleted_here = g_strcmp0 (conflict->local_value, "deleted") == 0;
  g_autofree char *text = deletion_text (conflict);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = cell (text, FALSE);

  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  /* Keeping ours restores the record if it was deleted there, and the
   * other way round. */
  gtk_box_append (GTK_BOX (box), deleted_here ? choices (self, conflict, _("_Delete"), _("_Restore with the Edits"))
                                              : choices (self, conflict, _("_Restore with the Edits"), _("_Delete")));
  return box;
}

static void
attach_header (GtkGrid *grid)
{
  const char *const heads[] = { "", N_("Before"), N_("Here"), N_("There") };

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    {
      GtkWidget *label = cell (*heads[i] ? _(heads[i]) : "", FALSE);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (grid, label, (int) i, 0, 1, 1);
    }
}

/* A field in question: what it was before, what this office holds and
 * what the other holds, with who changed each and when, and the choice. */
static int
attach_question (SecConflictsDialog *self,
                 GtkGrid            *grid,
                 int                 line,
                 SecRecord          *record,
                 int                 index,
                 SecConflict        *conflict)
{
  const SecField *field = &conflict->entity->fields[index];
  g_autofree char *was = shown_value (record, index, conflict->base_value);
  g_autofree char *ours = shown_value (record, index, conflict->local_value);
  g_autofree char *theirs = shown_value (record, index, conflict->remote_value);
  g_autofree char *our_side = who_and_when (conflict->local_office, conflict->local_at, _("this office"));
  g_autofree char *their_side = who_and_when (conflict->remote_office, conflict->remote_at, _("another office"));

  gtk_grid_attach (grid, cell (_(field->label), FALSE), 0, line, 1, 1);
  gtk_grid_attach (grid, cell (was, TRUE), 1, line, 1, 1);
  gtk_grid_attach (grid, value_cell (ours, our_side), 2, line, 1, 1);
  gtk_grid_attach (grid, value_cell (theirs, their_side), 3, line, 1, 1);
  gtk_grid_attach (grid, choices (self, conflict, _("_Keep Ours"), _("_Take Theirs")), 0, line + 1, 4, 1);
  return line + 2;
}

/* The children whose change keeps a deleted record in question, by name:
 * those still live under it. */
static int
attach_children (SecConflictsDialog *self,
                 GtkGrid            *grid,
                 int                 line,
                 SecRecord          *record,
                 const SecEntity    *child)
{
  const SecField *title = child ? sec_entity_title_field (child) : NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  if (title == NULL)
    return line;
  children = sec_store_load_children (self->store, child, sec_record_get_id (record));
  for (guint i = 0; i < children->len; i++)
    {
      const char *name = sec_record_get (g_ptr_array_index (children, i), title->name);
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name ? name : "");
    }
  if (names->len == 0)
    return line;
  gtk_grid_attach (grid, cell (_(child->label), FALSE), 0, line, 1, 1);
  gtk_grid_attach (grid, cell (names->str, FALSE), 2, line, 2, 1);
  return line + 1;
}

/* The whole record side by side: first the fields in question, then the
 * rest as both sides hold it. */
static GtkWidget *
record_grid (SecConflictsDialog *self,
             SecRecord          *record,
             GPtrArray          *conflicts)
{
  const SecEntity *entity = ((SecConflict *) g_ptr_array_index (conflicts, 0))->entity;
  GtkWidget *grid = gtk_grid_new ();
  gboolean headed = FALSE;   /* the Before, Here, There heads: only over fields in question */
  int line = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint c = 0; c < conflicts->len; c++)
    {
      SecConflict *conflict = g_ptr_array_index (conflicts, c);
      int index = sec_entity_field_index (entity, conflict->field);

      if (index >= 0 && !headed)
        {
          attach_header (GTK_GRID (grid));
          headed = TRUE;
        }
      if (index >= 0)
        line = attach_question (self, GTK_GRID (grid), line, record, index, conflict);
      else if (record != NULL && g_str_equal (conflict->field, "_deleted") && conflict->base_value != NULL)
        line = attach_children (self, GTK_GRID (grid), line, record, sec_entity_lookup (conflict->base_value));
    }
  for (guint i = 0; record != NULL && i < entity->n_fields; i++)
    {
      const char *here = sec_record_get_nth (record, i);
      g_autofree char *shown = NULL;
      gboolean in_question = FALSE;

      for (guint c = 0; c < conflicts->len; c++)
        in_question |= g_str_equal (((SecConflict *) g_ptr_array_index (conflicts, c))->field, entity->fields[i].name);
      if (in_question || here == NULL || *here == '\0')
        continue;
      shown = shown_value (record, (int) i, here);
      gtk_grid_attach (GTK_GRID (grid), cell (_(entity->fields[i].label), TRUE), 0, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (shown, TRUE), 2, line++, 2, 1);
    }
  return grid;
}

static GtkWidget *
record_row (SecConflictsDialog *self,
            GPtrArray          *conflicts)
{
  SecConflict *first = g_ptr_array_index (conflicts, 0);
  g_autoptr(SecSyncState) state = sec_store_sync_state (self->store, first->entity, first->record_id);
  SecRecord *record = state ? state->record : NULL;
  g_autofree char *title = record_title (record, first);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = cell (title, FALSE);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint c = 0; c < conflicts->len; c++)
    if (g_str_equal (((SecConflict *) g_ptr_array_index (conflicts, c))->field, "_deleted"))
      gtk_box_append (GTK_BOX (box), deletion_row (self, g_ptr_array_index (conflicts, c)));
  gtk_box_append (GTK_BOX (box), record_grid (self, record, conflicts));
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
fill (SecConflictsDialog *self)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) of_record = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = sec_store_conflicts (self->store);   /* a record's together */
  for (guint i = 0; i < self->conflicts->len; i++)
    {
      SecConflict *conflict = g_ptr_array_index (self->conflicts, i);
      SecConflict *next = i + 1 < self->conflicts->len ? g_ptr_array_index (self->conflicts, i + 1) : NULL;

      if (of_record == NULL)
        of_record = g_ptr_array_new ();
      g_ptr_array_add (of_record, conflict);
      if (next == NULL || next->entity != conflict->entity || !g_str_equal (next->record_id, conflict->record_id))
        {
          gtk_list_box_append (self->list, record_row (self, of_record));
          g_clear_pointer (&of_record, g_ptr_array_unref);
        }
    }
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
