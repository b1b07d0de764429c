/* test-query-model.c: sorting, filtering, search in several scripts, and
 * the items-changed a view receives */

#include "sec-query-model.h"
#include "sec-test-util.h"

typedef struct {
  guint position, removed, added, count;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

/* Each with its status on the test stores' day, 15 June 2026, with 90 days
 * of grace; all approved in 2024 and asked for dues. */
static const struct {
  const char *name, *acronym, *country, *kind, *city, *paid_until, *status;
} members[] = {
  { "Asian Solidarity Economy Council", "ASEC", "MY", "continental_network", "Kuala Lumpur", "2027-01-31", "current" },
  { "Liên minh Hợp tác xã Việt Nam", "VCA", "VN", "national_network", "Hà Nội", "2026-12-31", "current" },
  { "เครือข่ายวิสาหกิจเพื่อสังคมไทย", NULL, "TH", "national_network", "กรุงเทพมหานคร", "2026-05-01", "grace" },
  { "បណ្តាញសេដ្ឋកិច្ចសង្គមកម្ពុជា", NULL, "KH", "association", "ភ្នំពេញ", NULL, "lapsed" },   /* never paid */
  { "မြန်မာလူမှုစီးပွားရေးကွန်ရက်", NULL, "MM", "self_help_group", "ရန်ကုန်", "2025-01-01", "lapsed" },
  { "Bina Swadaya", NULL, "ID", "foundation", "Jakarta", "2026-08-01", "current" },
  { "Philippine Social Enterprise Network", "PhilSEN", "PH", "social_enterprise", "Quezon City", "2026-09-30", "current" },
};

/* The status the table above gives the member named @name. */
static const char *
table_status (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_str_equal (members[i].name, name))
      return members[i].status;
  g_error ("%s is not in the table", name);
  return NULL;
}

static SecStore *
store_with_members (void)
{
  SecStore *store = sec_test_store_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(SecRecord) m = sec_test_member (members[i].name, members[i].country, members[i].kind);
      g_autoptr(GError) error = NULL;

      sec_record_set (m, "acronym", members[i].acronym);
      sec_record_set (m, "city", members[i].city);
      sec_record_set (m, "approved_on", "2024-01-29");
      sec_record_set (m, "dues_paid_until", members[i].paid_until);
      sec_record_set (m, "dues_amount", "10000");
      sec_record_set (m, "dues_currency", "USD");
      g_assert_true (sec_store_save (store, m, &error));
      g_assert_no_error (error);
    }
  return store;
}

static char *
name_at (SecQueryModel *model,
         guint          position)
{
  g_autoptr(SecRecord) r = g_list_model_get_item (G_LIST_MODEL (model), position);
  return g_strdup (sec_record_get (r, "name"));
}

static guint
n_items (SecQueryModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
assert_finds (SecQueryModel *model,
              const char    *search,
              const char    *expected_name)
{
  g_autofree char *name = NULL;

  sec_query_model_set_search (model, search);
  g_test_message ("search “%s”", search);
  g_assert_cmpuint (n_items (model), ==, 1);
  name = name_at (model, 0);
  g_assert_cmpstr (name, ==, expected_name);
}

static void
test_search_scripts (void)
{
  g_autoptr(SecStore) store = store_with_members ();
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);

  g_assert_cmpuint (n_items (model), ==, G_N_ELEMENTS (members));
  /* Words inside unspaced scripts. */
  assert_finds (model, "วิสาหกิจ", members[2].name);
  assert_finds (model, "សេដ្ឋកិច្ច", members[3].name);
  assert_finds (model, "စီးပွားရေး", members[4].name);
  /* Vietnamese with and without its diacritics, any case. */
  assert_finds (model, "Hợp tác", members[1].name);
  assert_finds (model, "hop tac xa", members[1].name);
  assert_finds (model, "HA NOI", members[1].name);
  /* Acronym, city, short words, several words in any order. */
  assert_finds (model, "asec", members[0].name);
  assert_finds (model, "quezon", members[6].name);
  assert_finds (model, "Jakarta swa", members[5].name);
  assert_finds (model, "network enterprise", members[6].name);
  sec_query_model_set_search (model, "\"unbalanced quote");
  g_assert_cmpuint (n_items (model), ==, 0);
  sec_query_model_set_search (model, "zzzz");
  g_assert_cmpuint (n_items (model), ==, 0);
  sec_query_model_set_search (model, "");
  g_assert_cmpuint (n_items (model), ==, G_N_ELEMENTS (members));
}

