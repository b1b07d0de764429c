/* sec-agenda.c: an agenda's numbers and planned times
 *
 * Items run one after the other in the order of their positions, each
 * starting when the one before ends, from the meeting's start. Items are
 * numbered 1, 2, …; a sub-item (depth 1) takes its item's number and its
 * own, 2.1, 2.2; breaks take time but no number.
 *
 * The assistant proposes what a secretariat gathers by hand before an
 * assembly: roadmap items to review, applications to admit, lapsed members
 * to decide on, and what the previous assembly deferred. Each goes on the
 * agenda linked to its record.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-agenda.h"
#include "sec-programme.h"
#include "sec-quorum.h"
#include "sec-store-private.h"

void
sec_agenda_entry_free (SecAgendaEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_object (&entry->item);
  g_free (entry->number);
  g_free (entry);
}

static gint64
integer_of (SecRecord  *record,
            const char *field)
{
  const char *value = sec_record_get (record, field);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  gint64 first = integer_of (*(SecRecord **) a, "position");
  gint64 second = integer_of (*(SecRecord **) b, "position");

  return first < second ? -1 : first > second;
}

/**
 * sec_agenda_items:
 *
 * Returns: (transfer full) (element-type SecRecord): the live agenda items
 * of the meeting @event_id, in agenda order.
 */
GPtrArray *
sec_agenda_items (SecStore   *store,
                  const char *event_id)
{
  GPtrArray *items = sec_store_load_children (store, &sec_entity_agenda_item, event_id);

  g_ptr_array_sort (items, compare_positions);
  return items;
}

/* When the meeting starts: its first session on its first day, or 09:00
 * when its programme has none. */
char *
sec_agenda_start (SecStore   *store,
                  const char *event_id)
{
  g_autoptr(SecRecord) event = sec_store_load (store, &sec_entity_event, event_id, NULL);
  g_autoptr(GPtrArray) sessions = event ? sec_programme_sessions (store, event_id) : NULL;

  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      SecRecord *session = g_ptr_array_index (sessions, i);
      if (g_strcmp0 (sec_record_get (session, "date"), sec_record_get (event, "starts_on")) == 0)
        return g_strdup (sec_record_get (session, "starts_at"));
    }
  return g_strdup ("09:00");
}

/**
 * sec_agenda_plan:
 * @items: (element-type SecRecord): agenda items, in any order
 * @starts_at: the meeting's start, "09:00"
 *
 * Returns: (transfer full) (element-type SecAgendaEntry): one entry an
 * item, in agenda order, with its number and planned times. The last
 * entry's end is the estimated end of the meeting.
 */
GPtrArray *
sec_agenda_plan (GPtrArray  *items,
                 const char *starts_at)
{
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_full (items->len, g_object_unref);
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_agenda_entry_free);
  int clock = MAX (sec_time_to_minutes (starts_at), 0);
  guint item = 0, sub = 0;

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ordered, g_object_ref (g_ptr_array_index (items, i)));
  g_ptr_array_sort (ordered, compare_positions);
  for (guint i = 0; i < ordered->len; i++)
    {
      SecRecord *record = g_ptr_array_index (ordered, i);
      SecAgendaEntry *entry = g_new0 (SecAgendaEntry, 1);

      entry->item = g_object_ref (record);
      if (g_strcmp0 (sec_record_get (record, "kind"), "break") != 0)
        {
          if (integer_of (record, "depth") > 0 && item > 0)
            entry->number = g_strdup_printf ("%u.%u", item, ++sub);
          else
            {
              entry->number = g_strdup_printf ("%u", ++item);
              sub = 0;
            }
        }
      entry->starts = clock;
      clock += (int) CLAMP (integer_of (record, "duration"), 0, 24 * 60);
      entry->ends = clock;
      g_ptr_array_add (plan, entry);
    }
  return plan;
}

void
sec_agenda_proposal_free (SecAgendaProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_free (proposal->id);
  g_free (proposal->title);
  g_free (proposal);
}

/* What the assistant looks for, each one query over records not yet on
 * this agenda. :meeting is the meeting's first day, :event its id. */
