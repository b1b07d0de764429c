/* sec-import-dialog.c: CSV import with column mapping, progress and report
 *
 * Three steps in one window: choose the field of each column (remembered
 * for the next file with the same headings) and what to do with members
 * already there; watch the progress; read the report. The import runs in a
 * thread on its own connection to the same database file, as one
 * transaction, so the window stays responsive and a failed import changes
 * nothing.
 */

#include <glib/gi18n.h>

#include "sec-csv.h"
#include "sec-import-dialog.h"

struct _SecImportDialog
{
  AdwWindow          parent_instance;

  GtkStack          *stack;
  AdwPreferencesGroup *columns_group;
  AdwComboRow       *duplicates_row;
  AdwPreferencesGroup *duplicates_group;
  GtkProgressBar    *progress_bar;
  AdwStatusPage     *report_page;
  GtkWidget         *partial_button;
  GtkListBox        *rejected_list;
  GtkWidget         *import_button;
  GtkWidget         *cancel_button;

  SecStore          *store;
  GSettings         *settings;
  const SecEntity   *entity;
  char              *parent_id;     /* the event, for participants */
  GFile             *file;
  GStrv              header;
  GPtrArray         *column_rows;   /* AdwComboRow per header cell */
  gint               progress;      /* per mille, written by the import thread */
  guint              progress_id;
  char              *outcome;
};

G_DEFINE_FINAL_TYPE (SecImportDialog, sec_import_dialog, ADW_TYPE_WINDOW)

typedef struct {
  char              *path;
  GStrv              mapping;
  SecCsvDuplicates   duplicates;
  gboolean           accept_partial;
  gint              *progress;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_strfreev (job->mapping);
  g_free (job);
}

/* Helpers */

static void
set_outcome (SecImportDialog *self,
             const char      *outcome)
{
  g_free (self->outcome);
  self->outcome = g_strdup (outcome);
}

/* "Country", or "Contact: Email" for a child entity's field. */
static char *
target_label (SecImportDialog *self,
              const char      *target)
{
  const SecField *field = sec_entity_get_field (self->entity, target);

  if (g_strcmp0 (target, "id") == 0)
    return g_strdup (_("Record id"));
  if (field != NULL)
    return g_strdup (_(field->label));
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      gsize prefix = strlen ((*e)->name);
      if ((*e)->parent == self->entity && g_str_has_prefix (target, (*e)->name) && target[prefix] == '_' &&
          (field = sec_entity_get_field (*e, target + prefix + 1)) != NULL)
        return g_strdup_printf ("%s: %s", _((*e)->label), _(field->label));
    }
  return g_strdup (target);
}

/* The remembered mapping is kept per entity: "Organisation" is a member's
 * name but a participant's organisation. */
static char *
remembered_key (SecImportDialog *self,
                const char      *heading)
{
  return g_strconcat (self->entity->name, ":", heading, NULL);
}

static GtkStringList *
target_labels (SecImportDialog *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  const char *const *targets = sec_csv_targets_for (self->entity);

  gtk_string_list_append (labels, _("Ignore this column"));
  for (guint i = 0; targets[i] != NULL; i++)
    {
      g_autofree char *label = target_label (self, targets[i]);
      gtk_string_list_append (labels, label);
    }
  return labels;
}

static guint
target_position (SecImportDialog *self,
                 const char      *target)
{
  const char *const *targets = sec_csv_targets_for (self->entity);

  for (guint i = 0; target != NULL && *target != '\0' && targets[i] != NULL; i++)
    if (g_strcmp0 (targets[i], target) == 0)
      return i + 1;
  return 0;
}

/* Import needs to know which column holds the names; say so beside the
 * columns until one does. */
static void
check_mapping (SecImportDialog *self)
{
  guint name_position = target_position (self, "name");
  gboolean has_name = FALSE;
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->column_rows->len; i++)
    has_name = has_name || adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i)) == name_position;
  if (has_name)
    description = g_strdup_printf (_("Choose the field each column of %s goes into."), basename);
  else
    description = g_strdup_printf (_("Choose the column of %s that holds the members’ names."), basename);
  adw_preferences_group_set_description (self->columns_group, description);
  gtk_widget_set_sensitive (self->import_button, has_name);
  if (has_name)
    gtk_widget_remove_css_class (GTK_WIDGET (self->columns_group), "missing-name");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->columns_group), "missing-name");
}