static void
test_search_contacts_and_notes (void)
{
  g_autoptr(SecStore) store = store_with_members ();
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);
  g_autofree char *id = sec_store_find_id (store, &sec_entity_member, "acronym", "VCA", NULL, NULL);
  g_autoptr(SecRecord) vca = sec_store_load (store, &sec_entity_member, id, NULL);
  g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
  g_autoptr(GError) error = NULL;

  sec_record_set (contact, "member_id", id);
  sec_record_set (contact, "name", "Trần Thị Bích");
  g_assert_true (sec_store_save (store, contact, &error));
  assert_finds (model, "tran thi", members[1].name);

  sec_record_set (vca, "notes", "Hosts the 2025 regional forum on cooperatives");
  g_assert_true (sec_store_save (store, vca, &error));
  assert_finds (model, "regional forum", members[1].name);

  g_assert_true (sec_store_delete (store, &sec_entity_contact, sec_record_get_id (contact), &error));
  sec_query_model_set_search (model, "tran thi");
  g_assert_cmpuint (n_items (model), ==, 0);
}

static void
test_sort (void)
{
  g_autoptr(SecStore) store = store_with_members ();
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);
  g_autofree char *first = NULL, *last = NULL, *by_country = NULL, *by_paid = NULL, *by_paid_desc = NULL;

  first = name_at (model, 0);
  g_assert_cmpstr (first, ==, "Asian Solidarity Economy Council");
  sec_query_model_set_sort (model, "name", TRUE);
  last = name_at (model, n_items (model) - 1);
  g_assert_cmpstr (last, ==, "Asian Solidarity Economy Council");

  sec_query_model_set_sort (model, "country", FALSE);
  by_country = name_at (model, 0);
  g_assert_cmpstr (by_country, ==, "Bina Swadaya");   /* ID comes first */

  sec_query_model_set_sort (model, "dues_paid_until", FALSE);
  by_paid = name_at (model, 0);
  g_assert_cmpstr (by_paid, ==, members[4].name);     /* 2025-01-01 */
  {
    /* The member with no date comes last, ascending or descending. */
    g_autofree char *tail = name_at (model, n_items (model) - 1);
    g_assert_cmpstr (tail, ==, members[3].name);
  }
  sec_query_model_set_sort (model, "dues_paid_until", TRUE);
  by_paid_desc = name_at (model, 0);
  g_assert_cmpstr (by_paid_desc, ==, members[0].name);

  /* By status: each row has the table's status, the current first. */
  sec_query_model_set_sort (model, "status", FALSE);
  {
    static const char *const order[] = { "current", "current", "current", "current", "grace", "lapsed", "lapsed" };

    g_assert_cmpuint (n_items (model), ==, G_N_ELEMENTS (order));
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      {
        g_autoptr(SecRecord) r = g_list_model_get_item (G_LIST_MODEL (model), i);

        g_assert_cmpstr (table_status (sec_record_get (r, "name")), ==, order[i]);
        g_assert_cmpstr (sec_store_member_status (store, r), ==, order[i]);
      }
  }
}

static void
test_filters_and_summary (void)
{
  g_autoptr(SecStore) store = store_with_members ();
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);

  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, 7);
  sec_query_model_set_filter (model, "kind", "national_network");
  g_assert_cmpuint (n_items (model), ==, 2);
  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, 2);
  sec_query_model_set_filter (model, "country", "TH");
  g_assert_cmpuint (n_items (model), ==, 1);
  sec_query_model_set_filter (model, "kind", NULL);
  sec_query_model_set_filter (model, "country", NULL);
  /* today is 2026-06-15 with 90 days of grace */
  sec_query_model_set_filter (model, "status", "lapsed");
  g_assert_cmpuint (n_items (model), ==, 2);   /* Myanmar 2025, Khmer never paid */
  sec_query_model_set_filter (model, "status", "grace");
  g_assert_cmpuint (n_items (model), ==, 1);   /* Thai, 2026-05-01 */
  sec_query_model_set_search (model, "zzz");
  g_assert_cmpuint (n_items (model), ==, 0);
}

