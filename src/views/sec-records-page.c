/* sec-records-page.c: a page listing the records of one entity
 *
 * A searchable, filterable, sortable column view over a SecQueryModel, the
 * entity's editor in a flap beside it, an empty state with the first
 * actions, and delete with undo. Everything that differs between members
 * and events is in the page's SecPageSpec. Sorting and filtering go to the
 * model as SQL; the view never sorts.
 */

#include <glib/gi18n.h>

#include "sec-csv.h"
#include "sec-field.h"
#include "sec-import-dialog.h"
#include "sec-iso-codes.h"
#include "sec-json.h"
#include "sec-member-status.h"
#include "sec-records-page.h"
#include "sec-window.h"

typedef struct {
  const SecFilterSpec *spec;
  GtkDropDown         *dropdown;
  GStrv                values;    /* stored values behind the items after "All" */
} Filter;

struct _SecRecordsPage
{
  GtkWidget           parent_instance;

  GtkStack           *main_stack;
  GtkStack           *results_stack;
  AdwFlap            *flap;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  GtkWidget          *add_button;
  GtkWidget          *import_button;
  GtkWidget          *sample_button;
  GtkSearchEntry     *search_entry;
  GtkFlowBox         *filter_box;       /* wraps when the window is narrow */
  GtkLabel           *summary_label;
  GtkColumnView      *column_view;

  const SecPageSpec  *spec;
  SecEditorFactory    new_editor;
  SecEditor          *editor;           /* built when first opened */
  int                 window_width;
  SecStore           *store;
  GSettings          *settings;
  SecQueryModel      *model;
  SecQueryModel      *scope;          /* the page's records, unsearched; or NULL */
  GtkSingleSelection *selection;
  GSimpleActionGroup *actions;
  GArray             *filters;        /* Filter */
  const char         *probed_field;   /* set while finding the sorted column */
  char               *deleted_id;     /* for undo */
  char               *next_id;        /* to open once unsaved changes are settled */
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (SecRecordsPage, sec_records_page, GTK_TYPE_WIDGET)

/* The list's own width request, in sec-records-page.ui, and the margins
 * around the page. */
#define LIST_MIN_WIDTH (360 + 24)

static void on_editor_saved  (SecRecordsPage *self,
                              const char     *id);
static void on_editor_closed (SecRecordsPage *self);
static void on_editor_delete (SecRecordsPage *self,
                              const char     *id);

/* Helpers */

static void
show_toast (SecRecordsPage *self,
            AdwToast       *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SEC_IS_WINDOW (root))
    sec_window_add_toast (SEC_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_text (SecRecordsPage *self,
            const char     *text)
{
  show_toast (self, adw_toast_new (text));
}

static char *
settings_key (SecRecordsPage *self,
              const char     *what)
{
  return g_strdup_printf ("%s-sort-%s", self->spec->settings_prefix, what);
}

static const char *
record_title (SecRecord *record)
{
  return sec_record_get (record, sec_entity_title_field (sec_record_get_entity (record))->name);
}

/* The title of the record a reference points to. */
static char *
reference_title (SecRecordsPage *self,
                 const SecField *field,
                 const char     *id)
{
  g_autoptr(SecRecord) target = id ? sec_store_load (self->store, field->suggest, id, NULL) : NULL;

  return target ? g_strdup (sec_record_get (target, sec_entity_title_field (field->suggest)->name)) : NULL;
}

/* The stored value of a cell: a field's, or a computed one's. */
static char *
cell_value (SecRecordsPage *self,
            SecRecord      *record,
            const char     *name)
{
  const SecEntity *entity = sec_record_get_entity (record);

  if (sec_entity_get_field (entity, name) != NULL)
    return g_strdup (sec_record_get (record, name));
  if (entity == &sec_entity_member && g_strcmp0 (name, "status") == 0)
    return g_strdup (sec_store_member_status (self->store, record));   /* no SQL a row */
  return sec_store_computed (self->store, record, name);
}

static char *
cell_text (SecRecordsPage *self,
           SecRecord      *record,
           const char     *name)
{
  const SecEntity *entity = sec_record_get_entity (record);
  const SecField *field = sec_entity_get_field (entity, name);
  const SecComputed *computed = sec_entity_get_computed (entity, name);
  g_autofree char *value = NULL;

  if (field != NULL && field->type == SEC_FIELD_REFERENCE)
    return reference_title (self, field, sec_record_get (record, name));
  if (field != NULL)
    return sec_field_display (record, (guint) sec_entity_field_index (entity, name));
  value = cell_value (self, record, name);
  for (const SecChoice *c = computed && computed->choices ? computed->choices : NULL; c && c->id; c++)
    if (g_strcmp0 (c->id, value) == 0)
      return g_strdup (_(c->label));
  return g_steal_pointer (&value);
}

/* "34 members": the spec's plural forms each hold one %u. */
static char *
count_text (SecRecordsPage *self,
            guint           n)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, self->spec->one, self->spec->many, n), n);
