/* sec-members-page.c: the member registry
 *
 * A searchable, filterable, sortable column view over a SecQueryModel, with
 * the editor in a flap beside it and an empty state with the first actions.
 * Sorting and filtering go to the model as SQL; the view never sorts.
 */

#include <glib/gi18n.h>

#include "sec-csv.h"
#include "sec-field.h"
#include "sec-import-dialog.h"
#include "sec-iso-codes.h"
#include "sec-json.h"
#include "sec-member-editor.h"
#include "sec-member-status.h"
#include "sec-members-page.h"
#include "sec-window.h"

typedef struct {
  const char *field;
  const char *title;
  gboolean    expand;
  gboolean    when_wide;   /* hidden when the window is narrow */
} ColumnSpec;

static const ColumnSpec columns[] = {
  { "name", N_("Name"), TRUE, FALSE },
  { "acronym", N_("Acronym"), FALSE, TRUE },
  { "country", N_("Country"), FALSE, FALSE },
  { "kind", N_("Kind"), FALSE, TRUE },
  { "status", N_("Status"), FALSE, FALSE },
  { "dues_paid_until", N_("Dues Paid Until"), FALSE, TRUE },
};

struct _SecMembersPage
{
  GtkWidget           parent_instance;

  GtkStack           *main_stack;
  GtkStack           *results_stack;
  AdwFlap            *flap;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_filter;
  GtkDropDown        *country_filter;
  GtkDropDown        *kind_filter;
  GtkLabel           *summary_label;
  GtkColumnView      *column_view;
  SecMemberEditor    *editor;

  SecStore           *store;
  GSettings          *settings;
  SecQueryModel      *model;
  GtkSingleSelection *selection;
  GSimpleActionGroup *actions;
  GStrv               countries;      /* codes behind country_filter, after "All" */
  const char         *probed_field;   /* set while finding the sorted column */
  char               *deleted_id;     /* for undo */
  char               *next_id;        /* to open once unsaved changes are settled */
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (SecMembersPage, sec_members_page, GTK_TYPE_WIDGET)

/* Helpers */

static void
show_toast (SecMembersPage *self,
            AdwToast       *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SEC_IS_WINDOW (root))
    sec_window_add_toast (SEC_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_text (SecMembersPage *self,
            const char     *text)
{
  show_toast (self, adw_toast_new (text));
}

static char *
cell_text (SecMembersPage *self,
           SecRecord      *record,
           const char     *field)
{
  int index = sec_entity_field_index (&sec_entity_member, field);

  if (index < 0)   /* computed */
    return g_strdup (sec_member_status_label (sec_store_member_status (self->store, record)));
  return sec_field_display (record, (guint) index);
}

static void
update_summary (SecMembersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint countries = (guint) sec_query_model_count_distinct (self->model, "country");
  g_autofree char *members_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);
  g_autofree char *countries_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country", "%u countries", countries), countries);
  g_autofree char *summary = g_strdup_printf (C_("summary", "%s in %s"), members_text, countries_text);

  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    sec_store_count (self->store, &sec_entity_member) > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "table" : "no-results");
}

static GtkStringList *
strings_with_all (const char *all)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, all);
  return list;
}

/* The country filter offers the countries the registry has. */
static void
fill_country_filter (SecMembersPage *self)
{
  g_autoptr(GtkStringList) list = strings_with_all (_("All Countries"));
  const char *selected = NULL;
  guint position = 0, current = gtk_drop_down_get_selected (self->country_filter);
  g_auto(GStrv) old = g_steal_pointer (&self->countries);

  if (old != NULL && current > 0 && current <= g_strv_length (old))
    selected = old[current - 1];
  self->countries = sec_store_distinct (self->store, &sec_entity_member, "country");
  for (guint i = 0; self->countries[i] != NULL; i++)
    {
      const char *name = sec_iso_country_name (self->countries[i]);
      gtk_string_list_append (list, name ? name : self->countries[i]);
      if (g_strcmp0 (self->countries[i], selected) == 0)
        position = i + 1;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->country_filter, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->country_filter, position);
  self->updating = FALSE;
}

