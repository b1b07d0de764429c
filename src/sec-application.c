/* sec-application.c: the application, its actions and command line
 *
 * `secretariat [--db FILE]` opens the window; the headless verbs run on the
 * same store without a display and exit.
 */

#include <glib/gi18n.h>

#include "sec-application.h"
#include "sec-backups.h"
#include "sec-cli.h"
#include "sec-sync-scheduler.h"
#include "sec-window.h"

struct _SecApplication
{
  AdwApplication  parent_instance;
  SecStore       *store;
  GSettings      *settings;
  SecSyncScheduler *scheduler;
  char           *db_path;
  SecCliOptions   cli;
  gboolean        copies_scheduled;
  guint           first_copy_id;
};

G_DEFINE_FINAL_TYPE (SecApplication, sec_application, ADW_TYPE_APPLICATION)

/* Actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Secretariat developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Secretariat"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Members, events, roadmap and assemblies of a membership network"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

/* GApplication */

static int
sec_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  SecApplication *self = SEC_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("secretariat %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (self->db_path == NULL)
    self->db_path = sec_application_default_db ();
  if (!sec_application_open_store (self, self->db_path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (sec_cli_has_verb (&self->cli))
    return sec_cli_run (self->store, sec_application_get_settings (self), &self->cli);
  if (sec_application_get_settings (self) == NULL)
    {
      g_printerr (_("The settings schema %s is not installed: run Secretariat with build-aux/run, or install it with meson install\n"), APP_ID);
      return 1;
    }
  return -1;
}

static void
sec_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } shortcuts[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "members.undo", { "<Control>z", NULL } },
    { "events.undo", { "<Control>z", NULL } },
    { "roadmap.undo", { "<Control>z", NULL } },
  };

  G_APPLICATION_CLASS (sec_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), shortcuts[i].action, shortcuts[i].accels);
}

/* The daily copy of the database */

static void
on_daily_copy_made (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SecApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sec_backups_make_daily_finish (SEC_STORE (source), result, &error);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *text = NULL;

  if (error == NULL || !SEC_IS_WINDOW (window))
    return;
  text = g_strdup_printf (_("Cannot make today’s copy of the database: %s"), error->message);
  sec_window_add_toast (SEC_WINDOW (window), adw_toast_new (text));
}

static void
make_daily_copy (SecApplication *self)
{
  sec_backups_make_daily_async (self->store, g_settings_get_uint (self->settings, "backups-kept"), NULL,
                                on_daily_copy_made, g_object_ref (self));
}

static void
on_first_copy_due (SecApplication *self)
{
  self->first_copy_id = 0;
  make_daily_copy (self);
}

/* Once the window shows (the copy of a federation's registry reads the
 * whole file), and again each new day it stays open. */
static void
schedule_daily_copies (SecApplication *self)
{
  if (self->copies_scheduled)
    return;
  self->copies_scheduled = TRUE;
  self->first_copy_id = g_timeout_add_once (10000, (GSourceOnceFunc) on_first_copy_due, self);
  g_signal_connect_object (self->store, "notify::today", G_CALLBACK (make_daily_copy), self, G_CONNECT_SWAPPED);
}

static void
sec_application_activate (GApplication *app)
{
  SecApplication *self = SEC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (self->scheduler == NULL)
    self->scheduler = sec_sync_scheduler_new (self->store, sec_application_get_settings (self));
  if (window == NULL)
    window = GTK_WINDOW (sec_window_new (GTK_APPLICATION (app), self->store, sec_application_get_settings (self),
                                         self->scheduler));
  gtk_window_present (window);
  schedule_daily_copies (self);
}

/* GObject */

static void
sec_application_finalize (GObject *object)
{
  SecApplication *self = SEC_APPLICATION (object);

  g_clear_handle_id (&self->first_copy_id, g_source_remove);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->db_path);
  sec_cli_options_clear (&self->cli);

  G_OBJECT_CLASS (sec_application_parent_class)->finalize (object);
}

static void
sec_application_class_init (SecApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sec_application_finalize;
  app_class->handle_local_options = sec_application_handle_local_options;
  app_class->startup = sec_application_startup;
  app_class->activate = sec_application_activate;
}