static const struct {
  const SecEntity *entity;
  const char      *reason;
  const char      *title;   /* N_(), the agenda item's, with the record's title */
  const char      *bulk;    /* N_(), one item for them all, with their number */
  const char      *sql;     /* id and title of each record to propose */
} questions[] = {
  { &sec_entity_roadmap_item, N_("Overdue"), N_("Roadmap: %s"), N_("Overdue roadmap items (%s)"),
    "SELECT id, title FROM roadmap_item WHERE deleted = 0 AND status NOT IN ('done', 'dropped') "
    "AND due_on < :today AND id NOT IN (SELECT roadmap_item_id FROM agenda_item "
    "WHERE event_id = :event AND deleted = 0 AND roadmap_item_id IS NOT NULL) ORDER BY due_on, title" },
  { &sec_entity_roadmap_item, N_("Blocked"), N_("Roadmap: %s"), N_("Blocked roadmap items (%s)"),
    "SELECT id, title FROM roadmap_item WHERE deleted = 0 AND status = 'blocked' "
    "AND (due_on IS NULL OR due_on >= :today) AND id NOT IN (SELECT roadmap_item_id FROM agenda_item "
    "WHERE event_id = :event AND deleted = 0 AND roadmap_item_id IS NOT NULL) ORDER BY title" },
  { &sec_entity_roadmap_item, N_("Due before the meeting"), N_("Roadmap: %s"), N_("Roadmap items due before the meeting (%s)"),
    "SELECT id, title FROM roadmap_item WHERE deleted = 0 AND status NOT IN ('done', 'dropped', 'blocked') "
    "AND due_on >= :today AND due_on <= :meeting AND id NOT IN (SELECT roadmap_item_id FROM agenda_item "
    "WHERE event_id = :event AND deleted = 0 AND roadmap_item_id IS NOT NULL) ORDER BY due_on, title" },
  { &sec_entity_member, N_("Application waiting"), N_("Admission of %s"), N_("Membership applications (%s)"),
    "SELECT id, name FROM member WHERE deleted = 0 AND status = 'applicant' AND id NOT IN (SELECT member_id "
    "FROM agenda_item WHERE event_id = :event AND deleted = 0 AND member_id IS NOT NULL) ORDER BY name COLLATE NOCASE" },
  { &sec_entity_member, N_("Lapsed"), N_("Membership of %s, lapsed"), N_("Lapsed memberships (%s)"),
    "SELECT id, name FROM member WHERE deleted = 0 AND status = 'lapsed' AND id NOT IN (SELECT member_id "
    "FROM agenda_item WHERE event_id = :event AND deleted = 0 AND member_id IS NOT NULL) ORDER BY name COLLATE NOCASE" },
};

/* Items the latest earlier assembly deferred, not yet on this agenda. */
static const char deferred_sql[] =
  "SELECT a.title, a.roadmap_item_id, a.member_id FROM agenda_item AS a WHERE a.deleted = 0 "
  "AND a.outcome = 'deferred' AND a.event_id = (SELECT e.id FROM event AS e WHERE e.deleted = 0 "
  "AND e.kind = (SELECT kind FROM event WHERE id = :event) AND e.starts_on < :meeting "
  "ORDER BY e.starts_on DESC LIMIT 1) AND a.title NOT IN (SELECT title FROM agenda_item "
  "WHERE event_id = :event AND deleted = 0) ORDER BY a.position";

