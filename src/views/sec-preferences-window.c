/* sec-preferences-window.c: the preferences, bound to GSettings
 *
 * Network: its name and logo. Membership: the grace period. Assemblies:
 * the quorum rule. Sync: the server, database and user (in GSettings) and
 * the password (in the Secret Service, through the sync scheduler). The
 * address is checked as it is typed; Test Connection says exactly which
 * step fails. Backups: how many daily copies are kept, and the copies, each
 * of which can be put back after a confirmation.
 */

#include <glib/gi18n.h>

#include "sec-backups.h"
#include "sec-couch-client.h"
#include "sec-export.h"
#include "sec-preferences-window.h"
#include "sec-quorum.h"

struct _SecPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  GtkSpinButton        *grace_days;
  AdwComboRow          *quorum_rule;
  AdwEntryRow          *network_row;
  AdwActionRow         *logo_row;
  GtkImage             *logo_image;
  GtkWidget            *remove_logo_button;
  AdwEntryRow          *server_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *user_row;
  AdwPreferencesGroup  *office_group;
  AdwEntryRow          *office_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *address_error;
  AdwActionRow         *test_row;
  GtkWidget            *test_button;
  GtkSpinButton        *backups_kept;
  AdwPreferencesGroup  *daily_group;
  AdwPreferencesGroup  *copies_group;
  GPtrArray            *copy_rows;

  GSettings            *settings;
  SecStore             *store;
  SecSyncScheduler     *scheduler;
  GCancellable         *cancellable;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (SecPreferencesWindow, sec_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Helpers */

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* server + "/" + database, or "" when both are empty (sync off). */
static char *
compose_url (SecPreferencesWindow *self)
{
  g_autofree char *server = g_strstrip (g_strdup (text_of (self->server_row)));
  g_autofree char *database = g_strstrip (g_strdup (text_of (self->database_row)));

  while (g_str_has_suffix (server, "/"))
    server[strlen (server) - 1] = '\0';
  if (*server == '\0' && *database == '\0')
    return g_strdup ("");
  return g_strconcat (server, "/", database, NULL);
}

static void
show_problem (SecPreferencesWindow *self,
              const char           *problem)
{
  gtk_label_set_text (self->address_error, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->address_error), problem != NULL);
  gtk_widget_set_sensitive (self->test_button, problem == NULL && *text_of (self->server_row) != '\0');
}

static void
load_address (SecPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "sync-url");
  g_autofree char *user = g_settings_get_string (self->settings, "sync-user");
  char *slash = strrchr (url, '/');

  self->loading = TRUE;
  if (slash != NULL && slash > url && slash[-1] != '/')
    {
      *slash = '\0';
      gtk_editable_set_text (GTK_EDITABLE (self->database_row), slash + 1);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  self->loading = FALSE;
  show_problem (self, NULL);
}

/* Callbacks */

static void
on_address_changed (SecPreferencesWindow *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCouchClient) client = NULL;

  if (self->loading)
    return;
  url = compose_url (self);
  if (*url != '\0' && (client = sec_couch_client_new (url, NULL, NULL, &error)) == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  show_problem (self, NULL);
  g_settings_set_string (self->settings, "sync-url", url);
  g_settings_set_string (self->settings, "sync-user", text_of (self->user_row));
}

