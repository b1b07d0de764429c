/* sec-programme.c: the timetable rules of an event's sessions
 *
 * Sessions in the same room may not overlap (a session without a room is
 * in the plenary, which is one room too); touching is fine, 10:30–11:00
 * then 11:00–12:00. When a session grows, the sessions after it that day
 * can move later together.
 */

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sec-programme.h"

void
sec_overlap_free (SecOverlap *overlap)
{
  if (overlap == NULL)
    return;
  g_free (overlap->first);
  g_free (overlap->second);
  g_free (overlap);
}

/* "08:30" → 510; -1 when it is not a time. */
int
sec_time_to_minutes (const char *time)
{
  if (time == NULL || strlen (time) != 5 || time[2] != ':' ||
      !g_ascii_isdigit (time[0]) || !g_ascii_isdigit (time[1]) ||
      !g_ascii_isdigit (time[3]) || !g_ascii_isdigit (time[4]))
    return -1;
  return ((time[0] - '0') * 10 + (time[1] - '0')) * 60 + (time[3] - '0') * 10 + (time[4] - '0');
}

char *
sec_minutes_to_time (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  SecRecord *x = *(SecRecord **) a, *y = *(SecRecord **) b;
  int order = g_strcmp0 (sec_record_get (x, "date"), sec_record_get (y, "date"));

  if (order == 0)
    order = g_strcmp0 (sec_record_get (x, "starts_at"), sec_record_get (y, "starts_at"));
  if (order == 0)
    order = g_strcmp0 (sec_record_get (x, "ends_at"), sec_record_get (y, "ends_at"));
  if (order == 0)
    order = g_strcmp0 (sec_record_get (x, "room"), sec_record_get (y, "room"));
  return order;
}

/* The event's live sessions in the order of the day: date, start, end. */
GPtrArray *
sec_programme_sessions (SecStore   *store,
                        const char *event_id)
{
  GPtrArray *sessions = sec_store_load_children (store, &sec_entity_session, event_id);

  g_ptr_array_sort (sessions, compare_sessions);
  return sessions;
}

/* Pairs of sessions that share a room and a moment; @sessions in the
 * order sec_programme_sessions() gives. */
GPtrArray *
sec_programme_overlaps (GPtrArray *sessions)
{
  GPtrArray *overlaps = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_overlap_free);

  for (guint i = 0; i < sessions->len; i++)
    {
      SecRecord *a = g_ptr_array_index (sessions, i);

      for (guint j = i + 1; j < sessions->len; j++)
        {
          SecRecord *b = g_ptr_array_index (sessions, j);
          SecOverlap *overlap;

          if (g_strcmp0 (sec_record_get (a, "date"), sec_record_get (b, "date")) != 0 ||
              g_strcmp0 (sec_record_get (b, "starts_at"), sec_record_get (a, "ends_at")) >= 0)
            break;   /* sorted: nothing later can overlap a */
          if (g_strcmp0 (sec_record_get (a, "room"), sec_record_get (b, "room")) != 0)
            continue;
          overlap = g_new0 (SecOverlap, 1);
          overlap->first = g_strdup (sec_record_get_id (a));
          overlap->second = g_strdup (sec_record_get_id (b));
          g_ptr_array_add (overlaps, overlap);
        }
    }
  return overlaps;
}

/* Moves by @minutes (later if positive) every session of @event_id on
 * @date that starts at or after @from_time, in one transaction; a session
 * that would leave the day moves nothing. */
gboolean
sec_programme_shift (SecStore    *store,
                     const char  *event_id,
                     const char  *date,
                     const char  *from_time,
                     int          minutes,
                     GError     **error)
{
  g_autoptr(GPtrArray) sessions = sec_programme_sessions (store, event_id);
  int from = sec_time_to_minutes (from_time);

  if (!sec_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < sessions->len; i++)
    {
      SecRecord *session = g_ptr_array_index (sessions, i);
      int start = sec_time_to_minutes (sec_record_get (session, "starts_at")) + minutes;
      int end = sec_time_to_minutes (sec_record_get (session, "ends_at")) + minutes;
      g_autofree char *new_start = NULL, *new_end = NULL;

      if (g_strcmp0 (sec_record_get (session, "date"), date) != 0 ||
          sec_time_to_minutes (sec_record_get (session, "starts_at")) < from)
        continue;
      if (start < 0 || end > 24 * 60 - 1)
        {
          g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID,
                       _("“%s” would leave the day; nothing was moved"), sec_record_get (session, "title"));
          sec_store_rollback (store);
          return FALSE;
        }
      new_start = sec_minutes_to_time (start);
      new_end = sec_minutes_to_time (end);
      sec_record_set (session, "starts_at", new_start);
      sec_record_set (session, "ends_at", new_end);
      if (!sec_store_save (store, session, error))
        {
          sec_store_rollback (store);
          return FALSE;
        }
    }
  return sec_store_commit (store, error);
}
