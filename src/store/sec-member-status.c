/* sec-member-status.c: the one rule for membership status
 *
 * Status is never typed in. The same function serves the editor and the
 * store, which keeps each member's status in an indexed column for the
 * filters and sorting of the lists (and computes it again, as the SQL
 * function sec_member_status_now(), when the day changes).
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-field.h"
#include "sec-member-status.h"

const SecChoice sec_member_statuses[] = {
  { "applicant", N_("Applicant") },
  { "current", N_("Current") },
  { "grace", N_("In grace") },
  { "lapsed", N_("Lapsed") },
  { "suspended", N_("Suspended") },
  { "withdrawn", N_("Withdrawn") },
  { NULL, NULL }
};

static gboolean
owes_dues (const char *dues_amount)
{
  return dues_amount != NULL && g_ascii_strtoll (dues_amount, NULL, 10) > 0;
}

/* Dates are ISO 8601, so they compare as strings. */
const char *
sec_member_status_compute (const char *status_override,
                           const char *approved_on,
                           const char *dues_amount,
                           const char *dues_paid_until,
                           const char *today,
                           guint       grace_days)
{
  /* The start of the grace period is the same for every row of a query. */
  static GMutex lock;
  static char last_today[16], grace_text[16];
  static guint last_grace = G_MAXUINT;
  GDate grace_start;
  gboolean in_grace;

  if (status_override != NULL && *status_override != '\0')
    return status_override;
  if (approved_on == NULL || *approved_on == '\0' || strcmp (approved_on, today) > 0)
    return "applicant";
  if (dues_paid_until == NULL || *dues_paid_until == '\0')
    return owes_dues (dues_amount) ? "lapsed" : "current";
  if (strcmp (dues_paid_until, today) >= 0)
    return "current";
  g_mutex_lock (&lock);
  if (last_grace != grace_days || strcmp (last_today, today) != 0)
    {
      if (!sec_date_parse (today, &grace_start))
        {
          g_mutex_unlock (&lock);
          return "lapsed";
        }
      g_date_subtract_days (&grace_start, grace_days);
      g_date_strftime (grace_text, sizeof grace_text, "%Y-%m-%d", &grace_start);
      g_strlcpy (last_today, today, sizeof last_today);
      last_grace = grace_days;
    }
  in_grace = strcmp (dues_paid_until, grace_text) > 0;
  g_mutex_unlock (&lock);
  return in_grace ? "grace" : "lapsed";
}

const char *
sec_member_status_of (SecRecord  *member,
                      const char *today,
                      guint       grace_days)
{
  return sec_member_status_compute (sec_record_get (member, "status_override"),
                                    sec_record_get (member, "approved_on"),
                                    sec_record_get (member, "dues_amount"),
                                    sec_record_get (member, "dues_paid_until"),
                                    today, grace_days);
}

const char *
sec_member_status_label (const char *status)
{
  for (const SecChoice *c = sec_member_statuses; c->id != NULL; c++)
    if (g_strcmp0 (c->id, status) == 0)
      return _(c->label);
  return status;
}