static void
on_password_apply (SecPreferencesWindow *self)
{
  if (self->scheduler != NULL)
    sec_sync_scheduler_set_password (self->scheduler, gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SecPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = sec_couch_client_check_finish (SEC_COUCH_CLIENT (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      adw_action_row_set_subtitle (self->test_row, ok ? _("Connected: the server and the database answer") : error->message);
      gtk_widget_set_sensitive (self->test_button, TRUE);
    }
  g_object_unref (self);
}

static void
on_test_clicked (SecPreferencesWindow *self)
{
  sec_preferences_window_test (self);
}

/* Backups */

static GtkWidget *
new_copy_row (const char *path)
{
  g_autofree char *when = sec_backups_describe (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *size = info ? g_format_size (g_file_info_get_size (info)) : NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size ? size : "");
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (restore), "backups.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (restore), "s", path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  return row;
}

/* @path with the home folder as "~", as Files shows it. */
static char *
shorten_home (const char *path)
{
  const char *home = g_get_home_dir ();

  if (g_str_has_prefix (path, home) && path[strlen (home)] == G_DIR_SEPARATOR)
    return g_strconcat ("~", path + strlen (home), NULL);
  return g_strdup (path);
}

static void
show_copies (SecPreferencesWindow *self)
{
  g_autoptr(GPtrArray) copies = sec_backups_list (self->store);
  g_autofree char *folder = sec_backups_folder (self->store);
  g_autofree char *shown = shorten_home (folder ? folder : "");
  g_autofree char *where = g_strdup_printf (_("Each day Secretariat is open, it copies the database into %s."), shown);

  adw_preferences_group_set_description (self->daily_group, where);
  for (guint i = 0; i < self->copy_rows->len; i++)
    adw_preferences_group_remove (self->copies_group, g_ptr_array_index (self->copy_rows, i));
  g_ptr_array_set_size (self->copy_rows, 0);
  for (guint i = 0; i < copies->len; i++)
    {
      GtkWidget *row = new_copy_row (g_ptr_array_index (copies, i));

      adw_preferences_group_add (self->copies_group, row);
      g_ptr_array_add (self->copy_rows, row);
    }
  adw_preferences_group_set_description (self->copies_group,
                                         copies->len ? NULL : _("None yet: the first is made soon after the window opens."));
}

static void
on_restore_response (AdwMessageDialog     *dialog,
                     const char           *response,
                     SecPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autofree char *when = sec_backups_describe (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "restore"))
    return;
  if (sec_backups_restore (self->store, path, NULL, &error))
    text = g_strdup_printf (_("The database is back as it was on %s"), when);
  else
    text = g_strdup_printf (_("Nothing was changed: %s"), error->message);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
  show_copies (self);
}

/* Asks before putting the copy back: what it undoes is said plainly. */
static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  SecPreferencesWindow *self = SEC_PREFERENCES_WINDOW (widget);
  const char *path = g_variant_get_string (param, NULL);
  g_autofree char *when = sec_backups_describe (path);
  g_autofree char *heading = g_strdup_printf (_("Restore the Copy of %s?"), when);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
    _("The database goes back to how it was then. What was changed since is lost, except what was synced, "
      "which comes back with the next sync. The database as it is now is kept as a copy first.")));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

/* The network's logo */

/* Shows the logo of the preferences, or @problem about the one chosen. */
static void
show_logo (SecPreferencesWindow *self,
           const char           *problem)
{
  g_autofree char *path = g_settings_get_string (self->settings, "network-logo");
  g_autofree char *name = *path ? g_path_get_basename (path) : NULL;
  /* Read as the documents read it, so what shows here is what prints. */
  g_autoptr(GdkPixbuf) image = *path ? sec_export_load_image (path, NULL) : NULL;

  adw_action_row_set_subtitle (self->logo_row, problem ? problem : name ? name : _("None: documents show the name alone"));
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->logo_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->logo_row), "error");
  gtk_image_set_from_pixbuf (self->logo_image, image);
  gtk_widget_set_visible (GTK_WIDGET (self->logo_image), image != NULL);
  gtk_widget_set_visible (self->remove_logo_button, *path != '\0');
}

static void
on_logo_chosen (GtkNativeDialog      *chooser,
                int                   response,
                SecPreferencesWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    sec_preferences_window_set_logo (self, g_file_peek_path (file));
  g_object_unref (chooser);
}

static void
on_choose_logo (SecPreferencesWindow *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose the Network’s Logo"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  g_signal_connect (chooser, "response", G_CALLBACK (on_logo_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_remove_logo (SecPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "network-logo", "");
  show_logo (self, NULL);
}

static void
sec_preferences_window_dispose (GObject *object)
{
  SecPreferencesWindow *self = SEC_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->copy_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (sec_preferences_window_parent_class)->dispose (object);
}

static void
sec_preferences_window_class_init (SecPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, grace_days);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, quorum_rule);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, logo_image);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, remove_logo_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_logo);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_logo);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, network_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, office_group);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, office_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, address_error);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, test_button);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, backups_kept);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, daily_group);
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, copies_group);
  gtk_widget_class_install_action (widget_class, "backups.restore", "s", restore_activated);
}