static void
fill_choice_filter (GtkDropDown     *dropdown,
                    const char      *all,
                    const SecChoice *choices)
{
  g_autoptr(GtkStringList) list = strings_with_all (all);

  for (const SecChoice *c = choices; c->id != NULL; c++)
    gtk_string_list_append (list, _(c->label));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static const char *
choice_at (GtkDropDown     *dropdown,
           const SecChoice *choices)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : choices[selected - 1].id;
}

static void
select_member (SecMembersPage *self,
               const char     *id)
{
  int position = id ? sec_query_model_find (self->model, id) : -1;

  self->updating = TRUE;
  gtk_single_selection_set_selected (self->selection, position < 0 ? GTK_INVALID_LIST_POSITION : (guint) position);
  self->updating = FALSE;
  if (position >= 0)
    gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", (guint) position);
}

static void
open_editor_now (SecMembersPage *self,
                 const char     *id)
{
  sec_member_editor_edit (self->editor, id);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (id == NULL)
    sec_record_form_focus (sec_member_editor_get_form (self->editor), "name");
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     SecMembersPage   *self)
{
  g_autofree char *next_id = g_steal_pointer (&self->next_id);

  if (g_str_equal (response, "save") && !sec_member_editor_save (self->editor))
    response = "cancel";
  if (g_str_equal (response, "cancel"))
    {
      select_member (self, sec_member_editor_get_id (self->editor));
      return;
    }
  select_member (self, *next_id ? next_id : NULL);
  open_editor_now (self, *next_id ? next_id : NULL);
}

/* Opens @id (or a new member if %NULL) in the editor; when the editor holds
 * changes not saved yet, asks first what to do with them. */
static void
open_editor (SecMembersPage *self,
             const char     *id)
{
  AdwMessageDialog *dialog;
  const char *name;

  if (!adw_flap_get_reveal_flap (self->flap) || !sec_member_editor_is_modified (self->editor) ||
      (id != NULL && g_strcmp0 (id, sec_member_editor_get_id (self->editor)) == 0))
    {
      open_editor_now (self, id);
      return;
    }
  g_free (self->next_id);
  self->next_id = g_strdup (id ? id : "");
  name = sec_record_get (sec_record_form_get_record (sec_member_editor_get_form (self->editor)), "name");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” has changes that are not saved yet."),
                                  name ? name : _("The new member"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_editor (SecMembersPage *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  select_member (self, NULL);
}

/* Undo is only enabled while its toast shows, so that Ctrl+Z reaches the
 * text entries the rest of the time. */
static void
set_deleted_id (SecMembersPage *self,
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
on_undo_toast_dismissed (SecMembersPage *self)
{
  set_deleted_id (self, NULL);
}

static void
delete_member (SecMembersPage *self,
               const char     *member_id)
{
  /* The id may belong to a row that the delete itself removes. */
  g_autofree char *id = g_strdup (member_id);
  g_autoptr(SecRecord) member = sec_store_load (self->store, &sec_entity_member, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (member == NULL)
    return;
  if (!sec_store_delete (self->store, &sec_entity_member, id, &error))
    {
      toast_text (self, error->message);
      return;
    }
  if (g_strcmp0 (sec_member_editor_get_id (self->editor), id) == 0)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  set_deleted_id (self, id);
  title = g_strdup_printf (_("“%s” deleted"), sec_record_get (member, "name"));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "members.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, G_CONNECT_SWAPPED);
  show_toast (self, toast);
}

/* Sorting
 *
 * GTK 4.8 cannot tell which column the user sorted by, so each column gets
 * a sorter that only notes its own name: comparing two items with the view's
 * sorter reaches the primary column's sorter first, and the view inverts
 * its answer when the order is descending. */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const char **field = user_data;
  SecMembersPage *self = g_object_get_data (G_OBJECT (a), "page");

  self->probed_field = *field;
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (GtkSorter      *sorter,
                   GtkSorterChange change,
                   SecMembersPage *self)
{
  g_autoptr(SecRecord) a = sec_record_new (&sec_entity_member);
  g_autoptr(SecRecord) b = sec_record_new (&sec_entity_member);
  GtkOrdering order;

  g_object_set_data (G_OBJECT (a), "page", self);
  self->probed_field = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  sec_query_model_set_sort (self->model, self->probed_field ? self->probed_field : "name",
                            order == GTK_ORDERING_LARGER);
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "members-sort-column", self->probed_field ? self->probed_field : "name");
      g_settings_set_boolean (self->settings, "members-sort-descending", order == GTK_ORDERING_LARGER);
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
  const char *const *field = user_data;
  SecMembersPage *self = g_object_get_data (G_OBJECT (factory), "page");
  SecRecord *record = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (self, record, *field);
  g_autofree char *style = NULL;

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_css_classes (label, NULL);
  if (g_strcmp0 (*field, "status") == 0)
    {
      style = g_strdup_printf ("status-%s", sec_store_member_status (self->store, record));
      gtk_widget_add_css_class (label, "status");
      gtk_widget_add_css_class (label, style);
    }
  else if (g_strcmp0 (*field, "dues_paid_until") == 0 || g_strcmp0 (*field, "acronym") == 0)
    gtk_widget_add_css_class (label, "numeric");
}

static void
add_columns (SecMembersPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &columns[i].field);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (probe_compare, (gpointer) &columns[i].field, NULL)));
      g_object_set_data (G_OBJECT (column), "field", (gpointer) columns[i].field);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
restore_sort (SecMembersPage *self)
{
  g_autofree char *field = g_settings_get_string (self->settings, "members-sort-column");
  gboolean descending = g_settings_get_boolean (self->settings, "members-sort-descending");
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "field"), field) == 0)
        gtk_column_view_sort_by_column (self->column_view, column,
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
    }
}

