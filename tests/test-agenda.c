/* test-agenda.c: an assembly's agenda, its numbers and planned times */

#include <string.h>

#include "sec-agenda.h"
#include "sec-field.h"
#include "sec-json.h"
#include "sec-links.h"
#include "sec-programme.h"
#include "sec-quorum.h"
#include "sec-test-util.h"

typedef struct {
  const char *title, *kind;
  int         depth, duration;
} Row;

/* Saves @rows as the agenda of a new meeting, in reverse order of saving
 * so that only the positions give the order; returns the meeting's id. */
static char *
new_agenda_on (SecStore   *store,
               const char *day,
               const Row  *rows,
               guint       n_rows)
{
  g_autoptr(SecRecord) event = sec_record_new (&sec_entity_event);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("ASEC General Assembly %.4s", day);

  sec_record_set (event, "title", title);
  sec_record_set (event, "kind", "general_assembly");
  sec_record_set (event, "status", "held");
  sec_record_set (event, "starts_on", day);
  sec_record_set (event, "ends_on", day);
  g_assert_true (sec_store_save (store, event, &error));
  for (guint i = n_rows; i-- > 0;)
    {
      g_autoptr(SecRecord) item = sec_record_new (&sec_entity_agenda_item);
      g_autofree char *position = g_strdup_printf ("%u", (i + 1) * 10);
      g_autofree char *depth = g_strdup_printf ("%d", rows[i].depth);
      g_autofree char *duration = g_strdup_printf ("%d", rows[i].duration);

      sec_record_set (item, "event_id", sec_record_get_id (event));
      sec_record_set (item, "position", position);
      sec_record_set (item, "depth", depth);
      sec_record_set (item, "kind", rows[i].kind);
      sec_record_set (item, "title", rows[i].title);
      sec_record_set (item, "duration", duration);
      g_assert_true (sec_store_save (store, item, &error));
      g_assert_no_error (error);
    }
  return g_strdup (sec_record_get_id (event));
}

static char *
new_agenda (SecStore  *store,
            const Row *rows,
            guint      n_rows)
{
  return new_agenda_on (store, "2024-01-29", rows, n_rows);
}

/* The seed's General Assembly: three roadmap sessions, sub-items under the
 * second, a coffee break and lunch that take time but no number. */
static void
test_numbers_and_times (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = {
    { "Formalising ASEC membership", "item", 0, 90 },
    { "Coffee break", "break", 0, 15 },
    { "Knowledge management, education and training", "item", 0, 0 },
    { "Knowledge hub", "item", 1, 45 },
    { "Training of trainers", "item", 1, 30 },
    { "Lunch", "break", 0, 60 },
    { "Resource mobilisation and impact assessment", "item", 0, 75 },
  };
  static const struct { const char *number, *starts, *ends; } expected[] = {
    { "1", "09:00", "10:30" },
    { NULL, "10:30", "10:45" },
    { "2", "10:45", "10:45" },
    { "2.1", "10:45", "11:30" },
    { "2.2", "11:30", "12:00" },
    { NULL, "12:00", "13:00" },
    { "3", "13:00", "14:15" },
  };
  g_autofree char *event_id = new_agenda (store, rows, G_N_ELEMENTS (rows));
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  g_autoptr(GPtrArray) plan = sec_agenda_plan (items, "09:00");

  g_assert_cmpuint (plan->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < plan->len; i++)
    {
      SecAgendaEntry *entry = g_ptr_array_index (plan, i);
      g_autofree char *starts = sec_minutes_to_time (entry->starts);
      g_autofree char *ends = sec_minutes_to_time (entry->ends);

      g_test_message ("%s", rows[i].title);
      g_assert_cmpstr (sec_record_get (entry->item, "title"), ==, rows[i].title);
      g_assert_cmpstr (entry->number, ==, expected[i].number);
      g_assert_cmpstr (starts, ==, expected[i].starts);
      g_assert_cmpstr (ends, ==, expected[i].ends);
    }
}

/* A sub-item before any item is numbered as an item; an empty agenda has
 * nothing to plan. */
static void
test_edges (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = {
    { "Welcome", "item", 1, 10 },
    { "Adoption of the agenda", "item", 1, 5 },
  };
  g_autofree char *event_id = new_agenda (store, rows, G_N_ELEMENTS (rows));
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  g_autoptr(GPtrArray) plan = sec_agenda_plan (items, "14:00");
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) empty = sec_agenda_plan (none, "14:00");

  g_assert_cmpstr (((SecAgendaEntry *) plan->pdata[0])->number, ==, "1");
  g_assert_cmpstr (((SecAgendaEntry *) plan->pdata[1])->number, ==, "1.1");
  g_assert_cmpint (((SecAgendaEntry *) plan->pdata[1])->ends, ==, 14 * 60 + 15);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* The agenda as numbers and titles, "1 Opening|2 Reports|2.1 Finance". */