#pragma GCC diagnostic pop
}

static gboolean
has_records (SecRecordsPage *self)
{
  if (self->scope != NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (self->scope)) > 0;
  return sec_store_count (self->store, self->spec->entity) > 0;
}

static void
update_summary (SecRecordsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean by_country = sec_entity_get_field (self->spec->entity, "country") != NULL;
  /* Asked first: a large list then counts them as its rows load. */
  gint64 countries = by_country ? sec_query_model_count_distinct (self->model, "country") : 0;
  g_autofree char *records = NULL;
  g_autofree char *summary = NULL;

  gtk_stack_set_visible_child_name (self->main_stack, n > 0 || has_records (self) ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "table" : "no-results");
  /* A large answer's rows are still arriving. */
  if (sec_query_model_is_loading (self->model) || countries < 0)
    {
      gtk_label_set_text (self->summary_label, C_("summary", "Counting…"));
      return;
    }

  records = count_text (self, n);
  if (by_country && countries > 0)   /* "in 0 countries" says nothing */
    {
      g_autofree char *where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country", "%u countries",
                                                             (gulong) countries),
                                                (guint) countries);
      summary = g_strdup_printf (C_("summary", "%s in %s"), records, where);
    }
  gtk_label_set_text (self->summary_label, summary ? summary : records);
}

/* Filters */

static const SecChoice *
choices_of (SecRecordsPage *self,
            const char     *name)
{
  const SecField *field = sec_entity_get_field (self->spec->entity, name);
  const SecComputed *computed = sec_entity_get_computed (self->spec->entity, name);

  return field ? field->choices : computed ? computed->choices : NULL;
}

/* "1" to "17", the goals a filter on SDGs offers. */
static GStrv
sdg_numbers (void)
{
  GStrv numbers = g_new0 (char *, 18);

  for (guint n = 1; n <= 17; n++)
    numbers[n - 1] = g_strdup_printf ("%u", n);
  return numbers;
}

static char *
sdg_title (const char *number)
{
  guint64 n = g_ascii_strtoull (number, NULL, 10);

  /* Translators: a Sustainable Development Goal, "SDG 5: Gender equality" */
  return n >= 1 && n <= 17 ? g_strdup_printf (_("SDG %s: %s"), number, _(sec_sdg_names[n])) : NULL;
}

/* Choice filters list their labels; the others (countries, years) the
 * values the records have, so that no filter offers what would show
 * nothing. */
static void
fill_filter (SecRecordsPage *self,
             Filter         *filter)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  const SecChoice *choices = choices_of (self, filter->spec->field);
  const SecField *field = sec_entity_get_field (self->spec->entity, filter->spec->field);
  guint current = gtk_drop_down_get_selected (filter->dropdown), position = 0;
  const char *selected = filter->values && current > 0 && current <= g_strv_length (filter->values)
                         ? filter->values[current - 1] : NULL;
  g_auto(GStrv) distinct = choices ? NULL
                          : field && field->type == SEC_FIELD_SDGS ? sdg_numbers ()
                          : sec_store_distinct (self->store, self->spec->entity, filter->spec->field);
  g_auto(GStrv) old = NULL;

  gtk_string_list_append (list, _(filter->spec->all));
  for (guint i = 0; choices ? choices[i].id != NULL : distinct[i] != NULL; i++)
    {
      const char *value = choices ? choices[i].id : distinct[i];
      g_autofree char *title = field && field->type == SEC_FIELD_REFERENCE ? reference_title (self, field, value)
                               : field && field->type == SEC_FIELD_SDGS ? sdg_title (value) : NULL;
      const char *label = choices ? _(choices[i].label)
                          : title ? title
                          : field && field->type == SEC_FIELD_COUNTRY && sec_iso_country_name (value)
                          ? sec_iso_country_name (value) : value;

      gtk_string_list_append (list, label);
      g_strv_builder_add (values, value);
      if (g_strcmp0 (value, selected) == 0)
        position = i + 1;
    }
  old = g_steal_pointer (&filter->values);
  filter->values = g_strv_builder_end (values);
  self->updating = TRUE;
  gtk_drop_down_set_model (filter->dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (filter->dropdown, position);
  self->updating = FALSE;
}

