/* sec-quorum.c: whether an assembly can decide
 *
 * The voting members are the members whose computed status is current
 * today. A member is represented when a participant of the meeting from
 * that member (by the organisation's name, in any case) is flagged as a
 * voting delegate and has checked in. The rule says how many must be.
 */

#include <glib/gi18n.h>

#include "sec-quorum.h"
#include "sec-store-private.h"

/* The store keeps each member's status in its column (migration 008). */
#define CURRENT "m.status = 'current'"

static const char *const rule_names[] = { "more-than-half", "one-third", "two-thirds" };

/* The rule of the preference "quorum-rule"; more than half if unknown. */
SecQuorumRule
sec_quorum_rule_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_names); i++)
    if (g_strcmp0 (name, rule_names[i]) == 0)
      return (SecQuorumRule) i;
  return SEC_QUORUM_MORE_THAN_HALF;
}

/* The rule's name in the preference "quorum-rule". */
const char *
sec_quorum_rule_name (SecQuorumRule rule)
{
  return rule < G_N_ELEMENTS (rule_names) ? rule_names[rule] : rule_names[SEC_QUORUM_MORE_THAN_HALF];
}

/* The rule as the minutes state it. */
const char *
sec_quorum_rule_label (SecQuorumRule rule)
{
  switch (rule)
    {
    case SEC_QUORUM_ONE_THIRD:
      return _("at least a third of the voting members represented");
    case SEC_QUORUM_TWO_THIRDS:
      return _("at least two thirds of the voting members represented");
    case SEC_QUORUM_MORE_THAN_HALF:
    default:
      return _("more than half of the voting members represented");
    }
}

/* How many represented members @rule asks of @voting. */
guint
sec_quorum_required (SecQuorumRule rule,
                     guint         voting)
{
  switch (rule)
    {
    case SEC_QUORUM_ONE_THIRD:
      return (voting + 2) / 3;
    case SEC_QUORUM_TWO_THIRDS:
      return (2 * voting + 2) / 3;
    case SEC_QUORUM_MORE_THAN_HALF:
    default:
      return voting / 2 + 1;
    }
}

static gboolean
count (SecStore    *store,
       const char  *sql,
       const char  *event_id,
       guint       *result,
       GError     **error)
{
  sqlite3_stmt *stmt = sec_store_prepare (store, sql, error);
  int event = stmt ? sqlite3_bind_parameter_index (stmt, ":event") : 0;

  if (stmt == NULL)
    return FALSE;
  if (event > 0)
    sqlite3_bind_text (stmt, event, event_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return sec_store_set_sql_error (store, error);
    }
  *result = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * sec_quorum_count_represented:
 *
 * Counts again who is represented at the meeting @event_id, keeping
 * @quorum's voting members: a check-in changes the one, not the other, and
 * counting the voting members reads every member.
 */
gboolean
sec_quorum_count_represented (SecStore       *store,
                              const char     *event_id,
                              SecQuorumRule   rule,
                              SecQuorum      *quorum,
                              GError        **error)
{
  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (quorum != NULL, FALSE);

  if (!count (store, "SELECT count(DISTINCT m.id) FROM participant AS p "
                     "JOIN member AS m ON m.name = p.organisation COLLATE NOCASE "
                     "WHERE p.event_id = :event AND p.deleted = 0 AND p.voting_delegate = 1 "
                     "AND p.attended = 1 AND m.deleted = 0 AND " CURRENT,
              event_id, &quorum->represented, error))
    return FALSE;
  quorum->required = sec_quorum_required (rule, quorum->voting);
  quorum->met = quorum->voting > 0 && quorum->represented >= quorum->required;
  return TRUE;
}

/* Counts the quorum of the meeting @event_id now. */
gboolean
sec_quorum_count (SecStore       *store,
                  const char     *event_id,
                  SecQuorumRule   rule,
                  SecQuorum      *quorum,
                  GError        **error)
{
  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (quorum != NULL, FALSE);

  return count (store, "SELECT count(*) FROM member AS m WHERE m.deleted = 0 AND " CURRENT,
                NULL, &quorum->voting, error) &&
         sec_quorum_count_represented (store, event_id, rule, quorum, error);
}