static sqlite3_stmt *
prepare (SecStore    *store,
         const char  *sql,
         const char  *event_id,
         const char  *meeting,
         GError     **error)
{
  sqlite3_stmt *stmt = sec_store_prepare (store, sql, error);
  int index;

  if (stmt == NULL)
    return NULL;
  if ((index = sqlite3_bind_parameter_index (stmt, ":today")) > 0)
    sqlite3_bind_text (stmt, index, sec_store_get_today (store), -1, SQLITE_TRANSIENT);
  if ((index = sqlite3_bind_parameter_index (stmt, ":event")) > 0)
    sqlite3_bind_text (stmt, index, event_id, -1, SQLITE_TRANSIENT);
  if ((index = sqlite3_bind_parameter_index (stmt, ":meeting")) > 0)
    sqlite3_bind_text (stmt, index, meeting, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* @template with its "%s" replaced by @title. (Not printf: the templates
 * come from translations.) */
static char *
fill_in (const char *template,
         const char *title)
{
  GString *text = g_string_new (template);

  g_string_replace (text, "%s", title ? title : "", 1);
  return g_string_free (text, FALSE);
}

static void
add_proposal (GPtrArray       *proposals,
              const SecEntity *entity,
              const char      *id,
              char            *title,
              const char      *reason)
{
  SecAgendaProposal *proposal = g_new0 (SecAgendaProposal, 1);

  proposal->entity = entity;
  proposal->id = g_strdup (id);
  proposal->title = title;
  proposal->reason = reason;
  g_ptr_array_add (proposals, proposal);
}

/* One proposal for all @n records a question found, when there are too
 * many to take up one by one: it links to none of them, and is not made
 * again once on the agenda @items, whatever the number then. */
static void
add_bulk (GPtrArray  *proposals,
          GPtrArray  *items,
          const char *template,
          guint       n,
          const char *reason)
{
  g_autofree char *prefix = g_strndup (template, (gsize) (strstr (template, "%s") - template));
  g_autofree char *number = g_strdup_printf ("%'u", n);

  for (guint i = 0; i < items->len; i++)
    if (g_str_has_prefix (sec_record_get (g_ptr_array_index (items, i), "title"), prefix))
      return;
  add_proposal (proposals, NULL, NULL, fill_in (template, number), reason);
}

static void
add_deferred (GPtrArray    *proposals,
              sqlite3_stmt *stmt)
{
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *roadmap_item = (const char *) sqlite3_column_text (stmt, 1);
      const char *member = (const char *) sqlite3_column_text (stmt, 2);

      add_proposal (proposals, roadmap_item ? &sec_entity_roadmap_item : member ? &sec_entity_member : NULL,
                    roadmap_item ? roadmap_item : member,
                    g_strdup ((const char *) sqlite3_column_text (stmt, 0)), N_("Deferred last time"));
    }
}

/**
 * sec_agenda_proposals:
 *
 * Returns: (transfer full) (element-type SecAgendaProposal): what the
 * meeting @event_id could take up, as of the store's today, leaving out
 * what its agenda already holds: of each kind, the first
 * %SEC_AGENDA_PROPOSALS_EACH records one by one and, when there are more
 * (a federation's lapsed members), all of them as one item; %NULL with
 * @error set on failure.
 */
GPtrArray *
sec_agenda_proposals (SecStore    *store,
                      const char  *event_id,
                      GError     **error)
{
  g_autoptr(SecRecord) event = sec_store_load (store, &sec_entity_event, event_id, error);
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_agenda_proposal_free);
  g_autoptr(GPtrArray) items = event ? sec_agenda_items (store, event_id) : NULL;
  const char *meeting;
  sqlite3_stmt *stmt;

  if (event == NULL)
    return NULL;
  meeting = sec_record_get (event, "starts_on");
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      guint n = 0;

      if ((stmt = prepare (store, questions[i].sql, event_id, meeting, error)) == NULL)
        return NULL;
      for (; sqlite3_step (stmt) == SQLITE_ROW; n++)
        if (n < SEC_AGENDA_PROPOSALS_EACH)
          add_proposal (proposals, questions[i].entity, (const char *) sqlite3_column_text (stmt, 0),
                        fill_in (_(questions[i].title), (const char *) sqlite3_column_text (stmt, 1)),
                        questions[i].reason);
      sqlite3_reset (stmt);
      if (n > SEC_AGENDA_PROPOSALS_EACH)
        add_bulk (proposals, items, _(questions[i].bulk), n, questions[i].reason);
    }
  if ((stmt = prepare (store, deferred_sql, event_id, meeting, error)) == NULL)
    return NULL;
  add_deferred (proposals, stmt);
  sqlite3_reset (stmt);
  return g_steal_pointer (&proposals);
}

/**
 * sec_agenda_new_item:
 * @kind: "item" or "break"
 *
 * Returns: (transfer full): a new agenda item of @event_id, not saved yet,
 * to go at the end of its agenda: fifteen minutes long, and a break
 * called so.
 */
SecRecord *
sec_agenda_new_item (SecStore   *store,
                     const char *event_id,
                     const char *kind)
{
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  SecRecord *item = sec_record_new (&sec_entity_agenda_item);
  gint64 last = items->len > 0 ? integer_of (g_ptr_array_index (items, items->len - 1), "position") : 0;
  g_autofree char *position = g_strdup_printf ("%" G_GINT64_FORMAT, last + 10);

  sec_record_set (item, "event_id", event_id);
  sec_record_set (item, "position", position);
  sec_record_set (item, "depth", "0");
  sec_record_set (item, "kind", kind);
  sec_record_set (item, "duration", "15");
  if (g_strcmp0 (kind, "break") == 0)
    sec_record_set (item, "title", _("Break"));
  return item;
}