static char *
describe_agenda (SecStore   *store,
                 const char *event_id)
{
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  g_autoptr(GPtrArray) plan = sec_agenda_plan (items, "09:00");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < plan->len; i++)
    {
      SecAgendaEntry *entry = g_ptr_array_index (plan, i);
      g_string_append_printf (text, "%s%s %s", i > 0 ? "|" : "", entry->number ? entry->number : "-",
                              sec_record_get (entry->item, "title"));
    }
  return g_string_free (text, FALSE);
}

static char *
id_of (SecStore   *store,
       const char *event_id,
       const char *title)
{
  return sec_store_find_id (store, &sec_entity_agenda_item, "title", title, "event_id", event_id);
}

static void
assert_agenda (SecStore   *store,
               const char *event_id,
               const char *expected)
{
  g_autofree char *agenda = describe_agenda (store, event_id);
  g_assert_cmpstr (agenda, ==, expected);
}

/* Items move with their sub-items, by one place (Alt+Up, Alt+Down) or
 * next to another (drag and drop); sub-items move alone; nothing moves
 * past either end or into itself. */
static void
test_reorder (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = {
    { "Opening", "item", 0, 10 },
    { "Reports", "item", 0, 20 },
    { "Finance", "item", 1, 15 },
    { "Activities", "item", 1, 15 },
    { "Coffee", "break", 0, 15 },
    { "Elections", "item", 0, 30 },
  };
  g_autofree char *event_id = new_agenda (store, rows, G_N_ELEMENTS (rows));
  g_autofree char *opening = id_of (store, event_id, "Opening");
  g_autofree char *reports = id_of (store, event_id, "Reports");
  g_autofree char *finance = id_of (store, event_id, "Finance");
  g_autofree char *coffee = id_of (store, event_id, "Coffee");
  g_autofree char *elections = id_of (store, event_id, "Elections");
  g_autoptr(SecRecord) lunch = NULL;
  g_autoptr(SecRecord) untitled = NULL;
  g_autoptr(GError) error = NULL;

  assert_agenda (store, event_id, "1 Opening|2 Reports|2.1 Finance|2.2 Activities|- Coffee|3 Elections");
  g_assert_true (sec_agenda_step (store, event_id, reports, -1, &error));
  assert_agenda (store, event_id, "1 Reports|1.1 Finance|1.2 Activities|2 Opening|- Coffee|3 Elections");
  g_assert_true (sec_agenda_step (store, event_id, reports, -1, &error));
  assert_agenda (store, event_id, "1 Reports|1.1 Finance|1.2 Activities|2 Opening|- Coffee|3 Elections");
  g_assert_true (sec_agenda_step (store, event_id, reports, +1, &error));
  assert_agenda (store, event_id, "1 Opening|2 Reports|2.1 Finance|2.2 Activities|- Coffee|3 Elections");
  g_assert_true (sec_agenda_step (store, event_id, finance, +1, &error));
  assert_agenda (store, event_id, "1 Opening|2 Reports|2.1 Activities|2.2 Finance|- Coffee|3 Elections");
  g_assert_true (sec_agenda_step (store, event_id, elections, +1, &error));
  g_assert_true (sec_agenda_step (store, event_id, coffee, -1, &error));
  assert_agenda (store, event_id, "1 Opening|- Coffee|2 Reports|2.1 Activities|2.2 Finance|3 Elections");

  g_assert_true (sec_agenda_move (store, event_id, reports, elections, TRUE, &error));
  assert_agenda (store, event_id, "1 Opening|- Coffee|2 Elections|3 Reports|3.1 Activities|3.2 Finance");
  g_assert_true (sec_agenda_move (store, event_id, elections, opening, FALSE, &error));
  assert_agenda (store, event_id, "1 Elections|2 Opening|- Coffee|3 Reports|3.1 Activities|3.2 Finance");
  g_assert_true (sec_agenda_move (store, event_id, reports, finance, FALSE, &error));
  assert_agenda (store, event_id, "1 Elections|2 Opening|- Coffee|3 Reports|3.1 Activities|3.2 Finance");
  g_assert_true (sec_agenda_move (store, event_id, finance, opening, TRUE, &error));
  assert_agenda (store, event_id, "1 Elections|2 Opening|2.1 Finance|- Coffee|3 Reports|3.1 Activities");

  g_assert_true (sec_agenda_set_level (store, finance, 0, &error));
  g_assert_true (sec_agenda_set_level (store, opening, 7, &error));
  assert_agenda (store, event_id, "1 Elections|1.1 Opening|2 Finance|- Coffee|3 Reports|3.1 Activities");
  lunch = sec_agenda_new_item (store, event_id, "break");
  g_assert_cmpstr (sec_record_get (lunch, "title"), ==, "Break");
  g_assert_cmpstr (sec_record_get (lunch, "duration"), ==, "15");
  sec_record_set (lunch, "title", "Lunch");
  g_assert_true (sec_store_save (store, lunch, &error));
  assert_agenda (store, event_id, "1 Elections|1.1 Opening|2 Finance|- Coffee|3 Reports|3.1 Activities|- Lunch");

  /* An unknown item moves nothing; an empty title is refused. */
  g_assert_true (sec_agenda_step (store, event_id, "no-such-item", -1, &error));
  untitled = sec_agenda_new_item (store, event_id, "item");
  g_assert_false (sec_store_save (store, untitled, &error));
  g_assert_nonnull (error);
  assert_agenda (store, event_id, "1 Elections|1.1 Opening|2 Finance|- Coffee|3 Reports|3.1 Activities|- Lunch");
}

