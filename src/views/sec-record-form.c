/* sec-record-form.c: an editor for any entity, built from its description
 *
 * One row per field, chosen by the field's type, grouped by the sections the
 * description names. Every change is parsed into a working copy of the
 * record at once, and a problem is shown in a line right under its field.
 * A required field left empty is only flagged once it was touched, or when
 * the whole form is validated before saving.
 */

#include <glib/gi18n.h>

#include "sec-field.h"
#include "sec-iso-codes.h"
#include "sec-links.h"
#include "sec-query-model.h"
#include "sec-record-form.h"

typedef struct {
  SecRecordForm  *form;
  guint           index;
  GtkWidget      *row;
  GtkWidget      *input;
  GtkWidget      *error_row;
  GtkLabel       *error_label;
  GPtrArray      *codes;       /* dropdown position → stored value ("" for none) */
  GtkWidget      *goals[18];   /* SDG toggles */
  GtkWidget      *suggestions; /* popover of matching records, for .suggest fields */
  GtkListBox     *suggestion_list;
  char           *error;
  gboolean        touched;
} FieldUi;

struct _SecRecordForm
{
  GtkWidget        parent_instance;
  int              rule_field;   /* the field showing a rule's problem, or -1 */
  const SecEntity *entity;
  SecRecord       *record;
  SecRecord       *original;
  FieldUi         *fields;
  gboolean         loading;
  SecStore        *store;      /* for suggestions; may be NULL */
  AdwPreferencesGroup *links;  /* the records linked to this one */
  GPtrArray       *link_rows;
  SecRecordWriter  writer;     /* NULL: check and save the record alone */
  GtkWidget       *notice;     /* the record changed elsewhere while edited here */
};

G_DEFINE_FINAL_TYPE (SecRecordForm, sec_record_form, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void on_input_changed (FieldUi *ui);

/* Choices for the dropdowns */

static int
compare_country_names (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return g_utf8_collate (sec_iso_country_name (*(const char **) a),
                         sec_iso_country_name (*(const char **) b));
}

/* The records a reference may point to, by position if they have one (a
 * roadmap's pillars) or else by title. Ids are interned: the codes array
 * holds no strings of its own. */
static void
collect_references (FieldUi        *ui,
                    const SecField *field,
                    GtkStringList  *labels)
{
  const char *title = sec_entity_title_field (field->suggest)->name;
  g_autoptr(SecQueryModel) model = NULL;

  if (ui->form->store == NULL)
    return;
  model = sec_query_model_new (ui->form->store, field->suggest);
  sec_query_model_set_sort (model, sec_entity_get_field (field->suggest, "position") ? "position" : title, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      gboolean archived = sec_entity_get_field (field->suggest, "archived") != NULL &&
                          g_strcmp0 (sec_record_get (record, "archived"), "1") == 0;
      /* Translators: a pillar no longer in use, still shown for the items under it */
      g_autofree char *label = archived ? g_strdup_printf (_("%s (archived)"), sec_record_get (record, title)) : NULL;

      g_ptr_array_add (ui->codes, (gpointer) g_intern_string (sec_record_get_id (record)));
      gtk_string_list_append (labels, label ? label : sec_record_get (record, title));
    }
}

/* Fills @labels and @ui->codes with the values a field can take. */
static void collect_references (FieldUi *ui, const SecField *field, GtkStringList *labels);

static void
collect_choices (FieldUi       *ui,
                 const SecField *field,
                 GtkStringList  *labels)
{
  const SecIsoEntry *entries;
  guint n;

  /* The first item stands for no value: a required field says what to do. */
  ui->codes = g_ptr_array_new ();
  g_ptr_array_add (ui->codes, (gpointer) "");
  gtk_string_list_append (labels, field->required ? _("Choose…") : _("None"));
  if (field->type == SEC_FIELD_CHOICE)
    for (const SecChoice *c = field->choices; c->id != NULL; c++)
      {
        g_ptr_array_add (ui->codes, (gpointer) c->id);
        gtk_string_list_append (labels, _(c->label));
      }
  else if (field->type == SEC_FIELD_COUNTRY)
    {
      guint first = ui->codes->len;

      entries = sec_iso_countries (&n);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (ui->codes, (gpointer) entries[i].code);
      g_qsort_with_data (ui->codes->pdata + first, (int) n, sizeof (gpointer),
                         compare_country_names, NULL);
      for (guint i = first; i < ui->codes->len; i++)
        gtk_string_list_append (labels, sec_iso_country_name (g_ptr_array_index (ui->codes, i)));
    }
  else if (field->type == SEC_FIELD_REFERENCE)
    collect_references (ui, field, labels);
  else
    {
      entries = sec_iso_currencies (&n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *label = g_strdup_printf ("%s (%s)", sec_iso_currency_name (entries[i].code), entries[i].code);
          g_ptr_array_add (ui->codes, (gpointer) entries[i].code);
          gtk_string_list_append (labels, label);
        }
    }
}

/* Rows by type */

static void add_suggestions (FieldUi *ui, GtkWidget *row);

/* Enter in a line saves, as the Save button beside it would: the editor's
 * in a page, the default button in a dialog. A disabled save does nothing. */
static void
on_entry_activated (GtkWidget *row)
{
  if (!gtk_widget_activate_action (row, "editor.save", NULL))
    gtk_widget_activate_default (row);
}

static GtkWidget *
make_entry_row (FieldUi        *ui,
                const SecField *field)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = NULL;

  if (field->type == SEC_FIELD_DATE)
    title = g_strdup_printf (_("%s (YYYY-MM-DD)"), _(field->label));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : _(field->label));
  if (field->type == SEC_FIELD_EMAIL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
  else if (field->type == SEC_FIELD_URL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
  else if (field->type == SEC_FIELD_PHONE)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
  else if (field->type == SEC_FIELD_MONEY)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
  ui->input = row;
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_input_changed), ui);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activated), NULL);
  if (field->suggest != NULL)
    add_suggestions (ui, row);
  return row;
}