/* Puts @proposal at the end of the agenda of @event_id, linked to its
 * record, ten minutes long until someone says otherwise. */
gboolean
sec_agenda_accept (SecStore           *store,
                   const char         *event_id,
                   SecAgendaProposal  *proposal,
                   GError            **error)
{
  g_autoptr(SecRecord) item = sec_agenda_new_item (store, event_id, "item");

  sec_record_set (item, "title", proposal->title);
  sec_record_set (item, "duration", "10");
  if (proposal->entity == &sec_entity_roadmap_item)
    sec_record_set (item, "roadmap_item_id", proposal->id);
  else if (proposal->entity == &sec_entity_member)
    sec_record_set (item, "member_id", proposal->id);
  return sec_store_save (store, item, error);
}

/* Moving items */

static gboolean
is_sub_item (SecRecord *item)
{
  return integer_of (item, "depth") > 0;
}

static guint
index_of (GPtrArray  *items,
          const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (sec_record_get_id (g_ptr_array_index (items, i)), id) == 0)
      return i;
  return G_MAXUINT;
}

/* The last index of the block that starts at @first: an item and the
 * sub-items under it, or one sub-item alone. */
static guint
block_end (GPtrArray *items,
           guint      first)
{
  guint last = first;

  if (is_sub_item (g_ptr_array_index (items, first)))
    return first;
  while (last + 1 < items->len && is_sub_item (g_ptr_array_index (items, last + 1)))
    last++;
  return last;
}

/* Writes positions 10, 20, … in the order of @items, saving only those
 * that change, in one transaction. */
static gboolean
renumber (SecStore   *store,
          GPtrArray  *items,
          GError    **error)
{
  if (!sec_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      SecRecord *item = g_ptr_array_index (items, i);
      g_autofree char *position = g_strdup_printf ("%u", (i + 1) * 10);

      if (g_strcmp0 (sec_record_get (item, "position"), position) == 0)
        continue;
      sec_record_set (item, "position", position);
      if (!sec_store_save (store, item, error))
        {
          sec_store_rollback (store);
          return FALSE;
        }
    }
  return sec_store_commit (store, error);
}

/* Moves items[first..last] so that it starts at @to of what remains. */
static void
move_block (GPtrArray *items,
            guint      first,
            guint      last,
            guint      to)
{
  g_autoptr(GPtrArray) block = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i <= last; i++)
    g_ptr_array_add (block, g_object_ref (g_ptr_array_index (items, i)));
  g_ptr_array_remove_range (items, first, last - first + 1);
  to = MIN (to, items->len);
  for (guint i = 0; i < block->len; i++)
    g_ptr_array_insert (items, (int) (to + i), g_object_ref (g_ptr_array_index (block, i)));
}

/**
 * sec_agenda_step:
 * @direction: -1 up, +1 down
 *
 * Moves the agenda item @item_id one place, as Alt+Up and Alt+Down do: an
 * item with its sub-items past the item before or after it (with that
 * one's sub-items), a sub-item past its neighbour. Nothing happens at
 * either end.
 */
gboolean
sec_agenda_step (SecStore    *store,
                 const char  *event_id,
                 const char  *item_id,
                 int          direction,
                 GError     **error)
{
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  guint first = index_of (items, item_id), last, to;

  if (first == G_MAXUINT)
    return TRUE;
  last = block_end (items, first);
  if (direction < 0)
    {
      if (first == 0)
        return TRUE;
      to = first - 1;
      while (to > 0 && !is_sub_item (g_ptr_array_index (items, first)) && is_sub_item (g_ptr_array_index (items, to)))
        to--;
    }
  else
    {
      if (last + 1 >= items->len)
        return TRUE;
      to = first + (is_sub_item (g_ptr_array_index (items, first)) ? 1 : block_end (items, last + 1) - last);
    }
  move_block (items, first, last, to);
  return renumber (store, items, error);
}