/* The sample's General Assembly 2024 keeps to its programme: each item
 * and break of its agenda starts when the session on the same subject
 * does, and the agenda ends when the last session does. */
static void
test_sample (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ga = NULL;
  g_autofree char *starts_at = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GString) starts = g_string_new (NULL);
  g_autoptr(GString) session_starts = g_string_new (NULL);

  g_assert_cmpuint (sec_store_load_sample (store, &error), >, 0);
  ga = sec_store_find_id (store, &sec_entity_event, "title", "ASEC General Assembly 2024", NULL, NULL);
  sessions = sec_programme_sessions (store, ga);
  items = sec_agenda_items (store, ga);
  starts_at = sec_agenda_start (store, ga);
  plan = sec_agenda_plan (items, starts_at);
  for (guint i = 0; i < plan->len; i++)
    {
      SecAgendaEntry *entry = g_ptr_array_index (plan, i);
      g_autofree char *time = sec_minutes_to_time (entry->starts);

      if (entry->number == NULL || strchr (entry->number, '.') == NULL)
        g_string_append_printf (starts, "%s ", time);
    }
  for (guint i = 0; i < sessions->len; i++)
    g_string_append_printf (session_starts, "%s ", sec_record_get (g_ptr_array_index (sessions, i), "starts_at"));
  g_assert_cmpstr (starts->str, ==, session_starts->str);
  g_assert_cmpstr (starts->str, ==, "09:00 10:30 10:45 12:30 13:30 ");
  g_assert_cmpint (((SecAgendaEntry *) plan->pdata[plan->len - 1])->ends, ==, 15 * 60);
  g_assert_cmpstr (((SecAgendaEntry *) plan->pdata[3])->number, ==, "2.1");
}

/* Bad input is refused whole: a negative duration, an unknown kind. */
static void
test_bad_input (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = { { "Welcome", "item", 0, 10 } };
  g_autofree char *event_id = new_agenda (store, rows, G_N_ELEMENTS (rows));
  g_autoptr(SecRecord) item = sec_record_new (&sec_entity_agenda_item);
  int duration = sec_entity_field_index (&sec_entity_agenda_item, "duration");
  g_autoptr(GError) error = NULL;

  sec_record_set (item, "event_id", event_id);
  sec_record_set (item, "position", "20");
  sec_record_set (item, "kind", "item");
  sec_record_set (item, "title", "Any other business");
  g_assert_false (sec_field_parse (item, (guint) duration, "-5", &error));
  g_clear_error (&error);
  g_assert_false (sec_store_save (store, item, &error));   /* no duration */
  g_clear_error (&error);
  g_assert_true (sec_field_parse (item, (guint) duration, "15", &error));
  sec_record_set (item, "kind", "speech");
  g_assert_false (sec_store_save (store, item, &error));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
    g_assert_cmpuint (items->len, ==, 1);
  }
}

/* An agenda item put there for a roadmap item links to it, and the roadmap
 * item shows the meeting it is on the agenda of. */
static void
test_links (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = { { "Crowdfunding pilot: extend to Viet Nam?", "item", 0, 20 } };
  g_autofree char *event_id = new_agenda (store, rows, G_N_ELEMENTS (rows));
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  g_autoptr(SecRecord) roadmap_item = sec_record_new (&sec_entity_roadmap_item);
  g_autoptr(SecRecord) agenda_item = sec_record_copy (items->pdata[0]);
  g_autoptr(GPtrArray) links = NULL;

  sec_record_set (roadmap_item, "title", "Crowdfunding pilot for community enterprises");
  sec_record_set (roadmap_item, "pillar_id", "5e0c0001-0000-4000-8000-000000000004");
  sec_record_set (roadmap_item, "status", "blocked");
  g_assert_true (sec_store_save (store, roadmap_item, NULL));
  sec_record_set (agenda_item, "roadmap_item_id", sec_record_get_id (roadmap_item));
  g_assert_true (sec_store_save (store, agenda_item, NULL));

  links = sec_links_for (store, roadmap_item);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((SecLink *) links->pdata[0])->relation, ==, "On the agenda of");
  g_assert_cmpstr (((SecLink *) links->pdata[0])->title, ==, "ASEC General Assembly 2024");
}

