/* test-roadmap.c: pillars, roadmap items and their timing rules */

#include "sec-field.h"
#include "sec-json.h"
#include "sec-links.h"
#include "sec-query-model.h"
#include "sec-test-util.h"

#define KNOWLEDGE "5e0c0001-0000-4000-8000-000000000002"

static SecRecord *
new_item (const char *title,
          const char *status,
          const char *start_on,
          const char *due_on)
{
  SecRecord *item = sec_record_new (&sec_entity_roadmap_item);

  sec_record_set (item, "title", title);
  sec_record_set (item, "pillar_id", KNOWLEDGE);
  sec_record_set (item, "status", status);
  sec_record_set (item, "start_on", start_on);
  sec_record_set (item, "due_on", due_on);
  return item;
}

static void
test_default_pillars (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecQueryModel) pillars = sec_query_model_new (store, &sec_entity_pillar);
  static const char *const names[] = {
    "Formalising membership", "Knowledge management", "Education and training",
    "Resource mobilisation and crowdfunding", "Impact assessment",
  };

  sec_query_model_set_sort (pillars, "position", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pillars)), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SecRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), i);
      g_assert_cmpstr (sec_record_get (pillar, "name"), ==, names[i]);
    }
}

static void
test_bad_input (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) item = new_item ("Mapping study of SSE in Cambodia", "planned", "2026-03-01", "2026-02-01");
  int progress = sec_entity_field_index (&sec_entity_roadmap_item, "progress");
  g_autoptr(GError) error = NULL;
  int bad = -1;

  g_assert_false (sec_store_check (store, item, &bad, &error));
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_roadmap_item, "due_on"));
  g_clear_error (&error);
  g_assert_false (sec_store_save (store, item, &error));
  g_clear_error (&error);
  g_assert_cmpint (sec_store_count (store, &sec_entity_roadmap_item), ==, 0);

  g_assert_false (sec_field_parse (item, (guint) progress, "101", &error));
  g_clear_error (&error);
  g_assert_false (sec_field_parse (item, (guint) progress, "-5", &error));
  g_clear_error (&error);
  g_assert_true (sec_field_parse (item, (guint) progress, "40 %", &error));
  g_assert_cmpstr (sec_record_get (item, "progress"), ==, "40");

  sec_record_set (item, "due_on", "2026-06-30");
  sec_record_set (item, "pillar_id", NULL);
  g_assert_false (sec_store_save (store, item, &error));   /* every item is under a pillar */
  g_clear_error (&error);
  sec_record_set (item, "pillar_id", KNOWLEDGE);
  g_assert_true (sec_store_save (store, item, &error));
  g_assert_no_error (error);
}

/* Overdue: due before today and not done or dropped; due soon: within two
 * weeks. Checked at fixed dates. */
static void
test_timing_rules (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_roadmap_item);
  static const struct { const char *title, *status, *due_on, *timing; } items[] = {
    { "Membership criteria", "in_progress", "2026-06-14", "overdue" },
    { "Crowdfunding platform", "planned", "2026-06-15", "due_soon" },       /* due today */
    { "Knowledge portal", "in_progress", "2026-06-29", "due_soon" },        /* 14 days */
    { "Impact indicators", "proposed", "2026-06-30", "on_track" },          /* 15 days */
    { "Training of trainers", "done", "2026-01-31", "done" },               /* done is never late */
    { "Regional fund", "dropped", "2025-12-31", "dropped" },
    { "Case study series", "blocked", "2026-05-01", "overdue" },
    { "Open ideas", "proposed", NULL, "on_track" },
  };

  sec_store_set_today (store, "2026-06-15");
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(SecRecord) item = new_item (items[i].title, items[i].status, NULL, items[i].due_on);
      g_autoptr(GError) error = NULL;
      g_autofree char *timing = NULL;

      g_assert_true (sec_store_save (store, item, &error));
      timing = sec_store_computed (store, item, "timing");
      g_test_message ("%s", items[i].title);
      g_assert_cmpstr (timing, ==, items[i].timing);
    }
  sec_query_model_set_filter (model, "timing", "overdue");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  sec_query_model_set_filter (model, "timing", "due_soon");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  /* A fortnight later the knowledge portal is late too. */
  sec_store_set_today (store, "2026-06-30");
  sec_query_model_set_filter (model, "timing", "overdue");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
}

/* A goal filter finds the goal in an item's list, never a goal that merely
 * contains its digits (5 is not 15). */
static void
test_sdg_filter (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_roadmap_item);
  static const struct { const char *title, *sdgs; } items[] = {
    { "Women-led cooperatives study", "5,8" },
    { "Peace and justice dialogue", "15,16" },
    { "Gender audit of members", "5" },
    { "Open ideas", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(SecRecord) item = new_item (items[i].title, "planned", NULL, NULL);
      g_autoptr(GError) error = NULL;

      sec_record_set (item, "sdgs", items[i].sdgs);
      g_assert_true (sec_store_save (store, item, &error));
    }
  sec_query_model_set_filter (model, "sdgs", "5");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  sec_query_model_set_filter (model, "sdgs", "16");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sec_query_model_set_filter (model, "sdgs", "1");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  sec_query_model_set_filter (model, "sdgs", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
}

/* "relation: title" for each link, in order, joined by "; ". */
static char *
describe_links (SecStore  *store,
                SecRecord *record)
{
  g_autoptr(GPtrArray) links = sec_links_for (store, record);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < links->len; i++)
    {
      SecLink *link = g_ptr_array_index (links, i);
      g_string_append_printf (out, "%s%s: %s", i ? "; " : "", link->relation, link->title);
    }
  return g_string_free (out, FALSE);
}