static void
on_filter_changed (SecRecordsPage *self)
{
  if (self->model == NULL || self->updating)
    return;
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *filter = &g_array_index (self->filters, Filter, i);
      guint selected = gtk_drop_down_get_selected (filter->dropdown);

      sec_query_model_set_filter (self->model, filter->spec->field,
                                  selected > 0 && selected != GTK_INVALID_LIST_POSITION ? filter->values[selected - 1] : NULL);
    }
}

static void
add_filters (SecRecordsPage *self)
{
  for (const SecFilterSpec *spec = self->spec->filters; spec->field != NULL; spec++)
    {
      Filter filter = { spec, GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL)), NULL };

      gtk_drop_down_set_enable_search (filter.dropdown, sec_entity_get_field (self->spec->entity, spec->field) &&
                                       sec_entity_get_field (self->spec->entity, spec->field)->type == SEC_FIELD_COUNTRY);
      gtk_drop_down_set_expression (filter.dropdown, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (filter.dropdown), _(spec->all));
      gtk_accessible_update_property (GTK_ACCESSIBLE (filter.dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->all), -1);
      g_signal_connect_swapped (filter.dropdown, "notify::selected", G_CALLBACK (on_filter_changed), self);
      gtk_flow_box_append (self->filter_box, GTK_WIDGET (filter.dropdown));
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (filter.dropdown)), FALSE);
      g_array_append_val (self->filters, filter);
      fill_filter (self, &g_array_index (self->filters, Filter, self->filters->len - 1));
    }
}

static void
clear_filter (gpointer data)
{
  g_strfreev (((Filter *) data)->values);
}

/* The editor */

static void
select_record (SecRecordsPage *self,
               const char     *id)
{
  int position = id ? sec_query_model_find (self->model, id) : -1;

  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, position < 0 ? GTK_INVALID_LIST_POSITION : (guint) position);
  self->updating = FALSE;
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", (guint) position);
}

/* Sizes the editor for the window: as wide as the page asks beside the
 * list when there is room for both, else narrow enough to lie over the
 * list on a 360 px window. (A flap is as wide as its minimum.) */
static void
size_editor (SecRecordsPage *self)
{
  int wide = self->spec->editor_width > 0 ? self->spec->editor_width : 400;

  gtk_widget_set_size_request (GTK_WIDGET (self->editor),
                               self->window_width >= LIST_MIN_WIDTH + wide ? wide : 300, -1);
}

/* The editor, built the first time a record is opened: the window shows
 * sooner without four editors of forty to eighty controls each. */
static SecEditor *
editor (SecRecordsPage *self)
{
  if (self->editor != NULL)
    return self->editor;
  self->editor = self->new_editor ();
  adw_flap_set_flap (self->flap, GTK_WIDGET (self->editor));
  size_editor (self);
  sec_editor_set_store (self->editor, self->store);
  g_signal_connect_swapped (self->editor, "saved", G_CALLBACK (on_editor_saved), self);
  g_signal_connect_swapped (self->editor, "closed", G_CALLBACK (on_editor_closed), self);
  g_signal_connect_swapped (self->editor, "delete-requested", G_CALLBACK (on_editor_delete), self);
  return self->editor;
}

static void
open_editor_now (SecRecordsPage *self,
                 const char     *id)
{
  sec_editor_edit (editor (self), id);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (id == NULL)
    sec_record_form_focus (sec_editor_get_form (editor (self)), sec_entity_title_field (self->spec->entity)->name);
}