/* Suggestions: the records of field->suggest whose words hold what is
 * typed, offered under the entry; choosing one fills it in. */

static void
on_suggestion_chosen (GtkListBox    *list,
                      GtkListBoxRow *row,
                      FieldUi       *ui)
{
  const char *title = g_object_get_data (G_OBJECT (row), "title");

  ui->form->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (ui->input), title);
  ui->form->loading = FALSE;
  gtk_popover_popdown (GTK_POPOVER (ui->suggestions));
  on_input_changed (ui);
}

static void
update_suggestions (FieldUi *ui)
{
  const SecField *field = &ui->form->entity->fields[ui->index];
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (ui->input));
  const char *title_field = sec_entity_title_field (field->suggest)->name;
  g_autoptr(SecQueryModel) model = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (ui->suggestion_list))) != NULL)
    gtk_list_box_remove (ui->suggestion_list, child);
  if (ui->form->store == NULL || g_utf8_strlen (typed, -1) < 2)
    {
      gtk_popover_popdown (GTK_POPOVER (ui->suggestions));
      return;
    }
  model = sec_query_model_new (ui->form->store, field->suggest);
  sec_query_model_set_search (model, typed);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)) && shown < 6; i++)
    {
      g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *title = sec_record_get (record, title_field);
      GtkWidget *label = gtk_label_new (title);

      if (title == NULL || g_strcmp0 (title, typed) == 0)
        continue;
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_append (ui->suggestion_list, label);
      g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (label)), "title", g_strdup (title), g_free);
      shown++;
    }
  if (shown > 0)
    gtk_popover_popup (GTK_POPOVER (ui->suggestions));
  else
    gtk_popover_popdown (GTK_POPOVER (ui->suggestions));
}

static void
add_suggestions (FieldUi   *ui,
                 GtkWidget *row)
{
  ui->suggestion_list = GTK_LIST_BOX (gtk_list_box_new ());
  ui->suggestions = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (ui->suggestions), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (ui->suggestions), FALSE);
  gtk_popover_set_position (GTK_POPOVER (ui->suggestions), GTK_POS_BOTTOM);
  gtk_popover_set_child (GTK_POPOVER (ui->suggestions), GTK_WIDGET (ui->suggestion_list));
  gtk_widget_set_parent (ui->suggestions, row);
  g_signal_connect (ui->suggestion_list, "row-activated", G_CALLBACK (on_suggestion_chosen), ui);
}