static void
add_member (SecStore   *store,
            const char *name,
            const char *approved_on,
            const char *dues_paid_until)
{
  g_autoptr(SecRecord) member = sec_record_new (&sec_entity_member);

  sec_record_set (member, "name", name);
  sec_record_set (member, "kind", "national_network");
  sec_record_set (member, "country", "PH");
  sec_record_set (member, "approved_on", approved_on);
  if (dues_paid_until != NULL)
    {
      sec_record_set (member, "dues_amount", "10000");
      sec_record_set (member, "dues_currency", "USD");
      sec_record_set (member, "dues_paid_until", dues_paid_until);
    }
  g_assert_true (sec_store_save (store, member, NULL));
}

static SecRecord *
add_delegate (SecStore   *store,
              const char *event_id,
              const char *name,
              const char *organisation,
              const char *voting,
              const char *attended)
{
  SecRecord *participant = sec_record_new (&sec_entity_participant);

  sec_record_set (participant, "event_id", event_id);
  sec_record_set (participant, "name", name);
  sec_record_set (participant, "organisation", organisation);
  sec_record_set (participant, "role", "delegate");
  sec_record_set (participant, "voting_delegate", voting);
  sec_record_set (participant, "attended", attended);
  g_assert_true (sec_store_save (store, participant, NULL));
  return participant;
}

/* Five voting members (current on 29 January 2024), a lapsed one and an
 * applicant; delegates present from three voting members. */