static void
close_editor_now (SecRecordsPage *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  select_record (self, NULL);
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     SecRecordsPage   *self)
{
  g_autofree char *next_id = g_steal_pointer (&self->next_id);

  if (g_str_equal (response, "save") && !sec_editor_save (editor (self)))
    response = "cancel";
  if (g_str_equal (response, "cancel"))
    {
      select_record (self, sec_editor_get_id (editor (self)));
      return;
    }
  if (next_id == NULL)
    {
      close_editor_now (self);
      return;
    }
  select_record (self, *next_id ? next_id : NULL);
  open_editor_now (self, *next_id ? next_id : NULL);
}

/* Asks what to do with the editor's changes before it shows another record
 * (self->next_id, "" for a new one) or, when next_id is %NULL, closes. */
static void
ask_about_changes (SecRecordsPage *self)
{
  const char *title = record_title (sec_record_form_get_record (sec_editor_get_form (editor (self))));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” has changes that are not saved yet."),
                                  title ? title : _("The new record"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
holds_changes (SecRecordsPage *self)
{
  return adw_flap_get_reveal_flap (self->flap) && sec_editor_is_modified (editor (self));
}

/* Opens @id (or a new record if %NULL) in the editor; when the editor holds
 * changes not saved yet, asks first what to do with them. */
static void
open_editor (SecRecordsPage *self,
             const char     *id)
{
  if (!holds_changes (self) || (id != NULL && g_strcmp0 (id, sec_editor_get_id (self->editor)) == 0))
    {
      open_editor_now (self, id);
      return;
    }
  g_free (self->next_id);
  self->next_id = g_strdup (id ? id : "");
  ask_about_changes (self);
}

/* Closes the editor (Escape, its close button); with changes not saved
 * yet, asks first. */
static void
close_editor (SecRecordsPage *self)
{
  if (!holds_changes (self))
    {
      close_editor_now (self);
      return;
    }
  g_clear_pointer (&self->next_id, g_free);
  ask_about_changes (self);
}

/* Delete and undo */

/* Undo is only enabled while its toast shows, so that Ctrl+Z reaches the
 * text entries the rest of the time. */
static void
set_deleted_id (SecRecordsPage *self,
                const char     *id)
{
  GAction *undo;

  if (self->actions == NULL)   /* the toast outlived the page */
    return;
  undo = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "undo");
  g_free (self->deleted_id);
  self->deleted_id = g_strdup (id);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), id != NULL);
}

static void
on_undo_toast_dismissed (SecRecordsPage *self)
{
  set_deleted_id (self, NULL);
}

