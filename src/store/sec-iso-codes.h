/* sec-iso-codes.h: countries and currencies from iso-codes, translated */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;   /* alpha-2 for countries, alpha-3 for currencies */
  const char *name;   /* English; translate with sec_iso_*_name () */
} SecIsoEntry;

const SecIsoEntry *sec_iso_countries           (guint      *n_entries);
const SecIsoEntry *sec_iso_currencies          (guint      *n_entries);
const char        *sec_iso_country_name        (const char *code);
const char        *sec_iso_currency_name       (const char *code);
const char        *sec_iso_country_code        (const char *code_or_name);
const char        *sec_iso_currency_code       (const char *code_or_name);
guint              sec_iso_currency_digits     (const char *code);

G_END_DECLS
