/* sec-cli.c: the headless verbs, for scripts and cron
 *
 * Each verb goes through the same store code as the window. Errors are one
 * line on stderr and a non-zero exit; the database is left as it was.
 */

#include <glib/gi18n.h>

#include "sec-agenda-document.h"
#include "sec-cli.h"
#include "sec-count-text.h"
#include "sec-credentials.h"
#include "sec-csv.h"
#include "sec-export.h"
#include "sec-ical.h"
#include "sec-json.h"
#include "sec-pdf.h"
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
      /* A database that stays locked names itself. */
      if (g_error_matches (error, SEC_STORE_ERROR, SEC_STORE_ERROR_BUSY))
        g_printerr ("%s\n", error->message);
      else
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
  if (settings != NULL)
    {
      g_autofree char *office = g_settings_get_string (settings, "office-name");
      sec_sync_engine_set_office (engine, office);
    }
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

/* Events and their documents */

/* When the preferences cannot be read (no schema installed). */
#define DEFAULT_NETWORK "Asian Solidarity Economy Council"

/* One line an event, earliest first: id, first and last day, kind, title,
 * separated by tabs for cut and awk. */
static int
list_events (SecStore *store)
{
  g_autoptr(GPtrArray) events = sec_export_list_events (store);

  for (guint i = 0; i < events->len; i++)
    {
      SecRecord *event = g_ptr_array_index (events, i);
      /* A tab or a line break in a title would split its line. */
      g_autofree char *title = g_strdelimit (g_strdup (sec_record_get (event, "title")), "\t\r\n", ' ');

      g_print ("%s\t%s\t%s\t%s\t%s\n", sec_record_get_id (event), sec_record_get (event, "starts_on"),
               sec_record_get (event, "ends_on"), sec_record_get (event, "kind"), title);
    }
  return 0;
}

static gboolean
parse_paper (const char *text,
             SecPaper   *paper)
{
  if (text == NULL || g_ascii_strcasecmp (text, "a4") == 0)
    *paper = SEC_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = SEC_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

typedef enum {
  REPORT_ROADMAP,
  REPORT_SDG,
} Report;

static gboolean
parse_report (const char *text,
              Report     *report)
{
  static const char *const names[] = { "roadmap", "sdg", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *report = (Report) i;
        return TRUE;
      }
  return FALSE;
}

/* The document verb given, as its option name, and its EVENT (or, for
 * --report, the report's name); %NULL and an error line if there is more
 * than one. */
static const char *
export_verb (const SecCliOptions  *options,
             const char          **event)
{
  const struct { const char *name; const char *event; } verbs[] = {
    { "export-programme", options->export_programme },
    { "export-ics", options->export_ics },
    { "export-certificates", options->export_certificates },
    { "export-attendance-sheet", options->export_attendance },
    { "export-agenda", options->export_agenda },
    { "export-minutes", options->export_minutes },
    { "report", options->report },
  };
  const char *verb = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (verbs[i].event == NULL)
        continue;
      if (verb != NULL)
        {
          g_printerr (_("Give one of --export-programme, --export-ics, --export-certificates, "
                        "--export-attendance-sheet, --export-agenda, --export-minutes and --report at a time\n"));
          return NULL;
        }
      verb = verbs[i].name;
      *event = verbs[i].event;
    }
  return verb;
}

static gboolean
write_certificates (SecStore            *store,
                    const char          *event_id,
                    const SecNetwork    *network,
                    const SecCliOptions *options,
                    GError             **error)
{
  g_autofree char *participant_id = NULL;

  if (options->participant != NULL &&
      (participant_id = sec_export_find_participant (store, event_id, options->participant, error)) == NULL)
    return FALSE;
  return sec_pdf_certificates (store, event_id, participant_id, network, options->output, error);
}

/* The network's name on certificates and the SDG report: --network, or
 * the preferences (which also hold its logo). */
static char *
network_name (GSettings           *settings,
              const SecCliOptions *options)
{
  if (options->network != NULL)
    return g_strdup (options->network);
  return settings ? g_settings_get_string (settings, "network-name") : g_strdup (DEFAULT_NETWORK);
}

static gboolean
write_report (SecStore     *store,
              Report        report,
              SecPaper      paper,
              const SecNetwork *network,
              const char   *path,
              GError      **error)
{
  if (report == REPORT_ROADMAP)
    return sec_pdf_roadmap_report (store, paper, path, error);
  return sec_pdf_sdg_report (store, paper, network, path, error);
}