static void
delete_record (SecRecordsPage *self,
               const char     *record_id)
{
  /* The id may belong to a row that the delete itself removes. */
  g_autofree char *id = g_strdup (record_id);
  g_autoptr(SecRecord) record = sec_store_load (self->store, self->spec->entity, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *action = NULL;
  AdwToast *toast;

  if (record == NULL)
    return;
  if (!sec_store_delete (self->store, self->spec->entity, id, &error))
    {
      toast_text (self, error->message);
      return;
    }
  if (self->editor != NULL && g_strcmp0 (sec_editor_get_id (self->editor), id) == 0)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  set_deleted_id (self, id);
  title = g_strdup_printf (_("“%s” deleted"), record_title (record));
  action = g_strdup_printf ("%s.undo", self->spec->actions);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

/* Sorting
 *
 * GTK 4.8 cannot tell which column the user sorted by, so each column gets
 * a sorter that only notes its own field: comparing two items with the
 * view's sorter reaches the primary column's sorter first, and the view
 * inverts its answer when the order is descending. */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SecColumnSpec *column = user_data;
  SecRecordsPage *self = g_object_get_data (G_OBJECT (a), "page");

  self->probed_field = column->field;
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (GtkSorter      *sorter,
                   GtkSorterChange change,
                   SecRecordsPage *self)
{
  g_autoptr(SecRecord) a = sec_record_new (self->spec->entity);
  g_autoptr(SecRecord) b = sec_record_new (self->spec->entity);
  g_autofree char *column_key = settings_key (self, "column");
  g_autofree char *descending_key = settings_key (self, "descending");
  const char *field;
  GtkOrdering order;

  g_object_set_data (G_OBJECT (a), "page", self);
  self->probed_field = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  field = self->probed_field ? self->probed_field : sec_entity_title_field (self->spec->entity)->name;
  sec_query_model_set_sort (self->model, field, order == GTK_ORDERING_LARGER);
  g_settings_set_string (self->settings, column_key, field);
  g_settings_set_boolean (self->settings, descending_key, order == GTK_ORDERING_LARGER);
}

static void
restore_sort (SecRecordsPage *self)
{
  g_autofree char *column_key = settings_key (self, "column");
  g_autofree char *descending_key = settings_key (self, "descending");
  g_autofree char *field = g_settings_get_string (self->settings, column_key);
  gboolean descending = g_settings_get_boolean (self->settings, descending_key);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      if (g_strcmp0 (self->spec->columns[i].field, field) == 0)
        gtk_column_view_sort_by_column (self->column_view, column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

/* Cells */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const SecColumnSpec *column = user_data;
  SecRecordsPage *self = g_object_get_data (G_OBJECT (factory), "page");
  SecRecord *record = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (self, record, column->field);
  const SecField *field = sec_entity_get_field (self->spec->entity, column->field);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_css_classes (label, NULL);
  if (g_strcmp0 (column->field, "status") == 0 || g_strcmp0 (column->field, "timing") == 0)
    {
      g_autofree char *value = cell_value (self, record, column->field);
      g_autofree char *style = g_strdup_printf ("status-%s", value);
      gtk_widget_add_css_class (label, "status");
      gtk_widget_add_css_class (label, style);
    }
  else if (field != NULL && (field->type == SEC_FIELD_DATE || field->type == SEC_FIELD_TIME))
    gtk_widget_add_css_class (label, "numeric");
}

static void
add_columns (SecRecordsPage *self)
{
  for (const SecColumnSpec *spec = self->spec->columns; spec->field != NULL; spec++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) spec);
      column = gtk_column_view_column_new (_(spec->title), factory);
      gtk_column_view_column_set_expand (column, spec->expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (probe_compare, (gpointer) spec, NULL)));
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* Callbacks */

/* The flap folds when the window is too narrow for the list and the editor
 * side by side; then the list keeps only the columns that matter most. */
static void
on_flap_folded (SecRecordsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean folded = adw_flap_get_folded (self->flap);

  for (guint i = 0; self->spec != NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      gtk_column_view_column_set_visible (column, !(folded && self->spec->columns[i].when_wide));
    }
}

static void
on_search_changed (SecRecordsPage *self)
{
  if (self->model != NULL)
    sec_query_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_selection_changed (SecRecordsPage *self)
{
  g_autoptr(SecRecord) record = NULL;

  if (self->updating)
    return;
  record = gtk_single_selection_get_selected_item (self->selection)
           ? g_object_ref (gtk_single_selection_get_selected_item (self->selection)) : NULL;
  if (record != NULL)
    open_editor (self, sec_record_get_id (record));
}

static void
on_row_activated (SecRecordsPage *self,
                  guint           position)
{
  g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (record != NULL)
    {
      open_editor (self, sec_record_get_id (record));
      sec_record_form_focus (sec_editor_get_form (editor (self)), sec_entity_title_field (self->spec->entity)->name);
    }
}

/* Enter in the search opens the first record found. */
static void
on_search_activated (SecRecordsPage *self)
{
  if (self->model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    on_row_activated (self, 0);
}

/* Escape in the search clears it. */
static void
on_search_stopped (SecRecordsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* A change to this page's records may bring new values to its filters
 * (a country, a year). Other records leave the page alone: on a registry
 * of a million members, a check-in must not recount its countries. */
static void
on_store_changed (SecStore        *store,
                  const SecEntity *entity,
                  const char      *id,
                  SecRecordsPage  *self)
{
  if (entity != self->spec->entity)
    return;
  for (guint i = 0; i < self->filters->len; i++)
    if (choices_of (self, g_array_index (self->filters, Filter, i).spec->field) == NULL)
      fill_filter (self, &g_array_index (self->filters, Filter, i));
  update_summary (self);
}

static void
on_editor_saved (SecRecordsPage *self,
                 const char     *id)
{
  select_record (self, id);
  toast_text (self, _("Saved"));
}

static void
on_editor_closed (SecRecordsPage *self)
{
  close_editor (self);
}

static void
on_editor_delete (SecRecordsPage *self,
                  const char     *id)
{
  delete_record (self, id);
}

/* Actions */

static void
new_activated (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  SecRecordsPage *self = user_data;

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  if (self->editor == NULL || !sec_editor_is_modified (self->editor))
    select_record (self, NULL);
  open_editor (self, NULL);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  SecRecordsPage *self = user_data;
  SecRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (record != NULL)
    delete_record (self, sec_record_get_id (record));
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SecRecordsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->deleted_id);

  if (id == NULL)
    return;
  set_deleted_id (self, NULL);
  if (!sec_store_restore (self->store, self->spec->entity, id, &error))
    toast_text (self, error->message);
  else
    select_record (self, id);
}

static void
find_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SecRecordsPage *self = user_data;

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
load_sample_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  SecRecordsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint before[SEC_NETWORK_KINDS];

  sec_count_network (self->store, before);
  sec_store_load_sample (self->store, &error);
  if (error != NULL)
    text = g_strdup_printf (_("Cannot load the sample network: %s"), error->message);
  else
    text = sec_count_sample_added (self->store, before);
  toast_text (self, text);
}

static void
on_import_file_chosen (GtkNativeDialog *chooser,
                       int              response,
                       SecRecordsPage  *self)
{
  g_autoptr(GFile) file = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    sec_import_dialog_run (GTK_WINDOW (root), self->store, self->settings, self->spec->entity, NULL, file);
  g_object_unref (chooser);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  return filter;
}

/* Asks for a CSV file to open, or to save as @save_name. */
static void
choose_csv_file (SecRecordsPage *self,
                 const char     *title,
                 const char     *save_name,
                 GCallback       on_chosen)
{
  GtkFileChooserAction action = save_name ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN;
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), action,
                                         save_name ? _("_Export") : _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), save_name);
  g_signal_connect (chooser, "response", on_chosen, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  choose_csv_file (user_data, _("Import Members"), NULL, G_CALLBACK (on_import_file_chosen));
}

static void
on_export_file_chosen (GtkNativeDialog *chooser,
                       int              response,
                       SecRecordsPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      path = g_file_get_path (file);
      if (sec_csv_export (self->store, path, &error))
        text = g_strdup_printf (_("Exported the registry to %s"), g_file_peek_path (file));
      else
        text = g_strdup_printf (_("Cannot export: %s"), error->message);
      toast_text (self, text);
    }
  g_object_unref (chooser);
}