static void
sec_application_init (SecApplication *self)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &self->db_path,
      N_("The database to open (default: secretariat.db in the user’s data folder)"), N_("FILE") },
    { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, &self->cli.import_csv,
      N_("Import members and contacts from a CSV file, then exit"), N_("FILE") },
    { "duplicates", 0, 0, G_OPTION_ARG_STRING, &self->cli.duplicates,
      N_("With --import-csv: what to do with members already there: skip (default), update or create"), N_("RULE") },
    { "accept-valid", 0, 0, G_OPTION_ARG_NONE, &self->cli.accept_valid,
      N_("With --import-csv: import the valid rows even if some rows are rejected"), NULL },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &self->cli.export_csv,
      N_("Export members and contacts to a CSV file, then exit"), N_("FILE") },
    { "load-sample", 0, 0, G_OPTION_ARG_NONE, &self->cli.load_sample,
      N_("Add the sample network to the database, then exit"), NULL },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &self->cli.sync,
      N_("Sync once with the server, then exit; the password comes from SECRETARIAT_SYNC_PASSWORD or the Secret Service"), NULL },
    { "remote", 0, 0, G_OPTION_ARG_STRING, &self->cli.remote,
      N_("With --sync: the database to sync with, such as https://couch.example.org/asec"), N_("URL") },
    { "list-events", 0, 0, G_OPTION_ARG_NONE, &self->cli.list_events,
      N_("Print the events, one a line: id, first day, last day, kind and title, separated by tabs; then exit"), NULL },
    { "export-programme", 0, 0, G_OPTION_ARG_STRING, &self->cli.export_programme,
      N_("Write the programme of an event (its id or part of its title) to the PDF file --output, then exit"), N_("EVENT") },
    { "export-ics", 0, 0, G_OPTION_ARG_STRING, &self->cli.export_ics,
      N_("Write the sessions of an event to the iCalendar file --output, then exit"), N_("EVENT") },
    { "export-certificates", 0, 0, G_OPTION_ARG_STRING, &self->cli.export_certificates,
      N_("Write a certificate for each participant of an event to the PDF file --output, then exit"), N_("EVENT") },
    { "export-attendance-sheet", 0, 0, G_OPTION_ARG_STRING, &self->cli.export_attendance,
      N_("Write a sign-in sheet for an event to the PDF file --output, then exit"), N_("EVENT") },
    { "export-agenda", 0, 0, G_OPTION_ARG_STRING, &self->cli.export_agenda,
      N_("Write the agenda of a meeting to --output, a PDF file or, if it ends in .md, Markdown; then exit"), N_("EVENT") },
    { "export-minutes", 0, 0, G_OPTION_ARG_STRING, &self->cli.export_minutes,
      N_("Write the minutes of a meeting (attendance, quorum, decisions, votes) to --output, PDF or .md; then exit"),
      N_("EVENT") },
    { "report", 0, 0, G_OPTION_ARG_STRING, &self->cli.report,
      N_("Write a report to the PDF file --output, then exit: roadmap (progress by pillar) or sdg (SDG coverage)"),
      N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->cli.output,
      N_("With an --export-… verb for an event or --report: the file to write"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &self->cli.paper,
      N_("With --export-programme, --export-attendance-sheet, --export-agenda, --export-minutes or --report: a4 (default) or letter"), N_("SIZE") },
    { "participant", 0, 0, G_OPTION_ARG_STRING, &self->cli.participant,
      N_("With --export-certificates: only the certificate of this participant (name or id)"), N_("NAME") },
    { "network", 0, 0, G_OPTION_ARG_STRING, &self->cli.network,
      N_("With --export-certificates or --report sdg: the network’s name (default: from Preferences)"), N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Keeps the member registry and the events of a membership network.\n"
      "Without a verb, opens the window on the database."));
}

/* Public API */

SecApplication *
sec_application_new (void)
{
  /* Here rather than in main(): the screenshot tool and the tests host the
   * app too, and speak its languages. */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return g_object_new (SEC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/asec/Secretariat",
                       NULL);
}

/* $XDG_DATA_HOME/secretariat/secretariat.db, its folder created. */
char *
sec_application_default_db (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "secretariat", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "secretariat.db", NULL);
}

gboolean
sec_application_open_store (SecApplication *self,
                            const char     *path,
                            GError        **error)
{
  g_autoptr(SecStore) store = NULL;

  g_return_val_if_fail (SEC_IS_APPLICATION (self), FALSE);

  if ((store = sec_store_open (path, error)) == NULL)
    return FALSE;
  g_set_object (&self->store, store);
  /* The command line from cron, or a second instance, may write it too. */
  sec_store_watch_writers (store);
  /* A new database syncs on its own terms. */
  g_clear_object (&self->scheduler);
  if (sec_application_get_settings (self) != NULL)
    g_settings_bind (self->settings, "grace-days", store, "grace-days", G_SETTINGS_BIND_GET);
  return TRUE;
}

SecStore *
sec_application_get_store (SecApplication *self)
{
  g_return_val_if_fail (SEC_IS_APPLICATION (self), NULL);
  return self->store;
}

/* The app's settings, or %NULL when its schema is not installed (the
 * headless verbs then work with the defaults). */
GSettings *
sec_application_get_settings (SecApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (SEC_IS_APPLICATION (self), NULL);

  if (self->settings == NULL && source != NULL &&
      (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  return self->settings;
}
