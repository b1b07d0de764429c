/* test-agenda.c: an assembly's agenda, its numbers and planned times */

#include "sec-agenda.h"
#include "sec-field.h"
#include "sec-links.h"
#include "sec-programme.h"
#include "sec-test-util.h"

typedef struct {
  const char *title, *kind;
  int         depth, duration;
} Row;

/* Saves @rows as the agenda of a new meeting, in reverse order of saving
 * so that only the positions give the order; returns the meeting's id. */
static char *
new_agenda (SecStore  *store,
            const Row *rows,
            guint      n_rows)
{
  g_autoptr(SecRecord) event = sec_record_new (&sec_entity_event);
  g_autoptr(GError) error = NULL;

  sec_record_set (event, "title", "ASEC General Assembly 2024");
  sec_record_set (event, "kind", "general_assembly");
  sec_record_set (event, "status", "held");
  sec_record_set (event, "starts_on", "2024-01-29");
  sec_record_set (event, "ends_on", "2024-01-29");
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/agenda/numbers-and-times", test_numbers_and_times);
  g_test_add_func ("/agenda/edges", test_edges);
  g_test_add_func ("/agenda/bad-input", test_bad_input);
  g_test_add_func ("/agenda/links", test_links);

  return g_test_run ();
}