static void
export_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  choose_csv_file (user_data, _("Export Members"), _("members.csv"), G_CALLBACK (on_export_file_chosen));
}

static const GActionEntry page_actions[] = {
  { "new", new_activated },
  { "delete", delete_activated },
  { "undo", undo_activated },
  { "find", find_activated },
  { "load-sample", load_sample_activated },
};

static const GActionEntry csv_actions[] = {
  { "import", import_activated },
  { "export", export_activated },
};

/* GObject */

static void
sec_records_page_dispose (GObject *object)
{
  SecRecordsPage *self = SEC_RECORDS_PAGE (object);

  /* Taking the view apart changes its sorter and selection: the page must
   * not hear of it. */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_RECORDS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->scope);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->filters, g_array_unref);
  g_clear_pointer (&self->deleted_id, g_free);
  g_clear_pointer (&self->next_id, g_free);

  G_OBJECT_CLASS (sec_records_page_parent_class)->dispose (object);
}

static void
sec_records_page_class_init (SecRecordsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_records_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, flap);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, sample_button);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SecRecordsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
sec_records_page_init (SecRecordsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filters = g_array_new (FALSE, TRUE, sizeof (Filter));
  g_array_set_clear_func (self->filters, clear_filter);
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (on_flap_folded), self);
}

/* Public API */