static GtkWidget *
make_dropdown_row (FieldUi        *ui,
                   const SecField *field)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row, *dropdown;

  collect_choices (ui, field, labels);
  if (field->type == SEC_FIELD_CHOICE)
    {
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      ui->input = row;
    }
  else
    {
      row = adw_action_row_new ();
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
      gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (dropdown, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->label), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
      ui->input = dropdown;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  g_signal_connect_swapped (ui->input, "notify::selected", G_CALLBACK (on_input_changed), ui);
  return row;
}

static GtkWidget *
make_switch_row (FieldUi        *ui,
                 const SecField *field)
{
  GtkWidget *row = adw_action_row_new ();

  ui->input = gtk_switch_new ();
  gtk_widget_set_valign (ui->input, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), ui->input);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), ui->input);
  g_signal_connect_swapped (ui->input, "notify::active", G_CALLBACK (on_input_changed), ui);
  return row;
}

static GtkWidget *
make_labelled_row (const SecField *field,
                   GtkWidget      *child)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_(field->label));

  /* An AdwPreferencesRow, so that the group puts it in its list. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), child);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static GtkWidget *
make_goals_row (FieldUi        *ui,
                const SecField *field)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 4);   /* fits a 360 px window */
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 9);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  for (guint n = 1; n <= 17; n++)
    {
      g_autofree char *number = g_strdup_printf ("%u", n);
      g_autofree char *name = g_strdup_printf (_("Goal %u: %s"), n, _(sec_sdg_names[n]));
      g_autofree char *style = g_strdup_printf ("sdg-%u", n);
      GtkWidget *toggle = gtk_toggle_button_new_with_label (number);

      gtk_widget_set_tooltip_text (toggle, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_add_css_class (toggle, "sdg");
      gtk_widget_add_css_class (toggle, style);
      g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (on_input_changed), ui);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), toggle);
      ui->goals[n] = toggle;
    }
  ui->input = flow;
  return make_labelled_row (field, flow);
}

static GtkWidget *
make_text_view_row (FieldUi        *ui,
                    const SecField *field)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->label), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (on_input_changed), ui);
  ui->input = view;
  return make_labelled_row (field, frame);
}

static GtkWidget *
make_row (FieldUi        *ui,
          const SecField *field)
{
  switch (field->type)
    {
    case SEC_FIELD_CHOICE:
    case SEC_FIELD_COUNTRY:
    case SEC_FIELD_CURRENCY:
    case SEC_FIELD_REFERENCE:
      return make_dropdown_row (ui, field);
    case SEC_FIELD_BOOL:
      return make_switch_row (ui, field);
    case SEC_FIELD_SDGS:
      return make_goals_row (ui, field);
    case SEC_FIELD_MULTILINE:
      return make_text_view_row (ui, field);
    default:
      return make_entry_row (ui, field);
    }
}

static GtkWidget *
make_error_row (FieldUi *ui)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_widget_set_visible (row, FALSE);
  ui->error_label = GTK_LABEL (label);
  return row;
}

/* Reading and writing the inputs in text form */

static char *
read_input (FieldUi *ui)
{
  const SecField *field = &ui->form->entity->fields[ui->index];
  guint selected;

  switch (field->type)
    {
    case SEC_FIELD_CHOICE:
    case SEC_FIELD_COUNTRY:
    case SEC_FIELD_CURRENCY:
    case SEC_FIELD_REFERENCE:
      selected = ADW_IS_COMBO_ROW (ui->input) ? adw_combo_row_get_selected (ADW_COMBO_ROW (ui->input))
                                              : gtk_drop_down_get_selected (GTK_DROP_DOWN (ui->input));
      return selected < ui->codes->len ? g_strdup (g_ptr_array_index (ui->codes, selected)) : NULL;
    case SEC_FIELD_BOOL:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (ui->input)) ? "1" : "0");
    case SEC_FIELD_SDGS:
      {
        GString *goals = g_string_new (NULL);
        for (guint n = 1; n <= 17; n++)
          if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ui->goals[n])))
            g_string_append_printf (goals, "%s%u", goals->len ? "," : "", n);
        return g_string_free (goals, FALSE);
      }
    case SEC_FIELD_MULTILINE:
      {
        GtkTextIter start, end;
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui->input));
        gtk_text_buffer_get_bounds (buffer, &start, &end);
        return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      }
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (ui->input)));
    }
}