/**
 * sec_agenda_move:
 * @target_id: the item dropped on
 * @after: whether to go after @target_id (and its sub-items) or before it
 *
 * Moves the agenda item @item_id, with its sub-items, next to another, as
 * dragging it there does. Dropping an item within itself does nothing.
 */
gboolean
sec_agenda_move (SecStore    *store,
                 const char  *event_id,
                 const char  *item_id,
                 const char  *target_id,
                 gboolean     after,
                 GError     **error)
{
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  guint first = index_of (items, item_id), target = index_of (items, target_id), last, to;

  if (first == G_MAXUINT || target == G_MAXUINT)
    return TRUE;
  last = block_end (items, first);
  if (target >= first && target <= last)
    return TRUE;
  to = after ? block_end (items, target) + 1 : target;
  if (to > last)
    to -= last - first + 1;
  move_block (items, first, last, to);
  return renumber (store, items, error);
}

/* Makes the agenda item @item_id a sub-item of the one above (@depth 1)
 * or an item of its own (0). */
gboolean
sec_agenda_set_level (SecStore    *store,
                      const char  *item_id,
                      int          depth,
                      GError     **error)
{
  g_autoptr(SecRecord) item = sec_store_load (store, &sec_entity_agenda_item, item_id, error);
  g_autofree char *level = g_strdup_printf ("%d", CLAMP (depth, 0, 1));

  if (item == NULL)
    return FALSE;
  if (g_strcmp0 (sec_record_get (item, "depth"), level) == 0)
    return TRUE;
  sec_record_set (item, "depth", level);
  return sec_store_save (store, item, error);
}

/* "ASEC General Assembly 2026, item 3": where a decision was taken. */
static char *
decided_at (SecStore  *store,
            SecRecord *agenda_item)
{
  const char *event_id = sec_record_get (agenda_item, "event_id");
  g_autoptr(SecRecord) event = sec_store_load (store, &sec_entity_event, event_id, NULL);
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  g_autoptr(GPtrArray) plan = sec_agenda_plan (items, NULL);
  const char *number = NULL;

  for (guint i = 0; i < plan->len; i++)
    {
      SecAgendaEntry *entry = g_ptr_array_index (plan, i);
      if (g_strcmp0 (sec_record_get_id (entry->item), sec_record_get_id (agenda_item)) == 0)
        number = entry->number;
    }
  /* Translators: a meeting and the number of one of its agenda items */
  return number ? g_strdup_printf (_("%s, item %s"), sec_record_get (event, "title"), number)
                : g_strdup (sec_record_get (event, "title"));
}

/* The field of an agenda item that decides @target_field of a roadmap
 * item, or -1. */
static int
deciding_field (int target_field)
{
  const char *name = target_field >= 0 ? sec_entity_roadmap_item.fields[target_field].name : NULL;

  if (g_strcmp0 (name, "status") == 0)
    return sec_entity_field_index (&sec_entity_agenda_item, "decided_status");
  if (g_strcmp0 (name, "due_on") == 0 || g_strcmp0 (name, "starts_on") == 0)
    return sec_entity_field_index (&sec_entity_agenda_item, "decided_due_on");
  return -1;
}

/* The roadmap item @roadmap_id as @agenda_item decided it. */
static gboolean
decide_roadmap_item (SecStore   *store,
                     SecRecord  *agenda_item,
                     const char *roadmap_id,
                     int        *bad,
                     GError    **error)
{
  g_autoptr(SecRecord) item = sec_store_load (store, &sec_entity_roadmap_item, roadmap_id, error);
  g_autofree char *where = NULL;
  int target_field = -1;

  if (item == NULL)
    return FALSE;
  where = decided_at (store, agenda_item);
  if (sec_record_get (agenda_item, "decided_status") != NULL)
    sec_record_set (item, "status", sec_record_get (agenda_item, "decided_status"));
  if (sec_record_get (agenda_item, "decided_due_on") != NULL)
    sec_record_set (item, "due_on", sec_record_get (agenda_item, "decided_due_on"));
  sec_record_set (item, "decided_at", where);
  if (!sec_store_check (store, item, &target_field, error))
    {
      *bad = deciding_field (target_field);
      return FALSE;
    }
  return sec_store_save (store, item, error);
}

