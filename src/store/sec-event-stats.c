/* sec-event-stats.c: who came to an event, counted
 *
 * Participants by country, by role, and by the kind of organisation they
 * came from: a participant whose organisation is a member (same name,
 * ignoring case) counts under that member's kind.
 */

#include <glib/gi18n.h>

#include "sec-event-stats.h"
#include "sec-iso-codes.h"
#include "sec-store-private.h"

void
sec_count_free (SecCount *count)
{
  if (count == NULL)
    return;
  g_free (count->label);
  g_free (count);
}

static const char *
query_for (const char *by)
{
  if (g_strcmp0 (by, "country") == 0)
    return "SELECT country, count(*) FROM participant WHERE event_id = ? AND deleted = 0 "
           "GROUP BY 1 ORDER BY 2 DESC, 1";
  if (g_strcmp0 (by, "role") == 0)
    return "SELECT role, count(*) FROM participant WHERE event_id = ? AND deleted = 0 "
           "GROUP BY 1 ORDER BY 2 DESC, 1";
  if (g_strcmp0 (by, "kind") == 0)
    return "SELECT (SELECT m.kind FROM member AS m WHERE m.deleted = 0 AND m.name = p.organisation COLLATE NOCASE "
           "LIMIT 1), count(*) FROM participant AS p WHERE p.event_id = ? AND p.deleted = 0 GROUP BY 1 ORDER BY 2 DESC, 1";
  return NULL;
}

static char *
label_for (const char *by,
           const char *value)
{
  const SecEntity *entity = g_strcmp0 (by, "kind") == 0 ? &sec_entity_member : &sec_entity_participant;

  if (value == NULL)
    return g_strdup (g_strcmp0 (by, "kind") == 0 ? _("Not a member") : _("Not given"));
  if (g_strcmp0 (by, "country") == 0)
    return g_strdup (sec_iso_country_name (value) ? sec_iso_country_name (value) : value);
  return g_strdup (sec_field_choice_label (sec_entity_get_field (entity, by), value));
}

/* The event's live participants counted by "country", "role" or "kind",
 * the largest group first. */
GPtrArray *
sec_event_counts (SecStore   *store,
                  const char *event_id,
                  const char *by)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_count_free);
  const char *sql = query_for (by);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (store), counts);
  g_return_val_if_fail (sql != NULL, counts);

  if ((stmt = sec_store_prepare (store, sql, NULL)) == NULL)
    return counts;
  sqlite3_bind_text (stmt, 1, event_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SecCount *count = g_new0 (SecCount, 1);

      count->label = label_for (by, (const char *) sqlite3_column_text (stmt, 0));
      count->count = (guint) sqlite3_column_int (stmt, 1);
      g_ptr_array_add (counts, count);
    }
  sqlite3_reset (stmt);
  return counts;
}