static void
write_input (FieldUi    *ui,
             const char *text)
{
  const SecField *field = &ui->form->entity->fields[ui->index];
  guint position = 0;

  switch (field->type)
    {
    case SEC_FIELD_CHOICE:
    case SEC_FIELD_COUNTRY:
    case SEC_FIELD_CURRENCY:
    case SEC_FIELD_REFERENCE:
      if (!g_ptr_array_find_with_equal_func (ui->codes, text ? text : "", g_str_equal, &position))
        position = 0;
      if (ADW_IS_COMBO_ROW (ui->input))
        adw_combo_row_set_selected (ADW_COMBO_ROW (ui->input), position);
      else
        gtk_drop_down_set_selected (GTK_DROP_DOWN (ui->input), position);
      break;
    case SEC_FIELD_BOOL:
      gtk_switch_set_active (GTK_SWITCH (ui->input), g_strcmp0 (text, "1") == 0);
      break;
    case SEC_FIELD_SDGS:
      {
        g_auto(GStrv) goals = g_strsplit (text ? text : "", ",", -1);
        for (guint n = 1; n <= 17; n++)
          {
            g_autofree char *number = g_strdup_printf ("%u", n);
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (ui->goals[n]), g_strv_contains ((const char *const *) goals, number));
          }
      }
      break;
    case SEC_FIELD_MULTILINE:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui->input)), text ? text : "", -1);
      break;
    default:
      gtk_editable_set_text (GTK_EDITABLE (ui->input), text ? text : "");
    }
}

static void
show_error (FieldUi *ui)
{
  gboolean visible = ui->error != NULL && ui->touched;

  gtk_label_set_text (ui->error_label, ui->error ? ui->error : "");
  gtk_widget_set_visible (ui->error_row, visible);
  if (visible)
    gtk_widget_add_css_class (ui->row, "error");
  else
    gtk_widget_remove_css_class (ui->row, "error");
}

/* Parses the input into the working record and notes what is wrong. */
static void
check_field (FieldUi *ui)
{
  const SecField *field = &ui->form->entity->fields[ui->index];
  g_autofree char *text = read_input (ui);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&ui->error, g_free);
  if (!sec_field_parse (ui->form->record, ui->index, text, &error))
    ui->error = g_strdup (error->message);
  else if (field->required && sec_record_get_nth (ui->form->record, ui->index) == NULL)
    ui->error = g_strdup_printf (_("%s is required"), _(field->label));
  show_error (ui);
}

static FieldUi *
find_field (SecRecordForm *self,
            const char    *name)
{
  int i = sec_entity_field_index (self->entity, name);
  return i < 0 || self->fields[i].row == NULL ? NULL : &self->fields[i];
}

/* The rules between fields (an end before its start) are shown beside the
 * later field, once both are valid on their own. */
static void
check_rules (SecRecordForm *self)
{
  g_autoptr(GError) error = NULL;
  int bad = -1;

  if (self->rule_field >= 0)
    {
      FieldUi *old = &self->fields[self->rule_field];
      self->rule_field = -1;
      check_field (old);
    }
  if (!sec_record_form_is_valid (self) || sec_record_validate (self->record, &bad, &error) || bad < 0 ||
      self->fields[bad].row == NULL)
    return;
  sec_record_form_show_problem (self, (guint) bad, error->message);
}

/* Callbacks */

