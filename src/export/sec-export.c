/* sec-export.c: what the calendar and PDF exports share
 *
 * Finding the event a person means from a part of its title, and the dates
 * and places as a reader wants them printed.
 */

#include <glib/gi18n.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sec-export.h"
#include "sec-field.h"
#include "sec-query-model.h"

G_DEFINE_QUARK (sec-export-error-quark, sec_export_error)

/* Private helpers */

static GDateTime *
date_time_from_text (const char *text)
{
  GDate date;

  if (text == NULL || !sec_date_parse (text, &date))
    return NULL;
  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
}

static char *
format (GDateTime  *date,
        const char *pattern)
{
  return g_date_time_format (date, pattern);
}

/* The events whose folded title contains @folded; an exact title match
 * alone, if there is one, so that a full title is never ambiguous. */
static GPtrArray *
events_matching (SecStore   *store,
                 const char *folded)
{
  g_autoptr(GPtrArray) events = sec_export_list_events (store);
  GPtrArray *matches = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < events->len; i++)
    {
      SecRecord *event = g_ptr_array_index (events, i);
      g_autofree char *title = sec_text_fold (sec_record_get (event, "title"));

      if (g_strcmp0 (title, folded) == 0)
        {
          g_ptr_array_set_size (matches, 0);
          g_ptr_array_add (matches, g_object_ref (event));
          break;
        }
      if (strstr (title, folded) != NULL)
        g_ptr_array_add (matches, g_object_ref (event));
    }
  return matches;
}

/* Public API */

/* The live events, earliest first, for lists and for finding one by title. */
GPtrArray *
sec_export_list_events (SecStore *store)
{
  g_autoptr(SecQueryModel) model = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (SEC_IS_STORE (store), events);

  model = sec_query_model_new (store, &sec_entity_event);
  sec_query_model_set_sort (model, "starts_on", FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (events, g_list_model_get_item (G_LIST_MODEL (model), i));
  return events;
}

/* The id of the event @id_or_title names: its id, or a part of its title
 * (any case) that no other live event's title contains. */
char *
sec_export_find_event (SecStore    *store,
                       const char  *id_or_title,
                       GError     **error)
{
  g_autoptr(SecRecord) by_id = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_title != NULL, NULL);

  if ((by_id = sec_store_load (store, &sec_entity_event, id_or_title, NULL)) != NULL)
    return g_strdup (sec_record_get_id (by_id));
  folded = sec_text_fold (id_or_title);
  matches = events_matching (store, folded);
  if (matches->len == 1 && *folded != '\0')
    return g_strdup (sec_record_get_id (g_ptr_array_index (matches, 0)));
  if (matches->len == 0 || *folded == '\0')
    g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND,
                 _("No event has the id or a title containing “%s”"), id_or_title);
  else
    g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_AMBIGUOUS,
                 g_dngettext (GETTEXT_PACKAGE, "“%s” matches %u event; give more of the title or the id (see --list-events)",
                              "“%s” matches %u events; give more of the title or the id (see --list-events)",
                              matches->len),
                 id_or_title, matches->len);
  return NULL;
}

/* The id of @event_id's participant whose id or name (any case) is
 * @id_or_name. */
char *
sec_export_find_participant (SecStore    *store,
                             const char  *event_id,
                             const char  *id_or_name,
                             GError     **error)
{
  g_autoptr(SecRecord) by_id = NULL;
  char *id;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL && id_or_name != NULL, NULL);

  by_id = sec_store_load (store, &sec_entity_participant, id_or_name, NULL);
  if (by_id != NULL && g_strcmp0 (sec_record_get (by_id, "event_id"), event_id) == 0)
    return g_strdup (sec_record_get_id (by_id));
  id = sec_store_find_id (store, &sec_entity_participant, "name", id_or_name, "event_id", event_id);
  if (id == NULL)
    g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND,
                 _("The event has no participant “%s”"), id_or_name);
  return id;
}

/* The live event @event_id, or an error that names the id. */
SecRecord *
sec_export_load_event (SecStore    *store,
                       const char  *event_id,
                       GError     **error)
{
  SecRecord *event;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);

  if (event_id == NULL ||
      (event = sec_store_load (store, &sec_entity_event, event_id, NULL)) == NULL)
    {
      g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND,
                   _("No event with the id “%s”"), event_id ? event_id : "");
      return NULL;
    }
  return event;
}

