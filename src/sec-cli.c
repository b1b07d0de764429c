/* sec-cli.c: the headless verbs, for scripts and cron
 *
 * Each verb goes through the same store code as the window. Errors are one
 * line on stderr and a non-zero exit; the database is left as it was.
 */

#include <glib/gi18n.h>

#include "sec-cli.h"
#include "sec-csv.h"
#include "sec-json.h"

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

gboolean
sec_cli_has_verb (const SecCliOptions *options)
{
  return options->import_csv || options->export_csv || options->load_sample;
}

/* Runs the verbs in a fixed order: sample, import, export. */
int
sec_cli_run (SecStore            *store,
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
      g_print (g_dngettext (GETTEXT_PACKAGE, "Added %u member from the sample network\n",
                            "Added %u members from the sample network\n", added), added);
    }
  if (options->import_csv && (status = import_csv (store, options)) != 0)
    return status;
  if (options->export_csv && !sec_csv_export (store, options->export_csv, &error))
    {
      g_printerr ("%s: %s\n", options->export_csv, error->message);
      return 1;
    }
  return 0;
}