static void
on_input_changed (FieldUi *ui)
{
  SecRecordForm *self = ui->form;

  if (self->loading)
    return;
  ui->touched = TRUE;
  check_field (ui);
  if (ui->suggestions != NULL)
    update_suggestions (ui);
  /* Money is read in the minor units of the currency chosen next to it. */
  if (self->entity->fields[ui->index].type == SEC_FIELD_CURRENCY)
    for (guint i = 0; i < self->entity->n_fields; i++)
      if (self->entity->fields[i].type == SEC_FIELD_MONEY && self->fields[i].row != NULL)
        check_field (&self->fields[i]);
  check_rules (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Building */

static void
build (SecRecordForm *self)
{
  GtkWidget *group = NULL;

  self->fields = g_new0 (FieldUi, self->entity->n_fields);
  for (guint i = 0; i < self->entity->n_fields; i++)
    {
      const SecField *field = &self->entity->fields[i];
      FieldUi *ui = &self->fields[i];

      ui->form = self;
      ui->index = i;
      if (field->type == SEC_FIELD_PARENT || field->automatic)
        continue;
      if (group == NULL || field->section != NULL)
        {
          group = adw_preferences_group_new ();
          if (field->section != NULL)
            adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(field->section));
          gtk_widget_set_parent (group, GTK_WIDGET (self));
        }
      ui->row = make_row (ui, field);
      ui->error_row = make_error_row (ui);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ui->row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ui->error_row);
    }
  self->links = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->links, _("Linked Records"));
  gtk_widget_set_visible (GTK_WIDGET (self->links), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->links), GTK_WIDGET (self));
  self->link_rows = g_ptr_array_new ();
}

/* Links */

static void
on_link_activated (AdwActionRow *row)
{
  gtk_widget_activate_action (GTK_WIDGET (row), "win.show-record", "(ss)",
                              g_object_get_data (G_OBJECT (row), "entity"),
                              g_object_get_data (G_OBJECT (row), "id"));
}

static GtkWidget *
link_row (SecLink *link)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: how a linked record relates, then what it is: "Owns · Roadmap item" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), _(link->relation), _(link->entity->label));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->title ? link->title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "entity", (gpointer) link->entity->name);
  g_object_set_data_full (G_OBJECT (row), "id", g_strdup (link->id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_link_activated), NULL);
  return row;
}

/* The records linked to the one shown, each opened with a click. Records
 * inside another (sessions, participants) are edited in dialogs, from
 * which the window's pages are out of reach: they show none. */
static void
fill_links (SecRecordForm *self)
{
  g_autoptr(GPtrArray) links = NULL;

  for (guint i = 0; i < self->link_rows->len; i++)
    adw_preferences_group_remove (self->links, g_ptr_array_index (self->link_rows, i));
  g_ptr_array_set_size (self->link_rows, 0);
  if (self->store != NULL && self->record != NULL && self->entity->parent == NULL &&
      sec_record_get_id (self->record) != NULL)
    links = sec_links_for (self->store, self->record);
  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      GtkWidget *row = link_row (g_ptr_array_index (links, i));

      adw_preferences_group_add (self->links, row);
      g_ptr_array_add (self->link_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->links), self->link_rows->len > 0);
}

/* GObject */

static void
sec_record_form_dispose (GObject *object)
{
  SecRecordForm *self = SEC_RECORD_FORM (object);
  GtkWidget *child;

  for (guint i = 0; self->fields != NULL && i < self->entity->n_fields; i++)
    g_clear_pointer (&self->fields[i].suggestions, gtk_widget_unparent);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->link_rows, g_ptr_array_unref);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (sec_record_form_parent_class)->dispose (object);
}

static void
sec_record_form_finalize (GObject *object)
{
  SecRecordForm *self = SEC_RECORD_FORM (object);

  for (guint i = 0; self->fields != NULL && i < self->entity->n_fields; i++)
    {
      g_free (self->fields[i].error);
      g_clear_pointer (&self->fields[i].codes, g_ptr_array_unref);
    }
  g_free (self->fields);
  g_clear_object (&self->record);
  g_clear_object (&self->original);
  G_OBJECT_CLASS (sec_record_form_parent_class)->finalize (object);
}