/* What an adopted decision changes in the records it is about. */
static gboolean
apply_decision (SecStore   *store,
                SecRecord  *agenda_item,
                int        *bad,
                GError    **error)
{
  const char *member_id = sec_record_get (agenda_item, "member_id");
  const char *roadmap_id = sec_record_get (agenda_item, "roadmap_item_id");

  if (g_strcmp0 (sec_record_get (agenda_item, "outcome"), "adopted") != 0)
    return TRUE;
  if (member_id != NULL)
    {
      g_autoptr(SecRecord) event = sec_store_load (store, &sec_entity_event, sec_record_get (agenda_item, "event_id"), error);
      g_autoptr(SecRecord) member = event ? sec_store_load (store, &sec_entity_member, member_id, error) : NULL;

      if (member == NULL)
        return FALSE;
      if (sec_record_get (member, "approved_on") == NULL)   /* an admission */
        {
          sec_record_set (member, "approved_on", sec_record_get (event, "starts_on"));
          if (!sec_store_save (store, member, error))
            return FALSE;
        }
    }
  return roadmap_id == NULL || decide_roadmap_item (store, agenda_item, roadmap_id, bad, error);
}

static gboolean
overridden (SecRecord *agenda_item)
{
  return g_strcmp0 (sec_record_get (agenda_item, "chair_override"), "1") == 0;
}

/* Whether @agenda_item writes a vote, and whether it changes the outcome,
 * compared with what the minutes hold. */
static void
decision_changes (SecRecord   *agenda_item,
                  SecRecord   *stored,
                  const char **vote,
                  gboolean    *outcome)
{
  static const char *const votes[] = { "votes_for", "votes_against", "votes_abstaining" };

  *vote = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (votes) && *vote == NULL; i++)
    {
      const char *value = sec_record_get (agenda_item, votes[i]);

      if (value != NULL && (stored == NULL || g_strcmp0 (value, sec_record_get (stored, votes[i])) != 0))
        *vote = votes[i];
    }
  *outcome = stored == NULL ? sec_record_get (agenda_item, "outcome") != NULL
                            : g_strcmp0 (sec_record_get (agenda_item, "outcome"), sec_record_get (stored, "outcome")) != 0 ||
                              overridden (agenda_item) != overridden (stored);
}

static guint64
votes_cast (SecRecord *agenda_item)
{
  static const char *const votes[] = { "votes_for", "votes_against", "votes_abstaining" };
  guint64 cast = 0;

  for (guint i = 0; i < G_N_ELEMENTS (votes); i++)
    {
      const char *value = sec_record_get (agenda_item, votes[i]);
      cast += value ? g_ascii_strtoull (value, NULL, 10) : 0;
    }
  return cast;
}

/* Votes cast may not exceed the voting members represented: a member votes
 * once, through its delegate. */
static gboolean
check_votes (SecRecord        *agenda_item,
             const char       *vote,
             const SecQuorum  *quorum,
             int              *bad,
             GError          **error)
{
  guint64 cast = votes_cast (agenda_item);

  if (cast <= quorum->represented)
    return TRUE;
  *bad = sec_entity_field_index (&sec_entity_agenda_item, vote);
  if (quorum->represented == 0)
    g_set_error_literal (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID,
                         _("No voting member is represented: check in the voting delegates before recording votes"));
  else
    g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID,
                 /* Translators: votes cast, then the voting members represented */
                 g_dngettext (GETTEXT_PACKAGE, "%u votes cast, but only %u voting member is represented",
                              "%u votes cast, but only %u voting members are represented", quorum->represented),
                 (guint) MIN (cast, G_MAXUINT), quorum->represented);
  return FALSE;
}

/* Writes into @agenda_item whether the quorum is present as its outcome
 * is recorded. Without it an item can only be noted, unless the chair lets
 * the decision stand, which the minutes then say. */
