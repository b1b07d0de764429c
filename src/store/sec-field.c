/* sec-field.c: the text form of field values and their checks */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-field.h"
#include "sec-iso-codes.h"

G_DEFINE_QUARK (sec-field-error-quark, sec_field_error)

/* Helpers */

static const char *
currency_of (SecRecord *record)
{
  int i = sec_entity_field_index (sec_record_get_entity (record), "dues_currency");
  return i < 0 ? NULL : sec_record_get_nth (record, (guint) i);
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SEC_FIELD_ERROR, SEC_FIELD_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;
  return TRUE;
}

static char *
normalize_url (const char *text)
{
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (strstr (text, "://") == NULL)
    text = with_scheme = g_strconcat ("https://", text, NULL);
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return NULL;
  if (g_uri_get_host (uri) == NULL || strchr (g_uri_get_host (uri), '.') == NULL)
    return NULL;
  return g_strdup (text);
}

static gboolean
is_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("+-() ./x", *p) == NULL)
        return FALSE;
    }
  return digits >= 4;
}

static char *
normalize_sdgs (const char *text)
{
  gboolean goals[18] = { FALSE, };
  g_auto(GStrv) parts = g_strsplit_set (text, ",; ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      guint64 n;

      if (*part == '\0')
        continue;
      if (g_ascii_strncasecmp (part, "SDG", 3) == 0)
        part += 3;
      if (*part == '\0')
        continue;
      if (!g_ascii_string_to_unsigned (part, 10, 1, 17, &n, NULL))
        return (void) g_string_free (out, TRUE), NULL;
      goals[n] = TRUE;
    }
  for (guint n = 1; n <= 17; n++)
    if (goals[n])
      g_string_append_printf (out, "%s%u", out->len ? "," : "", n);
  return g_string_free (out, FALSE);
}

static char *
normalize_bool (const char *text)
{
  static const char *const yes[] = { "1", "yes", "true", "y", "x", NULL };
  static const char *const no[] = { "0", "no", "false", "n", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0 || g_utf8_collate (text, _(yes[i])) == 0)
      return g_strdup ("1");
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return g_strdup ("0");
  return NULL;
}

/* "8:00", "08.00", "0800" and "08:00" all become "08:00". */
static char *
normalize_time (const char *text)
{
  guint hours = 0, minutes = 0, digits = 0;
  gboolean separator = FALSE;

  for (const char *p = text; *p; p++)
    {
      if ((*p == ':' || *p == '.' || *p == 'h') && !separator && digits > 0)
        {
          separator = TRUE;
          hours = minutes;
          minutes = 0;
          digits = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p) || ++digits > 4)
        return NULL;
      minutes = minutes * 10 + (guint) (*p - '0');
    }
  if (!separator && digits >= 3)
    {
      hours = minutes / 100;
      minutes %= 100;
    }
  else if (!separator || digits != 2)
    return NULL;
  if (hours > 23 || minutes > 59)
    return NULL;
  return g_strdup_printf ("%02u:%02u", hours, minutes);
}

static gboolean
is_timezone (const char *text)
{
  g_autoptr(GTimeZone) zone = strchr (text, '/') || g_str_equal (text, "UTC") ? g_time_zone_new_identifier (text) : NULL;
  return zone != NULL;
}