static void
test_quorum (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = { { "Adoption of the agenda", "item", 0, 5 } };
  g_autofree char *event_id = new_agenda (store, rows, G_N_ELEMENTS (rows));
  g_autoptr(SecRecord) late = NULL;
  g_autoptr(GError) error = NULL;
  SecQuorum quorum;

  sec_store_set_today (store, "2024-01-29");
  add_member (store, "Alalay sa Kaunlaran Inc.", "2015-04-25", NULL);
  add_member (store, "Bina Swadaya Foundation", "2015-04-25", "2024-12-31");
  add_member (store, "Liên minh Hợp tác xã Việt Nam", "2016-01-01", NULL);
  add_member (store, "Pacific Asia Resource Center", "2016-01-01", "2024-06-30");
  add_member (store, "Development Wheel", "2018-03-01", NULL);
  add_member (store, "Sinergi Indonesia", "2015-04-25", "2022-12-31");   /* lapsed */
  add_member (store, "DEW Crafts", NULL, NULL);                           /* applicant */

  g_object_unref (add_delegate (store, event_id, "Maria Santos", "Alalay sa Kaunlaran Inc.", "1", "1"));
  g_object_unref (add_delegate (store, event_id, "Jose Reyes", "alalay sa kaunlaran inc.", "1", "1"));  /* same member */
  g_object_unref (add_delegate (store, event_id, "Bambang Ismawan", "Bina Swadaya Foundation", "1", "1"));
  g_object_unref (add_delegate (store, event_id, "Nguyễn Thị Hoa", "Liên minh Hợp tác xã Việt Nam", "1", "1"));
  g_object_unref (add_delegate (store, event_id, "Dewi Lestari", "Sinergi Indonesia", "1", "1"));       /* lapsed */
  g_object_unref (add_delegate (store, event_id, "Kenji Sato", "Pacific Asia Resource Center", "0", "1")); /* observer */
  late = add_delegate (store, event_id, "Sokha Chan", "Development Wheel", "1", "0");                    /* not in yet */

  g_assert_true (sec_quorum_count (store, event_id, SEC_QUORUM_MORE_THAN_HALF, &quorum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (quorum.voting, ==, 5);
  g_assert_cmpuint (quorum.represented, ==, 3);
  g_assert_cmpuint (quorum.required, ==, 3);
  g_assert_true (quorum.met);

  g_assert_true (sec_quorum_count (store, event_id, SEC_QUORUM_TWO_THIRDS, &quorum, &error));
  g_assert_cmpuint (quorum.required, ==, 4);
  g_assert_false (quorum.met);
  sec_record_set (late, "attended", "1");                                  /* checks in */
  g_assert_true (sec_store_save (store, late, NULL));
  /* A check-in counts who is represented again, the voting members kept. */
  quorum.voting = 6;
  g_assert_true (sec_quorum_count_represented (store, event_id, SEC_QUORUM_TWO_THIRDS, &quorum, &error));
  g_assert_cmpuint (quorum.voting, ==, 6);
  g_assert_cmpuint (quorum.represented, ==, 4);
  g_assert_cmpuint (quorum.required, ==, 4);
  g_assert_true (sec_quorum_count (store, event_id, SEC_QUORUM_TWO_THIRDS, &quorum, &error));
  g_assert_cmpuint (quorum.voting, ==, 5);
  g_assert_cmpuint (quorum.represented, ==, 4);
  g_assert_true (quorum.met);

  /* The rules at their edges. */
  g_assert_cmpuint (sec_quorum_required (SEC_QUORUM_MORE_THAN_HALF, 4), ==, 3);
  g_assert_cmpuint (sec_quorum_required (SEC_QUORUM_MORE_THAN_HALF, 21), ==, 11);
  g_assert_cmpuint (sec_quorum_required (SEC_QUORUM_ONE_THIRD, 21), ==, 7);
  g_assert_cmpuint (sec_quorum_required (SEC_QUORUM_ONE_THIRD, 22), ==, 8);
  g_assert_cmpuint (sec_quorum_required (SEC_QUORUM_TWO_THIRDS, 21), ==, 14);
  g_assert_cmpuint (sec_quorum_required (SEC_QUORUM_TWO_THIRDS, 22), ==, 15);
}

static void
add_item (SecStore   *store,
          const char *title,
          const char *status,
          const char *due_on)
{
  g_autoptr(SecRecord) item = sec_record_new (&sec_entity_roadmap_item);

  sec_record_set (item, "title", title);
  sec_record_set (item, "pillar_id", "5e0c0001-0000-4000-8000-000000000001");
  sec_record_set (item, "status", status);
  sec_record_set (item, "due_on", due_on);
  g_assert_true (sec_store_save (store, item, NULL));
}

static char *
describe_proposals (SecStore   *store,
                    const char *event_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposals = sec_agenda_proposals (store, event_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < proposals->len; i++)
    {
      SecAgendaProposal *proposal = g_ptr_array_index (proposals, i);
      g_string_append_printf (out, "%s%s: %s", i ? "; " : "", proposal->reason, proposal->title);
    }
  return g_string_free (out, FALSE);
}

/* On 1 June 2026, for the assembly of 20 June: what is late, blocked or
 * due by then, the application and the lapsed member, and what last
 * year's assembly deferred. Accepted proposals are not proposed again. */
static void
test_assistant (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row last_year[] = {
    { "Adoption of the 2024 accounts", "item", 0, 10 },
    { "Regional solidarity fund", "item", 0, 20 },
  };
  g_autofree char *previous = new_agenda_on (store, "2025-06-20", last_year, G_N_ELEMENTS (last_year));
  g_autofree char *meeting = new_agenda_on (store, "2026-06-20", NULL, 0);
  g_autoptr(GPtrArray) previous_items = sec_agenda_items (store, previous);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) error = NULL;

  sec_record_set (previous_items->pdata[0], "outcome", "adopted");
  sec_record_set (previous_items->pdata[1], "outcome", "deferred");
  g_assert_true (sec_store_save (store, previous_items->pdata[0], NULL));
  g_assert_true (sec_store_save (store, previous_items->pdata[1], NULL));
  sec_store_set_today (store, "2026-06-01");
  add_item (store, "Dues schedule for national networks", "in_progress", "2026-05-01");
  add_item (store, "Crowdfunding pilot", "blocked", "2026-12-31");
  add_item (store, "Common impact indicators", "planned", "2026-06-10");
  add_item (store, "Training of trainers", "done", "2026-01-31");         /* done: never late */
  add_item (store, "Knowledge portal", "planned", "2026-07-01");          /* after the meeting */
  add_member (store, "DEW Crafts", NULL, NULL);
  add_member (store, "Sinergi Indonesia", "2015-04-25", "2025-12-31");
  add_member (store, "Bina Swadaya Foundation", "2015-04-25", "2026-12-31");

  before = describe_proposals (store, meeting);
  g_assert_cmpstr (before, ==,
                   "Overdue: Roadmap: Dues schedule for national networks; "
                   "Blocked: Roadmap: Crowdfunding pilot; "
                   "Due before the meeting: Roadmap: Common impact indicators; "
                   "Application waiting: Admission of DEW Crafts; "
                   "Lapsed: Membership of Sinergi Indonesia, lapsed; "
                   "Deferred last time: Regional solidarity fund");

  proposals = sec_agenda_proposals (store, meeting, &error);
  g_assert_true (sec_agenda_accept (store, meeting, proposals->pdata[3], &error));
  g_assert_true (sec_agenda_accept (store, meeting, proposals->pdata[5], &error));
  g_assert_no_error (error);
  agenda = sec_agenda_items (store, meeting);
  g_assert_cmpuint (agenda->len, ==, 2);
  g_assert_cmpstr (sec_record_get (agenda->pdata[0], "title"), ==, "Admission of DEW Crafts");
  g_assert_cmpstr (sec_record_get (agenda->pdata[0], "member_id"), ==, ((SecAgendaProposal *) proposals->pdata[3])->id);
  g_assert_cmpstr (sec_record_get (agenda->pdata[1], "title"), ==, "Regional solidarity fund");

  after = describe_proposals (store, meeting);
  g_assert_cmpstr (after, ==,
                   "Overdue: Roadmap: Dues schedule for national networks; "
                   "Blocked: Roadmap: Crowdfunding pilot; "
                   "Due before the meeting: Roadmap: Common impact indicators; "
                   "Lapsed: Membership of Sinergi Indonesia, lapsed");
}

/* A federation's many applications: the first twenty one by one, then
 * all of them as one item, which links to none and is not proposed again
 * once taken. */
static void
test_many_proposals (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = { { "Opening", "item", 0, 10 } };
  g_autofree char *meeting = new_agenda_on (store, "2026-06-20", rows, G_N_ELEMENTS (rows));
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) agenda = NULL;
  g_autoptr(GError) error = NULL;
  SecAgendaProposal *bulk;

  sec_store_set_today (store, "2026-06-01");
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cooperative %02u", i);
      add_member (store, name, NULL, NULL);
    }
  proposals = sec_agenda_proposals (store, meeting, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (proposals->len, ==, SEC_AGENDA_PROPOSALS_EACH + 1);
  g_assert_cmpstr (((SecAgendaProposal *) proposals->pdata[19])->title, ==, "Admission of Cooperative 19");
  bulk = proposals->pdata[20];
  g_assert_cmpstr (bulk->title, ==, "Membership applications (25)");
  g_assert_null (bulk->entity);
  g_assert_true (sec_agenda_accept (store, meeting, bulk, &error));
  agenda = sec_agenda_items (store, meeting);
  g_assert_cmpuint (agenda->len, ==, 2);
  g_assert_null (sec_record_get (agenda->pdata[1], "member_id"));
  add_member (store, "Cooperative 25", NULL, NULL);
  again = sec_agenda_proposals (store, meeting, &error);
  g_assert_cmpuint (again->len, ==, SEC_AGENDA_PROPOSALS_EACH);
}