static void
set_up_actions (SecRecordsPage *self)
{
  GtkEventController *shortcuts;
  g_autofree char *action_prefix = g_strconcat (self->spec->actions, ".", NULL);
  g_autofree char *new_action = g_strconcat (action_prefix, "new", NULL);
  g_autofree char *import_action = g_strconcat (action_prefix, "import", NULL);
  g_autofree char *sample_action = g_strconcat (action_prefix, "load-sample", NULL);
  g_autofree char *delete_action = g_strconcat (action_prefix, "delete", NULL);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions, G_N_ELEMENTS (page_actions), self);
  if (self->spec->csv)
    g_action_map_add_action_entries (G_ACTION_MAP (self->actions), csv_actions, G_N_ELEMENTS (csv_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), self->spec->actions, G_ACTION_GROUP (self->actions));
  set_deleted_id (self, NULL);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), new_action);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->import_button), import_action);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sample_button), sample_action);
  gtk_widget_set_visible (self->import_button, self->spec->csv);

  /* Delete removes the selected record only while the list has the focus,
   * so that the key still deletes text in the entries. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0), gtk_named_action_new (delete_action)));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
}

static void
set_up_texts (SecRecordsPage *self)
{
  const SecPageSpec *spec = self->spec;

  adw_status_page_set_icon_name (self->empty_page, spec->empty_icon);
  adw_status_page_set_title (self->empty_page, _(spec->empty_title));
  adw_status_page_set_description (self->empty_page, _(spec->empty_description));
  adw_status_page_set_title (self->no_results_page, _(spec->no_results));
  adw_status_page_set_description (self->no_results_page, _("Try another search, or clear the filters."));
  gtk_button_set_label (GTK_BUTTON (self->add_button), _(spec->add_label));
  g_object_set (self->search_entry, "placeholder-text", _(spec->search_placeholder), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(spec->search_placeholder), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(spec->entity->label), -1);
}

/* Makes the page show @spec's entity from @store, with @editor beside the
 * list. Called once. */
void
sec_records_page_setup (SecRecordsPage    *self,
                        const SecPageSpec *spec,
                        SecEditorFactory   new_editor,
                        SecStore          *store,
                        GSettings         *settings)
{
  g_return_if_fail (SEC_IS_RECORDS_PAGE (self));
  g_return_if_fail (SEC_IS_STORE (store));
  g_return_if_fail (self->spec == NULL);

  self->spec = spec;
  self->new_editor = new_editor;
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->window_width = G_MAXINT;

  set_up_actions (self);
  set_up_texts (self);
  self->model = sec_query_model_new (store, spec->entity);
  if (spec->scope_field != NULL)
    {
      self->scope = sec_query_model_new (store, spec->entity);
      sec_query_model_set_filter (self->scope, spec->scope_field, spec->scope_value);
      sec_query_model_set_filter (self->model, spec->scope_field, spec->scope_value);
    }
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  add_filters (self);
  on_flap_folded (self);

  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (update_summary), self);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (on_sorter_changed), self);
  restore_sort (self);
  update_summary (self);
}

GActionGroup *
sec_records_page_get_actions (SecRecordsPage *self)
{
  g_return_val_if_fail (SEC_IS_RECORDS_PAGE (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

SecQueryModel *
sec_records_page_get_model (SecRecordsPage *self)
{
  g_return_val_if_fail (SEC_IS_RECORDS_PAGE (self), NULL);
  return self->model;
}

SecEditor *
sec_records_page_get_editor (SecRecordsPage *self)
{
  g_return_val_if_fail (SEC_IS_RECORDS_PAGE (self), NULL);
  return editor (self);
}

GtkSearchEntry *
sec_records_page_get_search_entry (SecRecordsPage *self)
{
  g_return_val_if_fail (SEC_IS_RECORDS_PAGE (self), NULL);
  return self->search_entry;
}

const char *
sec_records_page_get_summary (SecRecordsPage *self)
{
  g_return_val_if_fail (SEC_IS_RECORDS_PAGE (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/* Sizes the editor for a window @width wide. */
void
sec_records_page_fit_width (SecRecordsPage *self,
                            int             width)
{
  g_return_if_fail (SEC_IS_RECORDS_PAGE (self));
  self->window_width = width;
  if (self->editor != NULL)
    size_editor (self);
}

/* Selects the record @id and opens it in the editor. */
void
sec_records_page_show_record (SecRecordsPage *self,
                              const char     *id)
{
  g_return_if_fail (SEC_IS_RECORDS_PAGE (self));

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  select_record (self, id);
  open_editor (self, id);
}