/* Returns the stored form of @text, or NULL with @error set. */
static char *
normalize (SecRecord      *record,
           const SecField *field,
           const char     *text,
           GError        **error)
{
  const char *code;
  char *out = NULL;

  switch (field->type)
    {
    case SEC_FIELD_TEXT:
    case SEC_FIELD_MULTILINE:
    case SEC_FIELD_PARENT:
      return g_strdup (text);

    case SEC_FIELD_CHOICE:
      if ((code = sec_field_choice_id (field, text)) == NULL)
        invalid (error, _("“%s” is not a known choice"), text);
      return g_strdup (code);

    case SEC_FIELD_COUNTRY:
      if ((code = sec_iso_country_code (text)) == NULL)
        invalid (error, _("“%s” is not a known country"), text);
      return g_strdup (code);

    case SEC_FIELD_CURRENCY:
      if ((code = sec_iso_currency_code (text)) == NULL)
        invalid (error, _("“%s” is not a known currency"), text);
      return g_strdup (code);

    case SEC_FIELD_EMAIL:
      if (!is_email (text))
        return invalid (error, _("Enter an email address such as name@example.org")), NULL;
      return g_strdup (text);

    case SEC_FIELD_URL:
      if ((out = normalize_url (text)) == NULL)
        invalid (error, _("Enter a web address such as https://example.org"));
      return out;

    case SEC_FIELD_PHONE:
      if (!is_phone (text))
        return invalid (error, _("Enter a phone number with digits, spaces and + - ( )")), NULL;
      return g_strdup (text);

    case SEC_FIELD_DATE:
      {
        GDate date;
        char buf[16];

        if (!sec_date_parse (text, &date))
          return invalid (error, _("Enter a date as YYYY-MM-DD")), NULL;
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        return g_strdup (buf);
      }

    case SEC_FIELD_MONEY:
      {
        gint64 minor;

        if (!sec_money_parse (text, currency_of (record), &minor))
          return invalid (error, _("Enter an amount such as 150.00")), NULL;
        return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
      }

    case SEC_FIELD_BOOL:
      if ((out = normalize_bool (text)) == NULL)
        invalid (error, _("Enter yes or no"));
      return out;

    case SEC_FIELD_SDGS:
      if ((out = normalize_sdgs (text)) == NULL)
        invalid (error, _("Enter goal numbers from 1 to 17, separated by commas"));
      return out;

    case SEC_FIELD_TIME:
      if ((out = normalize_time (text)) == NULL)
        invalid (error, _("Enter a time as HH:MM, such as 08:30 or 17:00"));
      return out;

    case SEC_FIELD_TIMEZONE:
      if (!is_timezone (text))
        return invalid (error, _("Enter a time zone such as Asia/Kuala_Lumpur")), NULL;
      return g_strdup (text);

    case SEC_FIELD_PERCENT:
    case SEC_FIELD_INTEGER:
      {
        guint64 n;
        const char *digits = g_str_has_suffix (text, "%") ? NULL : text;
        g_autofree char *trimmed = digits ? NULL : g_strndup (text, strlen (text) - 1);

        if (!g_ascii_string_to_unsigned (digits ? digits : g_strstrip (trimmed), 10, 0,
                                         field->type == SEC_FIELD_PERCENT ? 100 : G_MAXINT32, &n, NULL))
          return invalid (error, field->type == SEC_FIELD_PERCENT ? _("Enter a whole number from 0 to 100")
                                                                  : _("Enter a whole number")), NULL;
        return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
      }

    case SEC_FIELD_REFERENCE:
      return g_strdup (text);

    default:
      g_assert_not_reached ();
    }
}

/* Public API */

char *
sec_field_format (SecRecord *record,
                  guint      index)
{
  const SecField *field = &sec_record_get_entity (record)->fields[index];
  const char *value = sec_record_get_nth (record, index);
  gint64 minor;

  if (value == NULL)
    return NULL;
  if (field->type == SEC_FIELD_MONEY)
    {
      minor = g_ascii_strtoll (value, NULL, 10);
      return sec_money_format (minor, currency_of (record));
    }
  return g_strdup (value);
}

/* What a person reads in a list: labels for choices, country names in the
 * user's language, money with its currency. */
/* "29 Jan 2024", as the user's language writes a date. */
static char *
date_display (const char *value)
{
  GDate day;
  g_autoptr(GDateTime) date = NULL;

  if (!sec_date_parse (value, &day) ||
      (date = g_date_time_new_utc (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                                   0, 0, 0)) == NULL)
    return g_strdup (value);
  /* Translators: a date in lists and documents, see g_date_time_format() */
  return g_date_time_format (date, C_("date", "%-d %b %Y"));
}