/* The remembered field of each heading, or a guess from its name. */
static void
fill_columns (SecImportDialog *self)
{
  g_autoptr(GVariant) remembered = g_settings_get_value (self->settings, "csv-mapping");
  g_auto(GStrv) guessed = sec_csv_guess_mapping_for (self->entity, (const char *const *) self->header);
  g_autoptr(GtkStringList) labels = target_labels (self);

  for (guint i = 0; self->header[i] != NULL; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *key = remembered_key (self, self->header[i]);
      const char *target = guessed[i];

      g_variant_lookup (remembered, key, "&s", &target);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *self->header[i] ? self->header[i] : _("(no heading)"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), target_position (self, target));
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (check_mapping), self);
    }
  check_mapping (self);
}

/* The chosen field of each column; remembered with those of earlier
 * files, for the next file with the same headings. */
static GStrv
read_mapping (SecImportDialog *self)
{
  g_autoptr(GStrvBuilder) mapping = g_strv_builder_new ();
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "csv-mapping");
  g_autoptr(GHashTable) remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  const char *const *targets = sec_csv_targets_for (self->entity);
  GHashTableIter iter;
  gpointer key, value;
  GVariantIter entries;
  const char *heading, *field;

  g_variant_iter_init (&entries, old);
  while (g_variant_iter_next (&entries, "{&s&s}", &heading, &field))
    g_hash_table_insert (remembered, g_strdup (heading), g_strdup (field));
  for (guint i = 0; i < self->column_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i));
      const char *target = selected > 0 && selected != GTK_INVALID_LIST_POSITION ? targets[selected - 1] : "";

      g_strv_builder_add (mapping, target);
      g_hash_table_insert (remembered, remembered_key (self, self->header[i]), g_strdup (target));
    }
  g_hash_table_iter_init (&iter, remembered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_variant_builder_add (builder, "{ss}", key, value);
  g_settings_set_value (self->settings, "csv-mapping", g_variant_builder_end (builder));
  return g_strv_builder_end (mapping);
}

static void
add_rejected_row (SecImportDialog *self,
                  SecCsvRejection *rejection)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf (_("Row %u"), rejection->row);

  /* Reasons quote the file, which is not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rejection->reason);
  gtk_list_box_append (self->rejected_list, row);
}

static void
show_report (SecImportDialog *self,
             SecCsvReport    *report)
{
  g_autofree char *description = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rejected_list))) != NULL)
    gtk_list_box_remove (self->rejected_list, child);
  for (guint i = 0; i < report->rejected->len; i++)
    add_rejected_row (self, g_ptr_array_index (report->rejected, i));
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_list), report->rejected->len > 0);
  gtk_widget_set_visible (self->partial_button, !report->committed);

  if (report->committed)
    {
      description = g_strdup_printf (_("%u imported, %u updated, %u skipped, %u rejected."),
                                     report->imported, report->updated, report->skipped, report->rejected->len);
      adw_status_page_set_icon_name (self->report_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->report_page, _("Import Finished"));
      set_outcome (self, "committed");
    }
  else
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u row has a problem, so nothing was imported. Fix the file and import it again, or import the other rows only.",
                                                  "%u rows have problems, so nothing was imported. Fix the file and import it again, or import the other rows only.",
                                                  report->rejected->len), report->rejected->len);
      adw_status_page_set_icon_name (self->report_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->report_page, _("Nothing Imported"));
      set_outcome (self, "rejected");
    }
  adw_status_page_set_description (self->report_page, description);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), report->committed ? _("_Close") : _("_Cancel"));
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
show_failure (SecImportDialog *self,
              const char      *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_list), FALSE);
  gtk_widget_set_visible (self->partial_button, FALSE);
  adw_status_page_set_icon_name (self->report_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->report_page, _("Cannot Import"));
  adw_status_page_set_description (self->report_page, message);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
  gtk_stack_set_visible_child_name (self->stack, "report");
  set_outcome (self, "failed");
}

/* The import, in a thread */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) (fraction * 1000));
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  SecImportDialog *self = source;
  g_autoptr(SecStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SecCsvReport *report;

  if ((store = sec_store_open (sec_store_get_path (self->store), &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = sec_csv_import_for (store, self->entity, self->parent_id, job->path, (const char *const *) job->mapping, job->duplicates,
                           job->accept_partial, on_progress, job->progress, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) sec_csv_report_free);
}

static gboolean
update_progress (gpointer user_data)
{
  SecImportDialog *self = user_data;
  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SecImportDialog *self = SEC_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  if (report == NULL)
    {
      show_failure (self, error->message);
      return;
    }
  if (report->committed)
    {
      /* Another connection wrote: the lists of this one must look again. */
      for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
        if (*e == self->entity || (*e)->parent == self->entity)
          sec_store_emit_changed (self->store, *e, NULL);
    }
  show_report (self, report);
}

static void
start_import (SecImportDialog *self,
              gboolean         accept_partial)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_import_done, NULL);
  ImportJob *job = g_new0 (ImportJob, 1);
  guint duplicates = adw_combo_row_get_selected (self->duplicates_row);
  static const char *const names[] = { "skip", "update", "create" };

  job->path = g_file_get_path (self->file);
  job->mapping = read_mapping (self);
  job->duplicates = duplicates < 3 ? (SecCsvDuplicates) duplicates : SEC_CSV_DUPLICATE_SKIP;
  job->accept_partial = accept_partial;
  job->progress = &self->progress;
  g_settings_set_string (self->settings, "csv-duplicates", names[job->duplicates]);

  g_atomic_int_set (&self->progress, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  set_outcome (self, "running");
  self->progress_id = g_timeout_add (100, update_progress, self);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/* Callbacks */

static void
on_import_clicked (SecImportDialog *self)
{
  start_import (self, FALSE);
}

static void
on_partial_clicked (SecImportDialog *self)
{
  start_import (self, TRUE);
}

static void
on_cancel_clicked (SecImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static void
sec_import_dialog_dispose (GObject *object)
{
  SecImportDialog *self = SEC_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->file);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->outcome, g_free);
  g_clear_pointer (&self->parent_id, g_free);

  G_OBJECT_CLASS (sec_import_dialog_parent_class)->dispose (object);
}

static void
sec_import_dialog_class_init (SecImportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, report_page);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, partial_button);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, rejected_list);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SecImportDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_partial_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sec_import_dialog_init (SecImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_rows = g_ptr_array_new ();
}