static void
sec_record_form_class_init (SecRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sec_record_form_dispose;
  object_class->finalize = sec_record_form_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sec_record_form_init (SecRecordForm *self)
{
  self->rule_field = -1;
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
}

/* Another writer changed the record shown */

/* Takes @stored, the record as the store holds it now, as the one this
 * form edits: the fields not changed here show its values, the changes
 * made here stay. TRUE when it differs from what the form shows. */
static gboolean
take_stored (SecRecordForm *self,
             SecRecord     *stored)
{
  gboolean differs = FALSE;

  self->loading = TRUE;
  for (guint i = 0; i < self->entity->n_fields; i++)
    {
      FieldUi *ui = &self->fields[i];
      const char *was = sec_record_get_nth (self->original, i);
      const char *now = sec_record_get_nth (stored, i);
      const char *mine = sec_record_get_nth (self->record, i);
      gboolean changed_here = g_strcmp0 (was, mine) != 0 || (ui->row != NULL && ui->error != NULL);
      g_autofree char *text = NULL;

      if (g_strcmp0 (was, now) == 0 || g_strcmp0 (now, mine) == 0)
        continue;
      differs = TRUE;
      if (changed_here)
        continue;
      sec_record_set_nth (self->record, i, now);
      if (ui->row == NULL)
        continue;
      text = sec_field_format (self->record, i);
      write_input (ui, text);
    }
  self->loading = FALSE;
  g_set_object (&self->original, stored);
  return differs;
}

/* The record being edited here changed in the store: another office's
 * change came in with a sync, or the command line wrote the file. An
 * unchanged form is the editor's to show again; one with changes keeps
 * them, takes the rest and says so. */
static void
on_store_changed (SecStore        *store,
                  const SecEntity *entity,
                  const char      *id,
                  SecRecordForm   *self)
{
  const char *shown = self->original ? sec_record_get_id (self->original) : NULL;
  g_autoptr(SecRecord) stored = NULL;

  if (entity != self->entity || shown == NULL || (id != NULL && g_strcmp0 (id, shown) != 0) ||
      !sec_record_form_is_modified (self))
    return;
  stored = sec_store_load (store, entity, shown, NULL);
  if (stored == NULL)
    gtk_label_set_text (GTK_LABEL (self->notice), _("This record was deleted elsewhere while you edited it."));
  else if (take_stored (self, stored))
    gtk_label_set_text (GTK_LABEL (self->notice),
                        _("This record changed elsewhere while you edited it: the fields you did not change "
                          "show the new values, and your changes are kept."));
  else
    return;
  gtk_widget_set_visible (self->notice, TRUE);
}

/* Public API */

SecRecordForm *
sec_record_form_new (const SecEntity *entity)
{
  SecRecordForm *self = g_object_new (SEC_TYPE_RECORD_FORM, NULL);

  self->entity = entity;
  self->notice = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_widget_add_css_class (self->notice, "accent");
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_widget_set_parent (self->notice, GTK_WIDGET (self));
  build (self);
  return self;
}

/* The store to take suggestions from (an organisation's members). */
void
sec_record_form_set_store (SecRecordForm *self,
                           SecStore      *store)
{
  g_return_if_fail (SEC_IS_RECORD_FORM (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  for (guint i = 0; i < self->entity->n_fields; i++)
    {
      FieldUi *ui = &self->fields[i];
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

      if (self->entity->fields[i].type != SEC_FIELD_REFERENCE || ui->row == NULL)
        continue;
      g_clear_pointer (&ui->codes, g_ptr_array_unref);
      collect_choices (ui, &self->entity->fields[i], labels);
      self->loading = TRUE;
      gtk_drop_down_set_model (GTK_DROP_DOWN (ui->input), G_LIST_MODEL (labels));
      write_input (ui, self->record ? sec_record_get_nth (self->record, i) : NULL);
      self->loading = FALSE;
    }
  fill_links (self);
}

/* How many records are offered under @field now. */
guint
sec_record_form_get_n_suggestions (SecRecordForm *self,
                                   const char    *field)
{
  FieldUi *ui;
  guint n = 0;

  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), 0);
  ui = find_field (self, field);
  for (GtkWidget *row = ui && ui->suggestion_list ? gtk_widget_get_first_child (GTK_WIDGET (ui->suggestion_list)) : NULL;
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* Chooses the suggestion at @position under @field, as a click would. */
void
sec_record_form_choose_suggestion (SecRecordForm *self,
                                   const char    *field,
                                   guint          position)
{
  FieldUi *ui;
  GtkListBoxRow *row;

  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  ui = find_field (self, field);
  g_return_if_fail (ui != NULL && ui->suggestion_list != NULL);
  if ((row = gtk_list_box_get_row_at_index (ui->suggestion_list, (int) position)) != NULL)
    on_suggestion_chosen (ui->suggestion_list, row, ui);
}

/* Shows a copy of @record; the record itself is not changed. */
void
sec_record_form_set_record (SecRecordForm *self,
                            SecRecord     *record)
{
  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  g_return_if_fail (sec_record_get_entity (record) == self->entity);

  g_set_object (&self->original, record);
  g_clear_object (&self->record);
  self->record = sec_record_copy (record);
  self->rule_field = -1;
  gtk_widget_set_visible (self->notice, FALSE);
  self->loading = TRUE;
  for (guint i = 0; i < self->entity->n_fields; i++)
    {
      FieldUi *ui = &self->fields[i];
      g_autofree char *text = NULL;

      if (ui->row == NULL)
        continue;
      text = sec_field_format (self->record, i);
      write_input (ui, text);
      ui->touched = FALSE;
      g_clear_pointer (&ui->error, g_free);
      show_error (ui);
    }
  self->loading = FALSE;
  fill_links (self);
}

/* The working copy, with every valid change made so far. */
SecRecord *
sec_record_form_get_record (SecRecordForm *self)
{
  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), NULL);
  return self->record;
}

/* Checks every field and shows every problem; TRUE when all is well. */
gboolean
sec_record_form_validate (SecRecordForm *self)
{
  gboolean valid = TRUE;
  FieldUi *first_bad = NULL;

  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), FALSE);

  for (guint i = 0; i < self->entity->n_fields; i++)
    {
      FieldUi *ui = &self->fields[i];

      if (ui->row == NULL)
        continue;
      ui->touched = TRUE;
      check_field (ui);
      if (ui->error != NULL && first_bad == NULL)
        first_bad = ui;
      valid = valid && ui->error == NULL;
    }
  if (valid)
    check_rules (self);
  valid = valid && self->rule_field < 0;
  if (first_bad == NULL && self->rule_field >= 0)
    first_bad = &self->fields[self->rule_field];
  if (first_bad != NULL)
    gtk_widget_grab_focus (first_bad->input);
  return valid;
}

