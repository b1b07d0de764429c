/* sec-iso-codes.c: countries and currencies from the iso-codes package
 *
 * The JSON files give the codes and English names; the package's gettext
 * domains give the names in the user's language.
 */

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "sec-iso-codes.h"

#define COUNTRY_DOMAIN "iso_3166-1"
#define CURRENCY_DOMAIN "iso_4217"

typedef struct {
  GArray     *entries;  /* SecIsoEntry, interned strings */
  GHashTable *index;    /* folded code, English name or translated name → entry position + 1 */
} IsoTable;

static char *
fold_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_utf8_casefold (normal ? normal : "", -1);
}

/* Codes first, so that a name never hides a code. */
static void
index_table (IsoTable   *table,
             const char *domain)
{
  table->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < table->entries->len; i++)
      {
        const SecIsoEntry *e = &g_array_index (table->entries, SecIsoEntry, i);
        const char *key = pass == 0 ? e->code : pass == 1 ? e->name : g_dgettext (domain, e->name);
        char *folded = fold_key (key);

        if (g_hash_table_contains (table->index, folded))
          g_free (folded);
        else
          g_hash_table_insert (table->index, folded, GUINT_TO_POINTER (i + 1));
      }
}

static void
load_table (IsoTable   *table,
            const char *file,
            const char *domain,
            const char *list_key,
            const char *code_key)
{
  g_autofree char *path = g_build_filename (ISO_CODES_DIR, file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *list;

  table->entries = g_array_new (FALSE, TRUE, sizeof (SecIsoEntry));
  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_warning ("Cannot read %s: %s", path, error->message);
      index_table (table, domain);
      return;
    }
  list = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), list_key);
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      const char *name = json_object_get_string_member_with_default (o, "common_name", NULL);
      SecIsoEntry entry;

      if (name == NULL)
        name = json_object_get_string_member_with_default (o, "name", "");
      entry.code = g_intern_string (json_object_get_string_member_with_default (o, code_key, ""));
      entry.name = g_intern_string (name);
      g_array_append_val (table->entries, entry);
    }
  index_table (table, domain);
}

static IsoTable *
countries (void)
{
  static IsoTable table;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      load_table (&table, "iso_3166-1.json", COUNTRY_DOMAIN, "3166-1", "alpha_2");
      g_once_init_leave (&loaded, 1);
    }
  return &table;
}

static IsoTable *
currencies (void)
{
  static IsoTable table;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      load_table (&table, "iso_4217.json", CURRENCY_DOMAIN, "4217", "alpha_3");
      g_once_init_leave (&loaded, 1);
    }
  return &table;
}

static const SecIsoEntry *
find_entry (IsoTable   *table,
            const char *domain,
            const char *code_or_name)
{
  g_autofree char *key = NULL;
  guint position;

  if (code_or_name == NULL)
    return NULL;
  key = fold_key (code_or_name);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (table->index, key));
  return position ? &g_array_index (table->entries, SecIsoEntry, position - 1) : NULL;
}

const SecIsoEntry *
sec_iso_countries (guint *n_entries)
{
  *n_entries = countries ()->entries->len;
  return (const SecIsoEntry *) (gpointer) countries ()->entries->data;
}

const SecIsoEntry *
sec_iso_currencies (guint *n_entries)
{
  *n_entries = currencies ()->entries->len;
  return (const SecIsoEntry *) (gpointer) currencies ()->entries->data;
}

const char *
sec_iso_country_name (const char *code)
{
  const SecIsoEntry *e = find_entry (countries (), COUNTRY_DOMAIN, code);
  return e ? g_dgettext (COUNTRY_DOMAIN, e->name) : NULL;
}

const char *
sec_iso_currency_name (const char *code)
{
  const SecIsoEntry *e = find_entry (currencies (), CURRENCY_DOMAIN, code);
  return e ? g_dgettext (CURRENCY_DOMAIN, e->name) : NULL;
}

const char *
sec_iso_country_code (const char *code_or_name)
{
  const SecIsoEntry *e = find_entry (countries (), COUNTRY_DOMAIN, code_or_name);
  return e ? e->code : NULL;
}

const char *
sec_iso_currency_code (const char *code_or_name)
{
  const SecIsoEntry *e = find_entry (currencies (), CURRENCY_DOMAIN, code_or_name);
  return e ? e->code : NULL;
}

/* iso-codes does not carry the minor unit, so the currencies that differ
 * from the usual two decimals are listed here (ISO 4217 table A.1). */
guint
sec_iso_currency_digits (const char *code)
{
  static const char *const zero[] = {
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
    "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF", NULL
  };
  static const char *const three[] = {
    "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", NULL
  };

  if (code != NULL && g_strv_contains (zero, code))
    return 0;
  if (code != NULL && g_strv_contains (three, code))
    return 3;
  return 2;
}