/* Public API */

/* Participants are imported into one event, and match within it. */
static void
set_up_for_participants (SecImportDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Import Participants"));
  adw_preferences_group_set_title (self->duplicates_group, _("Participants Already Registered"));
  adw_preferences_group_set_description (self->duplicates_group,
                                         _("A row matches a participant of this event with the same id or the same name."));
}

/* Reads the headings of @file and shows the mapping step for records of
 * @entity (members, or the participants of the event @parent_id); if the
 * file cannot be read, shows why instead. */
SecImportDialog *
sec_import_dialog_run (GtkWindow       *parent,
                       SecStore        *store,
                       GSettings       *settings,
                       const SecEntity *entity,
                       const char      *parent_id,
                       GFile           *file)
{
  SecImportDialog *self = g_object_new (SEC_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *duplicates = g_settings_get_string (settings, "csv-duplicates");

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->file = g_object_ref (file);
  self->entity = entity;
  self->parent_id = g_strdup (parent_id);
  if (entity == &sec_entity_participant)
    set_up_for_participants (self);
  adw_combo_row_set_selected (self->duplicates_row,
                              g_str_equal (duplicates, "update") ? 1 : g_str_equal (duplicates, "create") ? 2 : 0);

  if ((self->header = sec_csv_read_header (path, &error)) == NULL)
    {
      gtk_widget_set_visible (self->import_button, FALSE);
      show_failure (self, error->message);
    }
  else
    fill_columns (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* Starts the import as the Import button does. */
void
sec_import_dialog_start (SecImportDialog *self)
{
  g_return_if_fail (SEC_IS_IMPORT_DIALOG (self));
  start_import (self, FALSE);
}

/* "mapping", "progress" or "report". */
const char *
sec_import_dialog_get_page (SecImportDialog *self)
{
  g_return_val_if_fail (SEC_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* NULL before the import, then "running", "committed", "rejected" or
 * "failed". */
const char *
sec_import_dialog_get_outcome (SecImportDialog *self)
{
  g_return_val_if_fail (SEC_IS_IMPORT_DIALOG (self), NULL);
  return self->outcome;
}