/* Records a decision on the agenda item at @index, as the minutes form
 * does: the item and what it decides in one go. @bad says which field of
 * the item stood in the way. */
static gboolean
decide (SecStore    *store,
        const char  *event_id,
        guint        index,
        const char  *const *pairs,
        int         *bad,
        GError     **error)
{
  g_autoptr(GPtrArray) items = sec_agenda_items (store, event_id);
  SecRecord *item = g_ptr_array_index (items, index);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    sec_record_set (item, pairs[i], pairs[i + 1]);
  return sec_agenda_decide (store, item, SEC_QUORUM_MORE_THAN_HALF, bad, error);
}

/* Adopted decisions flow back: the applicant is admitted on the meeting's
 * day, the roadmap item takes its new status and due date and says where
 * that was decided. A rejected one changes nothing; a due date before the
 * item's start is refused and changes nothing. */
static void
test_decisions (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = {
    { "Admission of DEW Crafts", "item", 0, 10 },
    { "Coffee break", "break", 0, 15 },
    { "Roadmap: Crowdfunding pilot", "item", 0, 20 },
    { "Admission of Mekong Weavers", "item", 0, 10 },
  };
  g_autofree char *meeting = new_agenda_on (store, "2026-06-20", rows, G_N_ELEMENTS (rows));
  g_autofree char *dew = NULL, *weavers = NULL, *pilot = NULL;
  g_autoptr(SecRecord) member = NULL;
  g_autoptr(SecRecord) item = NULL;
  g_autoptr(GError) error = NULL;
  int bad = -1;

  sec_store_set_today (store, "2026-06-20");
  add_member (store, "DEW Crafts", NULL, NULL);
  add_member (store, "Mekong Weavers", NULL, NULL);
  add_item (store, "Crowdfunding pilot", "blocked", "2026-06-30");
  dew = sec_store_find_id (store, &sec_entity_member, "name", "DEW Crafts", NULL, NULL);
  weavers = sec_store_find_id (store, &sec_entity_member, "name", "Mekong Weavers", NULL, NULL);
  pilot = sec_store_find_id (store, &sec_entity_roadmap_item, "title", "Crowdfunding pilot", NULL, NULL);
  {
    g_autoptr(SecRecord) started = sec_store_load (store, &sec_entity_roadmap_item, pilot, NULL);
    sec_record_set (started, "start_on", "2025-06-01");
    g_assert_true (sec_store_save (store, started, NULL));
  }

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *network = g_strdup_printf ("Voting network %u", i + 1);
      g_autoptr(SecRecord) delegate = NULL;

      add_member (store, network, "2020-01-01", "2026-12-31");
      delegate = add_delegate (store, meeting, "Delegate", network, "1", "1");
    }

  g_assert_true (decide (store, meeting, 0, (const char *[]) {
    "member_id", dew, "decision", "DEW Crafts is admitted as a member.",
    "votes_for", "2", "votes_against", "0", "votes_abstaining", "1", "outcome", "adopted", NULL }, &bad, &error));
  g_assert_no_error (error);
  member = sec_store_load (store, &sec_entity_member, dew, NULL);
  g_assert_cmpstr (sec_record_get (member, "approved_on"), ==, "2026-06-20");
  g_assert_cmpstr (sec_store_member_status (store, member), ==, "current");

  g_assert_true (decide (store, meeting, 3, (const char *[]) {
    "member_id", weavers, "outcome", "rejected", NULL }, &bad, &error));
  g_clear_object (&member);
  member = sec_store_load (store, &sec_entity_member, weavers, NULL);
  g_assert_null (sec_record_get (member, "approved_on"));

  g_assert_false (decide (store, meeting, 2, (const char *[]) {
    "roadmap_item_id", pilot, "outcome", "adopted", "decided_status", "in_progress",
    "decided_due_on", "2025-01-01", NULL }, &bad, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_agenda_item, "decided_due_on"));
  g_clear_error (&error);
  item = sec_store_load (store, &sec_entity_roadmap_item, pilot, NULL);
  g_assert_cmpstr (sec_record_get (item, "status"), ==, "blocked");
  g_assert_null (sec_record_get (item, "decided_at"));
  {
    g_autoptr(GPtrArray) minutes = sec_agenda_items (store, meeting);
    g_assert_null (sec_record_get (minutes->pdata[2], "outcome"));   /* the minutes wait too */
  }

  g_assert_true (decide (store, meeting, 2, (const char *[]) {
    "roadmap_item_id", pilot, "outcome", "adopted", "decided_status", "in_progress",
    "decided_due_on", "2027-06-30", NULL }, &bad, &error));
  g_assert_no_error (error);
  g_clear_object (&item);
  item = sec_store_load (store, &sec_entity_roadmap_item, pilot, NULL);
  g_assert_cmpstr (sec_record_get (item, "status"), ==, "in_progress");
  g_assert_cmpstr (sec_record_get (item, "due_on"), ==, "2027-06-30");
  g_assert_cmpstr (sec_record_get (item, "decided_at"), ==, "ASEC General Assembly 2026, item 2");
}

