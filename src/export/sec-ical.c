/* sec-ical.c: an event's programme as an iCalendar file
 *
 * Each session is a VEVENT of its own, so that a calendar shows the day's
 * timetable rather than one block over the whole event. Times are wall
 * clock times in the event's zone (TZID), with its VTIMEZONE when libical
 * knows the zone; an event without a zone is in UTC.
 */

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sec-export.h"
#include "sec-ical.h"
#include "sec-programme.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* Private helpers */

static gboolean
is_utc (const char *zone)
{
  return zone == NULL || g_ascii_strcasecmp (zone, "UTC") == 0 || g_strcmp0 (zone, "Etc/UTC") == 0;
}

/* libical names its zones "/freeassociation.sourceforge.net/Asia/Bangkok";
 * calendars match TZID to the VTIMEZONE, so both get the plain name. */
static icalcomponent *
timezone_component (const char *zone)
{
  icaltimezone *builtin = icaltimezone_get_builtin_timezone (zone);
  icalcomponent *component;
  icalproperty *tzid;

  if (builtin == NULL || icaltimezone_get_component (builtin) == NULL)
    return NULL;
  component = icalcomponent_new_clone (icaltimezone_get_component (builtin));
  tzid = icalcomponent_get_first_property (component, ICAL_TZID_PROPERTY);
  if (tzid != NULL)
    icalproperty_set_tzid (tzid, zone);
  return component;
}

/* A date and time of a session: floating with a TZID parameter, or UTC. */
static icalproperty *
time_property (icalproperty_kind  kind,
               const char        *date,
               const char        *time,
               const char        *zone)
{
  struct icaltimetype t = icaltime_null_time ();
  int minutes = sec_time_to_minutes (time);
  icalproperty *property;

  sscanf (date, "%4d-%2d-%2d", &t.year, &t.month, &t.day);
  t.hour = minutes / 60;
  t.minute = minutes % 60;
  if (is_utc (zone))
    t.zone = icaltimezone_get_utc_timezone ();
  property = icalproperty_new (kind);
  if (kind == ICAL_DTSTART_PROPERTY)
    icalproperty_set_dtstart (property, t);
  else
    icalproperty_set_dtend (property, t);
  if (!is_utc (zone))
    icalproperty_add_parameter (property, icalparameter_new_tzid (zone));
  return property;
}

static char *
session_location (SecRecord *session,
                  SecRecord *event)
{
  const char *parts[] = {
    sec_record_get (session, "room"), sec_record_get (event, "venue"), sec_record_get (event, "city"),
  };
  return sec_export_join (", ", G_N_ELEMENTS (parts), parts);
}

static char *
session_description (SecRecord *session)
{
  g_autofree char *speakers = NULL, *moderator = NULL;
  const char *parts[3];

  if (sec_record_get (session, "speakers") != NULL)
    speakers = g_strdup_printf (_("Speakers: %s"), sec_record_get (session, "speakers"));
  if (sec_record_get (session, "moderator") != NULL)
    moderator = g_strdup_printf (_("Moderator: %s"), sec_record_get (session, "moderator"));
  parts[0] = speakers;
  parts[1] = moderator;
  parts[2] = sec_record_get (session, "notes");
  return sec_export_join ("\n", G_N_ELEMENTS (parts), parts);
}

static void
add_text (icalcomponent    *component,
          icalproperty_kind kind,
          const char       *text)
{
  icalproperty *property;

  if (text == NULL || *text == '\0')
    return;
  property = icalproperty_new (kind);
  icalproperty_set_value (property, icalvalue_new_text (text));
  icalcomponent_add_property (component, property);
}

static void
add_x_text (icalcomponent *component,
            const char    *name,
            const char    *text)
{
  icalproperty *property = icalproperty_new_x (text);

  icalproperty_set_x_name (property, name);
  icalcomponent_add_property (component, property);
}

static icalcomponent *
session_component (SecRecord            *session,
                   SecRecord            *event,
                   struct icaltimetype   stamp)
{
  icalcomponent *vevent = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  const char *zone = sec_record_get (event, "timezone");
  const char *date = sec_record_get (session, "date");
  g_autofree char *uid = g_strconcat (sec_record_get_id (session), "@secretariat", NULL);
  g_autofree char *location = session_location (session, event);
  g_autofree char *description = session_description (session);
  g_autofree char *kind = sec_export_display (session, "kind");

  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (vevent, time_property (ICAL_DTSTART_PROPERTY, date,
                                                     sec_record_get (session, "starts_at"), zone));
  icalcomponent_add_property (vevent, time_property (ICAL_DTEND_PROPERTY, date,
                                                     sec_record_get (session, "ends_at"), zone));
  add_text (vevent, ICAL_SUMMARY_PROPERTY, sec_record_get (session, "title"));
  add_text (vevent, ICAL_LOCATION_PROPERTY, location);
  add_text (vevent, ICAL_DESCRIPTION_PROPERTY, description);
  add_text (vevent, ICAL_CATEGORIES_PROPERTY, kind);
  return vevent;
}

static icalcomponent *
calendar_new (SecRecord *event)
{
  icalcomponent *calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  const char *zone = sec_record_get (event, "timezone");
  icalcomponent *vtimezone;

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//ASEC//Secretariat " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  add_text (calendar, ICAL_NAME_PROPERTY, sec_record_get (event, "title"));
  /* NAME is new (RFC 7986); most calendars still read the older name. */
  add_x_text (calendar, "X-WR-CALNAME", sec_record_get (event, "title"));
  if (!is_utc (zone) && (vtimezone = timezone_component (zone)) != NULL)
    icalcomponent_add_component (calendar, vtimezone);
  return calendar;
}

/* Public API */

/* Writes the sessions of @event_id to @path as one VCALENDAR, one VEVENT
 * a session, replacing the file in one step. */
gboolean
sec_ical_export_event (SecStore    *store,
                       const char  *event_id,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  struct icaltimetype stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  char *text;
  gboolean ok;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((event = sec_export_load_event (store, event_id, error)) == NULL)
    return FALSE;
  sessions = sec_programme_sessions (store, event_id);
  calendar = calendar_new (event);
  for (guint i = 0; i < sessions->len; i++)
    icalcomponent_add_component (calendar, session_component (g_ptr_array_index (sessions, i), event, stamp));
  text = icalcomponent_as_ical_string_r (calendar);
  ok = sec_export_write (path, text, strlen (text), error);
  free (text);
  return ok;
}