static gboolean
record_quorum (SecRecord        *agenda_item,
               const SecQuorum  *quorum,
               int              *bad,
               GError          **error)
{
  const char *outcome = sec_record_get (agenda_item, "outcome");
  g_autofree char *represented = g_strdup_printf ("%u", quorum->represented);

  if (outcome == NULL)
    {
      sec_record_set (agenda_item, "quorum", NULL);
      sec_record_set (agenda_item, "represented", NULL);
      return TRUE;
    }
  if (quorum->met)
    sec_record_set (agenda_item, "chair_override", NULL);
  else if (g_strcmp0 (outcome, "noted") != 0 && !overridden (agenda_item))
    {
      *bad = sec_entity_field_index (&sec_entity_agenda_item, "outcome");
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID,
                   /* Translators: voting members represented, then how many the quorum needs */
                   g_dngettext (GETTEXT_PACKAGE,
                                "No quorum: %u voting member is represented and %u are needed. Record the item as noted, "
                                "or the chair may let the decision stand.",
                                "No quorum: %u voting members are represented and %u are needed. Record the item as "
                                "noted, or the chair may let the decision stand.", quorum->represented),
                   quorum->represented, quorum->required);
      return FALSE;
    }
  sec_record_set (agenda_item, "quorum", quorum->met ? "present" : "absent");
  sec_record_set (agenda_item, "represented", represented);
  return TRUE;
}

/* Checks the votes and records the quorum when the minutes of @agenda_item
 * change its votes or its outcome, against the check-ins of now. Minutes
 * already written stay as they are, so a later correction of a decision's
 * wording is not refused because the delegates have gone home. */
static gboolean
check_decision (SecStore       *store,
                SecRecord      *agenda_item,
                SecQuorumRule   rule,
                int            *bad,
                GError        **error)
{
  g_autoptr(SecRecord) stored = sec_store_load (store, &sec_entity_agenda_item, sec_record_get_id (agenda_item), NULL);
  SecQuorum quorum = { 0 };
  const char *vote;
  gboolean outcome;

  decision_changes (agenda_item, stored, &vote, &outcome);
  if (vote == NULL && !outcome)
    return TRUE;
  if (!sec_quorum_count (store, sec_record_get (agenda_item, "event_id"), rule, &quorum, error))
    return FALSE;
  return (vote == NULL || check_votes (agenda_item, vote, &quorum, bad, error)) &&
         record_quorum (agenda_item, &quorum, bad, error);
}

/**
 * sec_agenda_quorum_text:
 *
 * What the minutes say of the quorum when @agenda_item was decided: "Quorum
 * present, 12 voting members represented", "No quorum, 3 voting members
 * represented; the chair let the decision stand", or %NULL before a
 * decision.
 */
char *
sec_agenda_quorum_text (SecRecord *agenda_item)
{
  const char *quorum = sec_record_get (agenda_item, "quorum");
  const char *count = sec_record_get (agenda_item, "represented");
  guint represented = count ? (guint) g_ascii_strtoull (count, NULL, 10) : 0;

  if (g_strcmp0 (quorum, "present") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Quorum present, %u voting member represented",
                                         "Quorum present, %u voting members represented", represented), represented);
  if (g_strcmp0 (quorum, "absent") != 0)
    return NULL;
  if (overridden (agenda_item))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No quorum, %u voting member represented; the chair let the decision stand",
                                         "No quorum, %u voting members represented; the chair let the decision stand",
                                         represented), represented);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No quorum, %u voting member represented",
                                       "No quorum, %u voting members represented", represented), represented);
}

/**
 * sec_agenda_decide:
 * @bad: (out): on a refusal, the field of @agenda_item to blame, or -1
 *
 * Writes @agenda_item with its minutes and, when the decision was adopted,
 * carries it into the records it is about: an admitted applicant gets the
 * meeting's date as its approval, a roadmap item its decided status and
 * due date and, as "decided at", the meeting and the item's number. All or
 * nothing, in one transaction: a change the store refuses (a due date
 * before the item's start) leaves every record as it was, and blames the
 * agenda item's field that asked for it ("decided_due_on"). More votes
 * than voting members represented are refused, blamed on the first vote
 * field written. The quorum under @rule is recorded with the outcome; an
 * outcome other than "noted" without it is refused unless the chair
 * overrides.
 */
gboolean
sec_agenda_decide (SecStore       *store,
                   SecRecord      *agenda_item,
                   SecQuorumRule   rule,
                   int            *bad,
                   GError        **error)
{
  *bad = -1;
  if (!sec_store_check (store, agenda_item, bad, error) || !check_decision (store, agenda_item, rule, bad, error) ||
      !sec_store_begin (store, error))
    return FALSE;
  if (!sec_store_save (store, agenda_item, error) || !apply_decision (store, agenda_item, bad, error) ||
      !sec_store_commit (store, error))
    {
      sec_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