static void
sec_preferences_window_init (SecPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->copy_rows = g_ptr_array_new ();
}

/* Public API */

/* The quorum rule's row lists the rules in the order of SecQuorumRule. */
static gboolean
rule_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, sec_quorum_rule_from_name (g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
position_to_rule (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  return g_variant_new_string (sec_quorum_rule_name ((SecQuorumRule) g_value_get_uint (value)));
}

SecPreferencesWindow *
sec_preferences_window_new (GSettings        *settings,
                            SecStore         *store,
                            SecSyncScheduler *scheduler)
{
  SecPreferencesWindow *self = g_object_new (SEC_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  self->store = g_object_ref (store);
  self->scheduler = scheduler ? g_object_ref (scheduler) : NULL;
  g_settings_bind (settings, "grace-days", gtk_spin_button_get_adjustment (self->grace_days), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "network-name", self->network_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "office-name", self->office_row, "text", G_SETTINGS_BIND_DEFAULT);
  {
    /* Translators: %s is the computer's name. */
    g_autofree char *about = g_strdup_printf (_("Every change this office sends carries its name, so that the "
                                                "others can tell who changed what. Left empty, it is this "
                                                "computer’s name, “%s”."), g_get_host_name ());
    adw_preferences_group_set_description (self->office_group, about);
  }
  show_logo (self, NULL);
  g_settings_bind_with_mapping (settings, "quorum-rule", self->quorum_rule, "selected", G_SETTINGS_BIND_DEFAULT,
                                rule_to_position, position_to_rule, NULL, NULL);
  load_address (self);
  g_settings_bind (settings, "backups-kept", gtk_spin_button_get_adjustment (self->backups_kept), "value",
                   G_SETTINGS_BIND_DEFAULT);
  show_copies (self);
  return self;
}

/* Makes the image file @path the network's logo, as choosing it does: a
 * file that is not an image is refused beside the row and changes
 * nothing. Returns whether it was taken. */
gboolean
sec_preferences_window_set_logo (SecPreferencesWindow *self,
                                 const char           *path)
{
  g_autoptr(GdkPixbuf) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  g_return_val_if_fail (SEC_IS_PREFERENCES_WINDOW (self), FALSE);

  if ((image = sec_export_load_image (path, &error)) == NULL)
    {
      problem = g_strdup_printf (_("Not an image Secretariat can print: %s"), error->message);
      show_logo (self, problem);
      return FALSE;
    }
  g_settings_set_string (self->settings, "network-logo", path);
  show_logo (self, NULL);
  return TRUE;
}

/* Types the address, as a person would. */
void
sec_preferences_window_set_address (SecPreferencesWindow *self,
                                    const char           *server,
                                    const char           *database,
                                    const char           *user)
{
  g_return_if_fail (SEC_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
}

/* Types the password and applies it, as a person would. */
void
sec_preferences_window_apply_password (SecPreferencesWindow *self,
                                       const char           *password)
{
  g_return_if_fail (SEC_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  g_signal_emit_by_name (self->password_row, "apply");
}

/* The problem shown beside the address, or %NULL. */
const char *
sec_preferences_window_get_problem (SecPreferencesWindow *self)
{
  g_return_val_if_fail (SEC_IS_PREFERENCES_WINDOW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->address_error)) ? gtk_label_get_text (self->address_error) : NULL;
}

/* Tests the connection with what is typed, as the Test button does. */
void
sec_preferences_window_test (SecPreferencesWindow *self)
{
  g_autofree char *url = compose_url (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCouchClient) client = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  g_return_if_fail (SEC_IS_PREFERENCES_WINDOW (self));

  client = sec_couch_client_new (url, text_of (self->user_row), password, &error);
  if (client == NULL)
    {
      adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }
  gtk_widget_set_sensitive (self->test_button, FALSE);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  sec_couch_client_check_async (client, self->cancellable, on_checked, g_object_ref (self));
}

const char *
sec_preferences_window_get_test_result (SecPreferencesWindow *self)
{
  g_return_val_if_fail (SEC_IS_PREFERENCES_WINDOW (self), NULL);
  return adw_action_row_get_subtitle (self->test_row);
}