char *
sec_field_display (SecRecord *record,
                   guint      index)
{
  const SecField *field = &sec_record_get_entity (record)->fields[index];
  const char *value = sec_record_get_nth (record, index);
  g_autofree char *amount = NULL;

  if (value == NULL)
    return NULL;
  switch (field->type)
    {
    case SEC_FIELD_CHOICE:
      return g_strdup (sec_field_choice_label (field, value));
    case SEC_FIELD_COUNTRY:
      return g_strdup (sec_iso_country_name (value) ? sec_iso_country_name (value) : value);
    case SEC_FIELD_MONEY:
      amount = sec_field_format (record, index);
      return g_strdup_printf ("%s %s", amount, currency_of (record) ? currency_of (record) : "");
    case SEC_FIELD_BOOL:
      return g_strdup (g_strcmp0 (value, "1") == 0 ? _("Yes") : _("No"));
    case SEC_FIELD_DATE:
      return date_display (value);
    default:
      return g_strdup (value);
    }
}

/* Checks @text and stores its normal form in @record; an empty text clears
 * the field. On error @record is left as it was. */
gboolean
sec_field_parse (SecRecord  *record,
                 guint       index,
                 const char *text,
                 GError    **error)
{
  const SecField *field;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *value = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SEC_IS_RECORD (record), FALSE);

  field = &sec_record_get_entity (record)->fields[index];
  if (*stripped == '\0')
    {
      sec_record_set_nth (record, index, NULL);
      return TRUE;
    }
  value = normalize (record, field, stripped, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  sec_record_set_nth (record, index, value);
  return TRUE;
}

/* The order rules of the entity: an end not before its start. */
static gboolean
check_order (SecRecord *record,
             int       *bad_field,
             GError   **error)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (const SecOrderRule *rule = entity->order_rules; rule != NULL && rule->later != NULL; rule++)
    {
      const char *later = sec_record_get (record, rule->later);
      const char *earlier = sec_record_get (record, rule->earlier);
      int order = later && earlier ? strcmp (later, earlier) : 1;

      if (order < 0 || (order == 0 && rule->strict))
        {
          *bad_field = sec_entity_field_index (entity, rule->later);
          g_set_error_literal (error, SEC_FIELD_ERROR, SEC_FIELD_ERROR_INVALID, _(rule->message));
          return FALSE;
        }
    }
  *bad_field = -1;
  return TRUE;
}

/* Checks the whole record: every field in its stored form, required fields
 * present, and the rules between fields. */
gboolean
sec_record_validate (SecRecord *record,
                     int       *bad_field,
                     GError   **error)
{
  const SecEntity *entity = sec_record_get_entity (record);
  int dummy;

  if (bad_field == NULL)
    bad_field = &dummy;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const SecField *field = &entity->fields[i];
      const char *value = sec_record_get_nth (record, i);
      g_autofree char *normal = NULL;
      g_autoptr(GError) local_error = NULL;

      *bad_field = (int) i;
      if (value == NULL)
        {
          if (field->required)
            {
              g_set_error (error, SEC_FIELD_ERROR, SEC_FIELD_ERROR_REQUIRED,
                           _("%s is required"), _(field->label));
              return FALSE;
            }
          continue;
        }
      if (field->type == SEC_FIELD_MONEY)
        {
          gint64 n;
          if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT64 / 1000, &n, NULL))
            return invalid (error, _("%s must be a positive amount"), _(field->label));
          if (currency_of (record) == NULL)
            return invalid (error, _("Choose the currency of the dues"));
          continue;
        }
      normal = normalize (record, field, value, &local_error);
      if (local_error != NULL)
        {
          g_set_error (error, SEC_FIELD_ERROR, SEC_FIELD_ERROR_INVALID, "%s: %s",
                       _(field->label), local_error->message);
          return FALSE;
        }
    }
  return check_order (record, bad_field, error);
}