/* "2015-04-25" → "Saturday 25 April 2015"; a day heading in a programme. */
char *
sec_export_format_date (const char *date)
{
  g_autoptr(GDateTime) when = date_time_from_text (date);

  if (when == NULL)
    return g_strdup (date ? date : "");
  /* TRANSLATORS: a day heading, see g_date_time_format() */
  return format (when, C_("day heading", "%A %-d %B %Y"));
}

/* The dates of an event as one phrase, shortest first: "25 April 2015",
 * "23–24 February 2019", "30 January – 2 February 2024". */
char *
sec_export_format_dates (const char *starts_on,
                         const char *ends_on)
{
  g_autoptr(GDateTime) from = date_time_from_text (starts_on);
  g_autoptr(GDateTime) to = date_time_from_text (ends_on);
  g_autofree char *first = NULL, *last = NULL;

  if (from == NULL)
    return g_strdup (starts_on ? starts_on : "");
  /* TRANSLATORS: a full date, see g_date_time_format() */
  last = format (to ? to : from, C_("full date", "%-d %B %Y"));
  if (to == NULL || g_date_time_compare (from, to) >= 0)
    return g_steal_pointer (&last);
  if (g_date_time_get_year (from) != g_date_time_get_year (to))
    first = format (from, C_("full date", "%-d %B %Y"));
  else if (g_date_time_get_month (from) != g_date_time_get_month (to))
    /* TRANSLATORS: the first day of a range within one year */
    first = format (from, C_("date range", "%-d %B"));
  else
    {
      first = format (from, "%-d");
      /* TRANSLATORS: a range of days within one month, "23–24 February 2019" */
      return g_strdup_printf (C_("date range", "%s–%s"), first, last);
    }
  /* TRANSLATORS: a range of dates that are not in one month */
  return g_strdup_printf (C_("date range", "%s – %s"), first, last);
}

/* The non-empty ones of @n_parts strings, which may be %NULL, joined with
 * @separator: a place from its room, venue and city. */
char *
sec_export_join (const char        *separator,
                 guint              n_parts,
                 const char *const *parts)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, separator);
      g_string_append (joined, parts[i]);
    }
  return g_string_free (joined, FALSE);
}

/* Replaces @path with @length bytes of @data in one step (a temporary file
 * renamed over it), so that a reader never sees half a document; errors
 * name @path, not the temporary file. */
gboolean
sec_export_write (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

/* A field as a reader sees it (choice labels, country names); %NULL when
 * it is empty. */
char *
sec_export_display (SecRecord  *record,
                    const char *field)
{
  int index = sec_entity_field_index (sec_record_get_entity (record), field);

  g_return_val_if_fail (index >= 0, NULL);
  return sec_field_display (record, (guint) index);
}

/* The image file @path (a logo), or NULL with @error set. Its format is
 * known from its name first:
 * a server that prints certificates from cron may have no MIME database,
 * which gdk-pixbuf otherwise needs to tell a PNG from a JPEG. */
GdkPixbuf *
sec_export_load_image (const char  *path,
                       GError     **error)
{
  static const char *const types[][2] = {
    { ".png", "png" }, { ".jpg", "jpeg" }, { ".jpeg", "jpeg" }, { ".svg", "svg" }, { ".gif", "gif" },
  };
  g_autofree char *name = g_ascii_strdown (path, -1);
  g_autofree char *data = NULL;
  gsize length = 0;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GdkPixbufLoader) loader = NULL;

      if (!g_str_has_suffix (name, types[i][0]) ||
          (loader = gdk_pixbuf_loader_new_with_type (types[i][1], NULL)) == NULL ||
          (data == NULL && !g_file_get_contents (path, &data, &length, NULL)))
        continue;
      if (gdk_pixbuf_loader_write (loader, (const guchar *) data, length, NULL) &&
          gdk_pixbuf_loader_close (loader, NULL) && gdk_pixbuf_loader_get_pixbuf (loader) != NULL)
        return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
      gdk_pixbuf_loader_close (loader, NULL);
    }
  return gdk_pixbuf_new_from_file (path, error);
}