static SecRecord *
save_new (SecStore        *store,
          const SecEntity *entity,
          const char      *const *pairs)
{
  SecRecord *record = sec_record_new (entity);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    sec_record_set (record, pairs[i], pairs[i + 1]);
  g_assert_true (sec_store_save (store, record, &error));
  g_assert_no_error (error);
  return record;
}

/* An item links to its owner, its parent and the events that discussed it;
 * each of those shows the link back. */
static void
test_links (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) member = save_new (store, &sec_entity_member, (const char *[]) {
    "name", "Asian Solidarity Economy Council", "kind", "continental_network", "country", "MY", NULL });
  g_autoptr(SecRecord) event = save_new (store, &sec_entity_event, (const char *[]) {
    "title", "General Assembly 2026", "kind", "general_assembly", "starts_on", "2026-10-01",
    "ends_on", "2026-10-02", "status", "planned", NULL });
  g_autoptr(SecRecord) parent = new_item ("Formalise the membership", "in_progress", NULL, NULL);
  g_autoptr(SecRecord) item = new_item ("Membership application form", "planned", NULL, NULL);
  g_autoptr(SecRecord) session = NULL;
  g_autofree char *item_links = NULL, *member_links = NULL, *event_links = NULL, *parent_links = NULL;

  g_assert_true (sec_store_save (store, parent, NULL));
  sec_record_set (item, "owner", "asian solidarity economy council");   /* names match whatever the case */
  sec_record_set (item, "parent_item_id", sec_record_get_id (parent));
  g_assert_true (sec_store_save (store, item, NULL));
  session = save_new (store, &sec_entity_session, (const char *[]) {
    "event_id", sec_record_get_id (event), "date", "2026-10-01", "starts_at", "10:00", "ends_at", "11:00",
    "title", "Membership criteria", "kind", "panel", "roadmap_item_id", sec_record_get_id (item), NULL });

  item_links = describe_links (store, item);
  g_assert_cmpstr (item_links, ==, "Owner: Asian Solidarity Economy Council; "
                                   "Part of: Formalise the membership; Discussed at: General Assembly 2026");
  member_links = describe_links (store, member);
  g_assert_cmpstr (member_links, ==, "Owns: Membership application form");
  event_links = describe_links (store, event);
  g_assert_cmpstr (event_links, ==, "Roadmap item discussed: Membership application form");
  parent_links = describe_links (store, parent);
  g_assert_cmpstr (parent_links, ==, "Sub-item: Membership application form");

  /* A deleted session no longer links the event and the item. */
  g_assert_true (sec_store_delete (store, &sec_entity_session, sec_record_get_id (session), NULL));
  g_clear_pointer (&event_links, g_free);
  event_links = describe_links (store, event);
  g_assert_cmpstr (event_links, ==, "");
}

/* The sample's General Assembly 2024 discussed three roadmap items, one a
 * session; loading the sample again adds nothing. */
static void
test_sample_links (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ga_id = NULL, *library_id = NULL, *ga_links = NULL, *library_links = NULL;
  g_autoptr(SecRecord) ga = NULL;
  g_autoptr(SecRecord) library = NULL;

  g_assert_cmpuint (sec_store_load_sample (store, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (sec_store_load_sample (store, &error), ==, 0);
  g_assert_no_error (error);
  ga_id = sec_store_find_id (store, &sec_entity_event, "title", "ASEC General Assembly 2024", NULL, NULL);
  library_id = sec_store_find_id (store, &sec_entity_roadmap_item, "title", "Shared library of SSE case studies", NULL, NULL);
  ga = sec_store_load (store, &sec_entity_event, ga_id, NULL);
  library = sec_store_load (store, &sec_entity_roadmap_item, library_id, NULL);

  ga_links = describe_links (store, ga);
  g_assert_cmpstr (ga_links, ==, "Roadmap item discussed: Membership criteria and application form; "
                                 "Roadmap item discussed: Shared library of SSE case studies; "
                                 "Roadmap item discussed: Crowdfunding pilot for community enterprises");
  library_links = describe_links (store, library);
  g_assert_true (g_str_has_suffix (library_links, "Discussed at: ASEC General Assembly 2024"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/roadmap/default-pillars", test_default_pillars);
  g_test_add_func ("/roadmap/bad-input", test_bad_input);
  g_test_add_func ("/roadmap/timing-rules", test_timing_rules);
  g_test_add_func ("/roadmap/sdg-filter", test_sdg_filter);
  g_test_add_func ("/roadmap/links", test_links);
  g_test_add_func ("/roadmap/sample-links", test_sample_links);

  return g_test_run ();
}