/* No more votes than voting members represented: refused beside the first
 * vote written, with nothing written. Votes already in the minutes stay
 * when the delegates have left and the wording is corrected. */
static void
test_votes_within_represented (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = { { "Adoption of the budget", "item", 0, 10 }, { "Any other business", "item", 0, 5 } };
  g_autofree char *meeting = new_agenda_on (store, "2026-06-20", rows, G_N_ELEMENTS (rows));
  g_autofree char *empty = new_agenda_on (store, "2026-06-21", rows, G_N_ELEMENTS (rows));
  g_autoptr(SecRecord) leaving = NULL;
  g_autoptr(GError) error = NULL;
  int bad = -1;

  sec_store_set_today (store, "2026-06-20");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *network = g_strdup_printf ("Voting network %u", i + 1);

      add_member (store, network, "2020-01-01", "2026-12-31");
      g_clear_object (&leaving);
      leaving = add_delegate (store, meeting, "Delegate", network, "1", "1");
    }
  add_member (store, "Lapsed network", "2020-01-01", "2024-12-31");
  g_object_unref (add_delegate (store, meeting, "Delegate", "Lapsed network", "1", "1"));
  g_object_unref (add_delegate (store, meeting, "Observer", "Voting network 1", "0", "1"));

  g_assert_false (decide (store, meeting, 0, (const char *[]) {
    "decision", "The budget is adopted.", "votes_against", "1", "votes_for", "3", "outcome", "adopted", NULL },
    &bad, &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "4 votes cast, but only 3 voting members are represented");
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_agenda_item, "votes_for"));
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) minutes = sec_agenda_items (store, meeting);
    g_assert_null (sec_record_get (minutes->pdata[0], "decision"));
    g_assert_null (sec_record_get (minutes->pdata[0], "outcome"));
  }

  g_assert_false (decide (store, empty, 0, (const char *[]) { "votes_abstaining", "1", NULL }, &bad, &error));
  g_assert_cmpstr (error->message, ==,
                   "No voting member is represented: check in the voting delegates before recording votes");
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_agenda_item, "votes_abstaining"));
  g_clear_error (&error);
  g_assert_true (decide (store, empty, 0, (const char *[]) { "decision", "Noted, without a vote.", "outcome", "noted", NULL },
                         &bad, &error));
  g_assert_no_error (error);

  g_assert_true (decide (store, meeting, 0, (const char *[]) {
    "votes_for", "2", "votes_against", "1", "votes_abstaining", "0", "outcome", "adopted", NULL }, &bad, &error));
  g_assert_no_error (error);
  sec_record_set (leaving, "attended", "0");
  g_assert_true (sec_store_save (store, leaving, NULL));
  g_assert_true (decide (store, meeting, 0, (const char *[]) { "decision", "The budget for 2027 is adopted.", NULL },
                         &bad, &error));
  g_assert_no_error (error);
  g_assert_false (decide (store, meeting, 0, (const char *[]) { "votes_for", "3", "votes_against", "0", NULL },
                          &bad, &error));
  g_assert_cmpstr (error->message, ==, "3 votes cast, but only 2 voting members are represented");
}

/* Without a quorum an item is only noted, unless the chair lets the
 * decision stand; either way the minutes keep whether the quorum was
 * present and how many were represented when it was decided. */
