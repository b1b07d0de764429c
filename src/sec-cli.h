/* sec-cli.h: the headless verbs of the command line */
#pragma once

#include <gio/gio.h>

#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  char     *import_csv;
  char     *export_csv;
  char     *duplicates;
  gboolean  accept_valid;
  gboolean  load_sample;
  gboolean  sync;
  char     *remote;
  gboolean  list_events;
  char     *export_programme;     /* an event id or part of its title */
  char     *export_ics;
  char     *export_certificates;
  char     *export_attendance;
  char     *export_agenda;        /* to FILE.pdf or FILE.md, by --output's extension */
  char     *export_minutes;
  char     *report;               /* "roadmap" or "sdg" */
  char     *output;
  char     *paper;
  char     *participant;
  char     *network;
} SecCliOptions;

void     sec_cli_options_clear (SecCliOptions       *options);
gboolean sec_cli_has_verb      (const SecCliOptions *options);
int      sec_cli_run           (SecStore            *store,
                                GSettings           *settings,
                                const SecCliOptions *options);

G_END_DECLS