static void
test_items_changed (void)
{
  g_autoptr(SecStore) store = store_with_members ();
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);
  g_autoptr(SecRecord) added = sec_test_member ("Bangladesh Cooperative Forum", "BD", NULL);
  g_autoptr(SecRecord) bina = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bina_id = sec_store_find_id (store, &sec_entity_member, "name", "Bina Swadaya", NULL, NULL);
  Change change = { 0, };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* Sorted by name: Asian…, Bangladesh…, Bina…, Liên…, Philippine…, then the others. */
  g_assert_true (sec_store_save (store, added, &error));
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);

  /* Editing one record in place touches that row only. */
  bina = sec_store_load (store, &sec_entity_member, bina_id, NULL);
  sec_record_set (bina, "city", "Yogyakarta");
  g_assert_true (sec_store_save (store, bina, &error));
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  {
    g_autoptr(SecRecord) shown = g_list_model_get_item (G_LIST_MODEL (model), 2);
    g_assert_cmpstr (sec_record_get (shown, "city"), ==, "Yogyakarta");
  }

  g_assert_true (sec_store_delete (store, &sec_entity_member, sec_record_get_id (added), &error));
  g_assert_cmpuint (change.count, ==, 3);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);

  /* A search narrows the list in one emission. */
  sec_query_model_set_search (model, "bina");
  g_assert_cmpuint (change.count, ==, 4);
  g_assert_cmpuint (n_items (model), ==, 1);

  /* A write to a record the search leaves out changes nothing the model
   * shows, and emits nothing. (A record saved as it is does emit its row
   * again: the save is a write like any other.) */
  {
    g_autofree char *asec_id = sec_store_find_id (store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
    g_autoptr(SecRecord) asec = sec_store_load (store, &sec_entity_member, asec_id, NULL);

    sec_record_set (asec, "city", "Petaling Jaya");
    g_assert_true (sec_store_save (store, asec, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (change.count, ==, 4);
  g_assert_cmpuint (n_items (model), ==, 1);
}


/* The rows of @model as "name|country" lines, for comparing two models. */
static char *
listing (SecQueryModel *model)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_items (model); i++)
    {
      g_autoptr(SecRecord) r = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_string_append_printf (out, "%s|%s\n", sec_record_get (r, "name"), sec_record_get (r, "country"));
    }
  return g_string_free (out, FALSE);
}

static void
wait_loaded (SecQueryModel *model)
{
  while (sec_query_model_is_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

/* The sample's members and 300 generated ones in several scripts, with
 * names that cluster (as a federation's do) and cities that do not. */
static SecStore *
store_with_many_members (void)
{
  static const char *const stems[] = { "Koperasi", "Hợp tác xã", "สหกรณ์", "Cooperative", "Yayasan" };
  static const char *const places[] = { "Selangor", "Hà Nội", "เชียงใหม่", "Cebu", "Seoul" };
  static const char *const countries[] = { "MY", "VN", "TH", "PH", "KR", "MY" };
  SecStore *store = store_with_members ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_store_begin (store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %u", stems[i % G_N_ELEMENTS (stems)],
                                               places[(i / 7) % G_N_ELEMENTS (places)], i);
      g_autoptr(SecRecord) m = sec_test_member (name, countries[i % G_N_ELEMENTS (countries)], NULL);

      sec_record_set (m, "city", places[i % G_N_ELEMENTS (places)]);
      sec_record_set (m, "approved_on", i % 11 == 0 ? NULL : "2024-01-29");
      sec_record_set (m, "dues_amount", "5000");
      sec_record_set (m, "dues_currency", "USD");
      sec_record_set (m, "dues_paid_until", i % 3 == 0 ? "2025-01-01" : "2027-01-01");
      g_assert_true (sec_store_save (store, m, &error));
    }
  g_assert_true (sec_store_commit (store, &error));
  return store;
}

/* A model that has seen a large answer reads in its thread, by other plans
 * for the first page: what it shows in the end is what the model that
 * reads on the spot shows, for every search, filter and sort. */
static void
test_threaded_same_answers (void)
{
  static const char *const searches[] = {
    NULL, "k", "ko", "koperasi", "koperasi s", "hà", "hop tac", "สหกรณ์ เชียง", "selangor 1", "cebu 2", "zzz",
  };
  static const char *const sorts[] = { "name", "country", "status", "city" };
  g_autoptr(SecStore) store = store_with_many_members ();
  g_autoptr(SecQueryModel) spot = sec_query_model_new (store, &sec_entity_member);
  g_autoptr(SecQueryModel) threaded = sec_query_model_new (store, &sec_entity_member);

  sec_query_model_set_sync_limit (spot, G_MAXUINT);
  sec_query_model_set_sync_limit (threaded, 50);
  sec_query_model_refresh (threaded);
  /* The first 51 rows at once, the rest from the thread. */
  g_assert_true (sec_query_model_is_loading (threaded));
  g_assert_cmpuint (n_items (threaded), ==, 51);
  wait_loaded (threaded);
  g_assert_cmpuint (n_items (threaded), ==, 307);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      for (guint filtered = 0; filtered < 2; filtered++)
        {
          g_autofree char *expected = NULL;
          g_autofree char *got = NULL;

          sec_query_model_set_sort (spot, sorts[s], s == 1);
          sec_query_model_set_sort (threaded, sorts[s], s == 1);
          sec_query_model_set_filter (spot, "country", filtered ? "MY" : NULL);
          sec_query_model_set_filter (threaded, "country", filtered ? "MY" : NULL);
          sec_query_model_set_search (spot, searches[i]);
          sec_query_model_set_search (threaded, searches[i]);
          wait_loaded (threaded);
          expected = listing (spot);
          got = listing (threaded);
          g_test_message ("sort %s, search “%s”, %s", sorts[s], searches[i], filtered ? "MY" : "all");
          g_assert_cmpstr (got, ==, expected);
        }
}

/* Typing faster than the thread answers: only the last text counts, and
 * the summary's count waits for every row. */
static void
test_threaded_typing (void)
{
  g_autoptr(SecStore) store = store_with_many_members ();
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);
  g_autoptr(SecRecord) added = sec_test_member ("Koperasi Baru", "BN", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  sec_query_model_set_sync_limit (model, 50);
  sec_query_model_refresh (model);
  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, -1);
  wait_loaded (model);
  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, 8);

  sec_query_model_set_search (model, "k");
  sec_query_model_set_search (model, "ko");
  sec_query_model_set_search (model, "kop");
  sec_query_model_set_search (model, "kope");
  g_assert_true (sec_query_model_is_loading (model));
  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, -1);
  wait_loaded (model);
  g_assert_cmpuint (n_items (model), ==, 60);
  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, 5);
  first = name_at (model, 0);
  g_assert_true (g_str_has_prefix (first, "Koperasi"));

  /* A record saved meanwhile shows once the thread has read it. */
  g_assert_true (sec_store_save (store, added, &error));
  wait_loaded (model);
  g_assert_cmpuint (n_items (model), ==, 61);
  g_assert_cmpint (sec_query_model_count_distinct (model, "country"), ==, 6);

  /* A model let go while its thread reads goes quietly. */
  sec_query_model_set_search (model, "selangor");
  g_clear_object (&model);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/query-model/search-scripts", test_search_scripts);
  g_test_add_func ("/query-model/search-contacts-and-notes", test_search_contacts_and_notes);
  g_test_add_func ("/query-model/sort", test_sort);
  g_test_add_func ("/query-model/filters-and-summary", test_filters_and_summary);
  g_test_add_func ("/query-model/items-changed", test_items_changed);
  g_test_add_func ("/query-model/threaded-same-answers", test_threaded_same_answers);
  g_test_add_func ("/query-model/threaded-typing", test_threaded_typing);

  return g_test_run ();
}