static void
test_decision_needs_quorum (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  static const Row rows[] = { { "Adoption of the budget", "item", 0, 10 }, { "Report of the treasurer", "item", 0, 5 } };
  g_autofree char *meeting = new_agenda_on (store, "2026-06-20", rows, G_N_ELEMENTS (rows));
  g_autoptr(SecRecord) third = NULL;
  g_autoptr(GPtrArray) minutes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int bad = -1;

  sec_store_set_today (store, "2026-06-20");
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *network = g_strdup_printf ("Voting network %u", i + 1);

      add_member (store, network, "2020-01-01", "2026-12-31");
      if (i < 2)
        g_object_unref (add_delegate (store, meeting, "Delegate", network, "1", "1"));
    }
  third = add_delegate (store, meeting, "Delegate", "Voting network 3", "1", "0");

  /* 2 of 5 represented; more than half is 3 */
  g_assert_false (decide (store, meeting, 0, (const char *[]) {
    "votes_for", "2", "outcome", "adopted", NULL }, &bad, &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "No quorum: 2 voting members are represented and 3 are needed. "
                                       "Record the item as noted, or the chair may let the decision stand.");
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_agenda_item, "outcome"));
  g_clear_error (&error);
  minutes = sec_agenda_items (store, meeting);
  g_assert_null (sec_record_get (minutes->pdata[0], "votes_for"));
  g_assert_null (sec_record_get (minutes->pdata[0], "quorum"));
  g_clear_pointer (&minutes, g_ptr_array_unref);

  g_assert_true (decide (store, meeting, 1, (const char *[]) { "outcome", "noted", NULL }, &bad, &error));
  g_assert_no_error (error);
  g_assert_true (decide (store, meeting, 0, (const char *[]) {
    "votes_for", "2", "outcome", "adopted", "chair_override", "1", NULL }, &bad, &error));
  g_assert_no_error (error);
  minutes = sec_agenda_items (store, meeting);
  g_assert_cmpstr (sec_record_get (minutes->pdata[0], "quorum"), ==, "absent");
  g_assert_cmpstr (sec_record_get (minutes->pdata[0], "represented"), ==, "2");
  text = sec_agenda_quorum_text (minutes->pdata[0]);
  g_assert_cmpstr (text, ==, "No quorum, 2 voting members represented; the chair let the decision stand");
  g_clear_pointer (&text, g_free);
  text = sec_agenda_quorum_text (minutes->pdata[1]);
  g_assert_cmpstr (text, ==, "No quorum, 2 voting members represented");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&minutes, g_ptr_array_unref);

  /* The third delegate arrives: the quorum is present, the override goes */
  sec_record_set (third, "attended", "1");
  g_assert_true (sec_store_save (store, third, NULL));
  g_assert_true (decide (store, meeting, 1, (const char *[]) { "outcome", "rejected", "chair_override", "1", NULL },
                         &bad, &error));
  g_assert_no_error (error);
  minutes = sec_agenda_items (store, meeting);
  g_assert_cmpstr (sec_record_get (minutes->pdata[1], "quorum"), ==, "present");
  g_assert_null (sec_record_get (minutes->pdata[1], "chair_override"));
  text = sec_agenda_quorum_text (minutes->pdata[1]);
  g_assert_cmpstr (text, ==, "Quorum present, 3 voting members represented");
  g_clear_pointer (&text, g_free);
  /* What was recorded without the quorum stays so when its wording changes */
  g_assert_true (decide (store, meeting, 0, (const char *[]) { "decision", "The budget is adopted.", NULL },
                         &bad, &error));
  g_clear_pointer (&minutes, g_ptr_array_unref);
  minutes = sec_agenda_items (store, meeting);
  g_assert_cmpstr (sec_record_get (minutes->pdata[0], "quorum"), ==, "absent");
  /* Taking the outcome back takes back what was recorded with it */
  g_assert_true (decide (store, meeting, 1, (const char *[]) { "outcome", NULL, NULL }, &bad, &error));
  g_clear_pointer (&minutes, g_ptr_array_unref);
  minutes = sec_agenda_items (store, meeting);
  g_assert_null (sec_record_get (minutes->pdata[1], "quorum"));
  g_assert_null (sec_record_get (minutes->pdata[1], "represented"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agenda/numbers-and-times", test_numbers_and_times);
  g_test_add_func ("/agenda/edges", test_edges);
  g_test_add_func ("/agenda/reorder", test_reorder);
  g_test_add_func ("/agenda/sample", test_sample);
  g_test_add_func ("/agenda/bad-input", test_bad_input);
  g_test_add_func ("/agenda/links", test_links);
  g_test_add_func ("/agenda/quorum", test_quorum);
  g_test_add_func ("/agenda/assistant", test_assistant);
  g_test_add_func ("/agenda/many-proposals", test_many_proposals);
  g_test_add_func ("/agenda/decisions", test_decisions);
  g_test_add_func ("/agenda/votes-within-represented", test_votes_within_represented);
  g_test_add_func ("/agenda/decision-needs-quorum", test_decision_needs_quorum);

  return g_test_run ();
}