/* The form of text that search compares: case folded, and Latin letters
 * without their diacritics, so "hop tac xa" finds "Hợp tác xã". Marks of
 * other scripts (Thai, Khmer, Myanmar vowels) carry meaning and are kept. */
char *
sec_text_fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  g_autofree char *nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (nfd));

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0300 && c <= 0x036F)
        continue;
      if (c == 0x0111)   /* đ has no decomposition */
        c = 'd';
      g_string_append_unichar (out, c);
    }
  g_free (folded);
  folded = g_string_free (out, FALSE);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

char *
sec_money_format (gint64      minor,
                  const char *currency)
{
  guint digits = sec_iso_currency_digits (currency);
  gint64 scale = 1;

  for (guint i = 0; i < digits; i++)
    scale *= 10;
  if (digits == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                          minor < 0 ? "-" : "", ABS (minor) / scale,
                          (int) digits, ABS (minor) % scale);
}

/* Which character of @text separates the decimals, if any: of "." and ","
 * the last one, unless it is a "," that only groups thousands ("1,500"),
 * or a mark that occurs more than once ("1.500.000"). */
static char
decimal_mark (const char *text)
{
  const char *dot = strrchr (text, '.'), *comma = strrchr (text, ',');
  const char *last = dot > comma ? dot : comma;

  if (last == NULL)
    return '\0';
  if (strchr (text, *last) != last)
    return '\0';
  if (*last == ',' && dot == NULL && strlen (last + 1) == 3)
    return '\0';
  return *last;
}

/* Thousands groups in the whole part must have three digits each: "1,500"
 * is grouped, "1,5,0" is a typing mistake. */
static gboolean
groups_ok (const char *text,
           char        mark)
{
  guint run = 0;
  gboolean grouped = FALSE;

  for (const char *p = text; *p && *p != mark; p++)
    {
      if (*p == ',' || *p == '.' || *p == ' ')
        {
          if ((grouped && run != 3) || run == 0 || run > 3)
            return FALSE;
          grouped = TRUE;
          run = 0;
        }
      else
        run++;
    }
  return !grouped || run == 3;
}

/* Reads "1500", "1500.5", "1,500.50", "1.500,50" or "1500,5" in the
 * currency's minor units. */
gboolean
sec_money_parse (const char *text,
                 const char *currency,
                 gint64     *minor)
{
  guint digits = sec_iso_currency_digits (currency);
  char mark = decimal_mark (text);
  gint64 whole = 0, fraction = 0;
  guint fraction_digits = 0;
  gboolean seen_point = FALSE, seen_digit = FALSE;

  if (!groups_ok (text, mark))
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (*p == mark && !seen_point)
        {
          seen_point = TRUE;
          continue;
        }
      if ((*p == ',' || *p == '.' || *p == ' ') && !seen_point)
        continue;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      seen_digit = TRUE;
      if (!seen_point)
        {
          if (whole > G_MAXINT64 / 10000)
            return FALSE;
          whole = whole * 10 + (*p - '0');
        }
      else if (++fraction_digits > digits)
        return FALSE;
      else
        fraction = fraction * 10 + (*p - '0');
    }
  if (!seen_digit)
    return FALSE;
  for (; fraction_digits < digits; fraction_digits++)
    fraction *= 10;
  for (guint i = 0; i < digits; i++)
    whole *= 10;
  *minor = whole + fraction;
  return TRUE;
}

static gboolean
read_number (const char *text,
             guint       digits,
             guint      *value)
{
  *value = 0;
  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

/* Reads YYYY-MM-DD, and nothing else: dates are stored and exchanged in
 * one unambiguous form. Called for every row of a status filter, so it
 * allocates nothing. */
gboolean
sec_date_parse (const char *text,
                GDate      *date)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !read_number (text, 4, &y) || !read_number (text + 5, 2, &m) || !read_number (text + 8, 2, &d) ||
      y < 1000 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}
