/* sec-cli.c: the headless verbs, for scripts and cron
 *
 * Each verb goes through the same store code as the window. Errors are one
 * line on stderr and a non-zero exit; the database is left as it was.
 */

#include <glib/gi18n.h>

#include "sec-cli.h"
#include "sec-credentials.h"
#include "sec-csv.h"
#include "sec-json.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"

static gboolean
parse_duplicates (const char       *text,
                  SecCsvDuplicates *duplicates)
{
  static const char *const names[] = { "skip", "update", "create", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (text ? text : "skip", names[i]) == 0)
      {
        *duplicates = (SecCsvDuplicates) i;
        return TRUE;
      }
  return FALSE;
}

static int
import_csv (SecStore            *store,
            const SecCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = NULL;
  SecCsvDuplicates duplicates;

  if (!parse_duplicates (options->duplicates, &duplicates))
    {
      g_printerr (_("--duplicates must be skip, update or create, not “%s”\n"), options->duplicates);
      return 2;
    }
  report = sec_csv_import (store, options->import_csv, NULL, duplicates,
                           options->accept_valid, NULL, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("%s: %s\n", options->import_csv, error->message);
      return 1;
    }
  if (!report->committed)
    {
      SecCsvRejection *first = g_ptr_array_index (report->rejected, 0);
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%s: %u row cannot be imported (row %u: %s); nothing was imported; --accept-valid imports the other rows\n",
                               "%s: %u rows cannot be imported (first, row %u: %s); nothing was imported; --accept-valid imports the other rows\n",
                               report->rejected->len),
                  options->import_csv, report->rejected->len, first->row, first->reason);
      return 1;
    }
  g_print (_("Imported %u, updated %u, skipped %u, rejected %u\n"),
           report->imported, report->updated, report->skipped, report->rejected->len);
  for (guint i = 0; i < report->rejected->len; i++)
    {
      SecCsvRejection *r = g_ptr_array_index (report->rejected, i);
      g_print (_("Row %u: %s\n"), r->row, r->reason);
    }
  return 0;
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Where to sync, and as whom: --remote or the settings; the environment
 * (for cron and tests) or the Secret Service. */
static SecCouchClient *
sync_client (GSettings            *settings,
             const SecCliOptions  *options,
             GError              **error)
{
  g_autofree char *url = g_strdup (options->remote);
  g_autofree char *user = g_strdup (g_getenv ("SECRETARIAT_SYNC_USER"));
  g_autofree char *password = g_strdup (g_getenv ("SECRETARIAT_SYNC_PASSWORD"));

  if (url == NULL && settings != NULL)
    url = g_settings_get_string (settings, "sync-url");
  if (url == NULL || *url == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("No sync server: give --remote URL or set one in Preferences"));
      return NULL;
    }
  if (user == NULL && settings != NULL)
    user = g_settings_get_string (settings, "sync-user");
  if (password == NULL && user != NULL && *user != '\0')
    {
      g_autoptr(GError) keyring_error = NULL;
      password = sec_credentials_lookup (url, user, &keyring_error);
      if (password == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("No password for %s at %s: set SECRETARIAT_SYNC_PASSWORD or save it in Preferences%s%s"),
                       user, url, keyring_error ? " — " : "", keyring_error ? keyring_error->message : "");
          return NULL;
        }
    }
  return sec_couch_client_new (url, user, password, error);
}

static int
run_sync (SecStore            *store,
          GSettings           *settings,
          const SecCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCouchClient) client = sync_client (settings, options, &error);
  g_autoptr(SecSyncEngine) engine = NULL;
  g_autoptr(SecSyncReport) report = NULL;
  GAsyncResult *result = NULL;

  if (client == NULL)
    {
      g_printerr (_("Cannot sync: %s\n"), error->message);
      return 1;
    }
  engine = sec_sync_engine_new (store, client);
  sec_sync_engine_run_async (engine, NULL, on_synced, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sec_sync_engine_run_finish (engine, result, &error);
  g_object_unref (result);
  if (report == NULL)
    {
      g_printerr (_("Sync with %s failed: %s; %u changes wait for the next sync\n"),
                  sec_couch_client_get_url (client), error->message, sec_store_sync_count_dirty (store));
      return 1;
    }
  g_print (_("Pulled %u, pushed %u, conflicts %u\n"), report->pulled, report->pushed, report->conflicts);
  if (report->problems->len > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u change was refused (%s)\n", "%u changes were refused (first: %s)\n",
                               report->problems->len),
                  report->problems->len, (char *) g_ptr_array_index (report->problems, 0));
      return 1;
    }
  return 0;
}

gboolean
sec_cli_has_verb (const SecCliOptions *options)
{
  return options->import_csv || options->export_csv || options->load_sample || options->sync;
}

/* Runs the verbs in a fixed order: sample, import, sync, export. */
int
sec_cli_run (SecStore            *store,
             GSettings           *settings,
             const SecCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (options->load_sample)
    {
      guint added = sec_store_load_sample (store, &error);
      if (error != NULL)
        {
          g_printerr (_("Cannot load the sample network: %s\n"), error->message);
          return 1;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u member or event from the sample network\n",
                            "Added %u members and events from the sample network\n", added), added);
    }
  if (options->import_csv && (status = import_csv (store, options)) != 0)
    return status;
  if (options->sync && (status = run_sync (store, settings, options)) != 0)
    return status;
  if (options->export_csv && !sec_csv_export (store, options->export_csv, &error))
    {
      g_printerr ("%s: %s\n", options->export_csv, error->message);
      return 1;
    }
  return 0;
}