gboolean
sec_record_form_is_valid (SecRecordForm *self)
{
  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), FALSE);

  for (guint i = 0; i < self->entity->n_fields; i++)
    if (self->fields[i].error != NULL)
      return FALSE;
  return TRUE;
}

gboolean
sec_record_form_is_modified (SecRecordForm *self)
{
  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), FALSE);
  /* Text that does not parse is not in the record, but it is a change. */
  return self->original == NULL || !sec_record_equal (self->original, self->record) ||
         !sec_record_form_is_valid (self);
}

/* Writes into @target the fields changed in the form since it showed its
 * record, and only those: a field another office changed meanwhile in the
 * store keeps its new value. */
void
sec_record_form_apply_changes (SecRecordForm *self,
                               SecRecord     *target)
{
  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  g_return_if_fail (sec_record_get_entity (target) == self->entity);

  for (guint i = 0; i < self->entity->n_fields; i++)
    if (self->original == NULL ||
        g_strcmp0 (sec_record_get_nth (self->original, i), sec_record_get_nth (self->record, i)) != 0)
      sec_record_set_nth (target, i, sec_record_get_nth (self->record, i));
}

/* Shows @message beside field @index, as a problem found elsewhere (a rule
 * between records), and takes the keyboard there so that the field scrolls
 * into view; the next change to that field clears it. */
