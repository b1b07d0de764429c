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
  GPtrArray  *iso_names; /* by entry, interned: the standard's name where the
                          * entry shows a common one ("Viet Nam", "Vietnam") */
  GHashTable *index;    /* folded code, English name or translated name → entry position + 1 */
} IsoTable;

static char *
fold_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return g_utf8_casefold (normal ? normal : "", -1);
}

static const char *
index_key (IsoTable   *table,
           const char *domain,
           guint       pass,
           guint       i)
{
  const SecIsoEntry *e = &g_array_index (table->entries, SecIsoEntry, i);
  const char *iso_name = g_ptr_array_index (table->iso_names, i);

  switch (pass)
    {
    case 0:
      return e->code;
    case 1:
      return e->name;
    case 2:
      return g_dgettext (domain, e->name);
    case 3:
      return iso_name;
    default:
      return g_dgettext (domain, iso_name);
    }
}

/* Codes first, so that a name never hides a code; the names shown before
 * the standard's, which official lists still use ("Viet Nam"). */
static void
index_table (IsoTable   *table,
             const char *domain)
{
  table->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint pass = 0; pass < 5; pass++)
    for (guint i = 0; i < table->entries->len; i++)
      {
        char *folded = fold_key (index_key (table, domain, pass, i));

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
  table->iso_names = g_ptr_array_new ();
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
      const char *iso_name = json_object_get_string_member_with_default (o, "name", "");
      const char *name = json_object_get_string_member_with_default (o, "common_name", iso_name);
      SecIsoEntry entry;

      entry.code = g_intern_string (json_object_get_string_member_with_default (o, code_key, ""));
      entry.name = g_intern_string (name);
      g_array_append_val (table->entries, entry);
      g_ptr_array_add (table->iso_names, (gpointer) g_intern_string (iso_name));
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