/* Callbacks */

/* The flap folds when the window is too narrow for the list and the editor
 * side by side; then the list keeps only the columns that matter most. */
static void
on_flap_folded (SecMembersPage *self)
{
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  gboolean folded = adw_flap_get_folded (self->flap);

  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      gtk_column_view_column_set_visible (column, !(folded && columns[i].when_wide));
    }
}

static void
on_search_changed (SecMembersPage *self)
{
  sec_query_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_filter_changed (SecMembersPage *self)
{
  guint country;

  if (self->model == NULL || self->updating)
    return;
  country = gtk_drop_down_get_selected (self->country_filter);
  sec_query_model_set_filter (self->model, "status", choice_at (self->status_filter, sec_member_statuses));
  sec_query_model_set_filter (self->model, "kind",
                              choice_at (self->kind_filter, sec_entity_get_field (&sec_entity_member, "kind")->choices));
  sec_query_model_set_filter (self->model, "country",
                              country > 0 && country != GTK_INVALID_LIST_POSITION ? self->countries[country - 1] : NULL);
}

static void
on_selection_changed (SecMembersPage *self)
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
on_row_activated (SecMembersPage *self,
                  guint           position)
{
  g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (record != NULL)
    {
      open_editor (self, sec_record_get_id (record));
      sec_record_form_focus (sec_member_editor_get_form (self->editor), "name");
    }
}

static void
on_model_changed (SecMembersPage *self)
{
  update_summary (self);
}

static void
on_store_changed (SecMembersPage *self)
{
  fill_country_filter (self);
  update_summary (self);
}

static void
on_editor_saved (SecMembersPage *self,
                 const char     *id)
{
  select_member (self, id);
  toast_text (self, _("Member saved"));
}

static void
on_editor_closed (SecMembersPage *self)
{
  close_editor (self);
}

static void
on_editor_delete (SecMembersPage *self,
                  const char     *id)
{
  delete_member (self, id);
}

/* Actions */

static void
new_activated (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  SecMembersPage *self = user_data;

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  if (!sec_member_editor_is_modified (self->editor))
    select_member (self, NULL);
  open_editor (self, NULL);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  SecMembersPage *self = user_data;
  SecRecord *record = gtk_single_selection_get_selected_item (self->selection);

  if (record != NULL)
    delete_member (self, sec_record_get_id (record));
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SecMembersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->deleted_id);

  if (id == NULL)
    return;
  set_deleted_id (self, NULL);
  if (!sec_store_restore (self->store, &sec_entity_member, id, &error))
    toast_text (self, error->message);
  else
    select_member (self, id);
}