/* The quorum rule of the preferences; more than half without them. */
static SecQuorumRule
quorum_rule (GSettings *settings)
{
  g_autofree char *name = settings ? g_settings_get_string (settings, "quorum-rule") : NULL;

  return sec_quorum_rule_from_name (name);
}

static int
run_export (SecStore            *store,
            GSettings           *settings,
            const SecCliOptions *options)
{
  g_autofree char *name = network_name (settings, options);
  g_autofree char *logo = settings ? g_settings_get_string (settings, "network-logo") : NULL;
  SecNetwork network = { name, logo };
  g_autoptr(GError) error = NULL;
  g_autofree char *event_id = NULL;
  const char *event = NULL;
  const char *verb = export_verb (options, &event);
  Report report = REPORT_ROADMAP;
  SecPaper paper;
  gboolean ok;

  if (verb == NULL)
    return 2;
  if (options->report != NULL && !parse_report (options->report, &report))
    {
      g_printerr (_("--report must be roadmap or sdg, not “%s”\n"), options->report);
      return 2;
    }
  if (options->output == NULL)
    {
      g_printerr (_("--%s needs --output FILE\n"), verb);
      return 2;
    }
  if (!parse_paper (options->paper, &paper))
    {
      g_printerr (_("--paper must be a4 or letter, not “%s”\n"), options->paper);
      return 2;
    }
  if (options->report != NULL)
    ok = write_report (store, report, paper, &network, options->output, &error);
  else if ((event_id = sec_export_find_event (store, event, &error)) == NULL)
    ok = FALSE;
  else if (options->export_programme)
    ok = sec_pdf_programme (store, event_id, paper, options->output, &error);
  else if (options->export_ics)
    ok = sec_ical_export_event (store, event_id, options->output, &error);
  else if (options->export_certificates)
    ok = write_certificates (store, event_id, &network, options, &error);
  else if (options->export_agenda || options->export_minutes)
    ok = sec_pdf_meeting (store, event_id, quorum_rule (settings), options->export_minutes != NULL,
                          paper, options->output, &error);
  else
    ok = sec_pdf_attendance_sheet (store, event_id, paper, options->output, &error);
  if (!ok)
    g_printerr ("%s\n", error->message);
  return ok ? 0 : 1;
}

static gboolean
has_export (const SecCliOptions *options)
{
  return options->export_programme || options->export_ics || options->export_certificates ||
         options->export_attendance || options->export_agenda || options->export_minutes || options->report;
}

/* Public API */

/* Frees the strings GOption filled in. */
void
sec_cli_options_clear (SecCliOptions *options)
{
  g_clear_pointer (&options->import_csv, g_free);
  g_clear_pointer (&options->export_csv, g_free);
  g_clear_pointer (&options->duplicates, g_free);
  g_clear_pointer (&options->remote, g_free);
  g_clear_pointer (&options->export_programme, g_free);
  g_clear_pointer (&options->export_ics, g_free);
  g_clear_pointer (&options->export_certificates, g_free);
  g_clear_pointer (&options->export_attendance, g_free);
  g_clear_pointer (&options->export_agenda, g_free);
  g_clear_pointer (&options->export_minutes, g_free);
  g_clear_pointer (&options->report, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->paper, g_free);
  g_clear_pointer (&options->participant, g_free);
  g_clear_pointer (&options->network, g_free);
}

gboolean
sec_cli_has_verb (const SecCliOptions *options)
{
  return options->import_csv || options->export_csv || options->load_sample || options->sync ||
         options->list_events || has_export (options);
}

/* A script should not look hung while another program holds the
 * database: it says so, once, on stderr. */
static void
on_busy (SecStore *store,
         gpointer  user_data)
{
  static gboolean said;

  if (said)
    return;
  said = TRUE;
  g_printerr (_("Waiting for another program to finish with %s…\n"), sec_store_get_path (store));
}

/* Runs the verbs in a fixed order: sample, import, sync, export, list
 * events, then an event's document or a report. */
int
sec_cli_run (SecStore            *store,
             GSettings           *settings,
             const SecCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  int status;

  sec_store_set_busy_func (store, on_busy, NULL);

  if (options->load_sample)
    {
      guint before[SEC_NETWORK_KINDS];
      g_autofree char *said = NULL;

      sec_count_network (store, before);
      sec_store_load_sample (store, &error);
      if (error != NULL)
        {
          g_printerr (_("Cannot load the sample network: %s\n"), error->message);
          return 1;
        }
      said = sec_count_sample_added (store, before);
      g_print ("%s\n", said);
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
  if (options->list_events && (status = list_events (store)) != 0)
    return status;
  if (has_export (options))
    return run_export (store, settings, options);
  return 0;
}