void
sec_record_form_show_problem (SecRecordForm *self,
                              guint          index,
                              const char    *message)
{
  FieldUi *ui;

  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  g_return_if_fail (index < self->entity->n_fields);

  ui = &self->fields[index];
  if (ui->row == NULL)
    return;
  g_free (ui->error);
  ui->error = g_strdup (message);
  ui->touched = TRUE;
  self->rule_field = (int) index;
  show_error (ui);
  gtk_widget_grab_focus (ui->input);
}

/* Hides the group that holds @field and every group after it: what a
 * record of one kind does not have (a break has no minutes). */
void
sec_record_form_hide_from (SecRecordForm *self,
                           const char    *field)
{
  int first;

  g_return_if_fail (SEC_IS_RECORD_FORM (self));

  first = sec_entity_field_index (self->entity, field);
  for (guint i = (guint) MAX (first, 0); first >= 0 && i < self->entity->n_fields; i++)
    if (self->fields[i].row != NULL)
      gtk_widget_set_visible (gtk_widget_get_ancestor (self->fields[i].row, ADW_TYPE_PREFERENCES_GROUP), FALSE);
}

/* Makes sec_record_form_save() write with @writer rather than save the
 * record alone: to carry a decision into other records, say. */
void
sec_record_form_set_writer (SecRecordForm   *self,
                            SecRecordWriter  writer)
{
  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  self->writer = writer;
}

/**
 * sec_record_form_save:
 *
 * Writes the fields this form changed onto the record as stored now (or
 * writes the new record), after every check of the store, those between
 * records too. Nothing is written unless all is well.
 *
 * Returns: whether the record was written. When not, each problem is shown
 * beside its field; one that belongs to no field is in @error.
 */
gboolean
sec_record_form_save (SecRecordForm  *self,
                      GError        **error)
{
  g_autoptr(SecRecord) current = NULL;
  g_autoptr(GError) local_error = NULL;
  SecRecord *record;
  int bad = -1;

  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), FALSE);
  g_return_val_if_fail (self->store != NULL && self->record != NULL, FALSE);

  if (!sec_record_form_validate (self))
    return FALSE;
  current = sec_store_load (self->store, self->entity, sec_record_get_id (self->record), NULL);
  if (current != NULL)
    sec_record_form_apply_changes (self, current);
  record = current ? current : self->record;
  if (self->writer != NULL ? self->writer (self->store, record, &bad, &local_error)
      : sec_store_check (self->store, record, &bad, &local_error) && sec_store_save (self->store, record, &local_error))
    return TRUE;
  if (bad >= 0)
    sec_record_form_show_problem (self, (guint) bad, local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

GtkWidget *
sec_record_form_get_input (SecRecordForm *self,
                           const char    *field)
{
  FieldUi *ui;

  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), NULL);
  ui = find_field (self, field);
  return ui ? ui->input : NULL;
}

/* The problem shown under @field, or %NULL. */
const char *
sec_record_form_get_error (SecRecordForm *self,
                           const char    *field)
{
  FieldUi *ui;

  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), NULL);
  ui = find_field (self, field);
  return ui && ui->touched ? ui->error : NULL;
}

void
sec_record_form_focus (SecRecordForm *self,
                       const char    *field)
{
  FieldUi *ui;

  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  if ((ui = find_field (self, field)) != NULL)
    gtk_widget_grab_focus (ui->input);
}

/* How many linked records the form shows. */
guint
sec_record_form_get_n_links (SecRecordForm *self)
{
  g_return_val_if_fail (SEC_IS_RECORD_FORM (self), 0);
  return self->link_rows->len;
}

/* Opens the linked record at @position, as a click would. */
void
sec_record_form_follow_link (SecRecordForm *self,
                             guint          position)
{
  g_return_if_fail (SEC_IS_RECORD_FORM (self));
  g_return_if_fail (position < self->link_rows->len);
  on_link_activated (g_ptr_array_index (self->link_rows, position));
}