static void
find_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SecMembersPage *self = user_data;

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
load_sample_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  SecMembersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint added = sec_store_load_sample (self->store, &error);

  if (error != NULL)
    text = g_strdup_printf (_("Cannot load the sample network: %s"), error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u member or event from the sample network",
                                         "Added %u members and events from the sample network", added), added);
  toast_text (self, text);
}

static void
on_import_file_chosen (GtkNativeDialog *chooser,
                       int              response,
                       SecMembersPage  *self)
{
  g_autoptr(GFile) file = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    sec_import_dialog_run (GTK_WINDOW (root), self->store, self->settings, file);
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
choose_csv_file (SecMembersPage *self,
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
                       SecMembersPage  *self)
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
  { "import", import_activated },
  { "export", export_activated },
  { "load-sample", load_sample_activated },
};

/* GObject */

static void
sec_members_page_dispose (GObject *object)
{
  SecMembersPage *self = SEC_MEMBERS_PAGE (object);

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
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_MEMBERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->countries, g_strfreev);
  g_clear_pointer (&self->deleted_id, g_free);
  g_clear_pointer (&self->next_id, g_free);

  G_OBJECT_CLASS (sec_members_page_parent_class)->dispose (object);
}

static void
sec_members_page_class_init (SecMembersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_members_page_dispose;

  g_type_ensure (SEC_TYPE_MEMBER_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, flap);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, country_filter);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SecMembersPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_closed);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_delete);
}

static void
sec_members_page_init (SecMembersPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions, G_N_ELEMENTS (page_actions), self);
  set_deleted_id (self, NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "members", G_ACTION_GROUP (self->actions));

  fill_choice_filter (self->status_filter, _("All Statuses"), sec_member_statuses);
  fill_choice_filter (self->kind_filter, _("All Kinds"), sec_entity_get_field (&sec_entity_member, "kind")->choices);
  add_columns (self);
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (on_flap_folded), self);
  on_flap_folded (self);

  /* Delete removes the selected member only while the list has the focus,
   * so that the key still deletes text in the entries. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0), gtk_named_action_new ("members.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
}

/* Public API */

void
sec_members_page_set_store (SecMembersPage *self,
                            SecStore       *store,
                            GSettings      *settings)
{
  g_return_if_fail (SEC_IS_MEMBERS_PAGE (self));
  g_return_if_fail (SEC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->model = sec_query_model_new (store, &sec_entity_member);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  sec_member_editor_set_store (self->editor, store);

  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect_swapped (store, "changed::member", G_CALLBACK (on_store_changed), self);
  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed", G_CALLBACK (on_sorter_changed), self);
  restore_sort (self);
  fill_country_filter (self);
  update_summary (self);
}

GActionGroup *
sec_members_page_get_actions (SecMembersPage *self)
{
  g_return_val_if_fail (SEC_IS_MEMBERS_PAGE (self), NULL);
  return G_ACTION_GROUP (self->actions);
}

SecQueryModel *
sec_members_page_get_model (SecMembersPage *self)
{
  g_return_val_if_fail (SEC_IS_MEMBERS_PAGE (self), NULL);
  return self->model;
}

const char *
sec_members_page_get_summary (SecMembersPage *self)
{
  g_return_val_if_fail (SEC_IS_MEMBERS_PAGE (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/* Selects the member @id and opens it in the editor. */
void
sec_members_page_show_member (SecMembersPage *self,
                              const char     *id)
{
  g_return_if_fail (SEC_IS_MEMBERS_PAGE (self));

  gtk_stack_set_visible_child_name (self->main_stack, "list");
  select_member (self, id);
  open_editor (self, id);
}

SecMemberEditor *
sec_members_page_get_editor (SecMembersPage *self)
{
  g_return_val_if_fail (SEC_IS_MEMBERS_PAGE (self), NULL);
  return self->editor;
}

GtkSearchEntry *
sec_members_page_get_search_entry (SecMembersPage *self)
{
  g_return_val_if_fail (SEC_IS_MEMBERS_PAGE (self), NULL);
  return self->search_entry;
}
