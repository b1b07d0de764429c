/* test-events.c: events, their programme and its timing rules */

#include "sec-event-stats.h"
#include "sec-field.h"
#include "sec-json.h"
#include "sec-programme.h"
#include "sec-query-model.h"
#include "sec-test-util.h"

static SecRecord *
new_event (SecStore   *store,
           const char *title,
           const char *starts_on,
           const char *ends_on)
{
  SecRecord *event = sec_record_new (&sec_entity_event);
  g_autoptr(GError) error = NULL;

  sec_record_set (event, "title", title);
  sec_record_set (event, "kind", "conference");
  sec_record_set (event, "status", "planned");
  sec_record_set (event, "starts_on", starts_on);
  sec_record_set (event, "ends_on", ends_on);
  sec_record_set (event, "timezone", "Asia/Kuala_Lumpur");
  g_assert_true (sec_store_save (store, event, &error));
  g_assert_no_error (error);
  return event;
}

static SecRecord *
new_session (SecRecord  *event,
             const char *date,
             const char *starts_at,
             const char *ends_at,
             const char *title,
             const char *room)
{
  SecRecord *session = sec_record_new (&sec_entity_session);

  sec_record_set (session, "event_id", sec_record_get_id (event));
  sec_record_set (session, "date", date);
  sec_record_set (session, "starts_at", starts_at);
  sec_record_set (session, "ends_at", ends_at);
  sec_record_set (session, "title", title);
  sec_record_set (session, "kind", "panel");
  sec_record_set (session, "room", room);
  return session;
}

static void
save_ok (SecStore  *store,
         SecRecord *record)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (sec_store_save (store, record, &error));
  g_assert_no_error (error);
}

static void
test_times (void)
{
  g_autoptr(SecRecord) session = sec_record_new (&sec_entity_session);
  int i = sec_entity_field_index (&sec_entity_session, "starts_at");
  static const char *const good[][2] = {
    { "08:00", "08:00" }, { "8:00", "08:00" }, { "08.00", "08:00" }, { "0800", "08:00" }, { "17.30", "17:30" },
    { "930", "09:30" }, { "23:59", "23:59" },
  };
  static const char *const bad[] = { "24:00", "12:60", "8", "ten", "08:0", "12:30pm", "1:2:3" };

  for (guint k = 0; k < G_N_ELEMENTS (good); k++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (sec_field_parse (session, (guint) i, good[k][0], &error));
      g_assert_cmpstr (sec_record_get (session, "starts_at"), ==, good[k][1]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autoptr(GError) error = NULL;
      g_test_message ("%s", bad[k]);
      g_assert_false (sec_field_parse (session, (guint) i, bad[k], &error));
      g_assert_error (error, SEC_FIELD_ERROR, SEC_FIELD_ERROR_INVALID);
    }
  g_assert_cmpint (sec_time_to_minutes ("17:30"), ==, 1050);
}

/* Bad input is refused with a reason and nothing is saved. */
static void
test_rules (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = new_event (store, "MySDG International Conference", "2024-01-27", "2024-01-28");
  g_autoptr(SecRecord) backwards = sec_record_new (&sec_entity_event);
  g_autoptr(SecRecord) late = NULL, early = NULL, inverted = NULL, first_day = NULL, last_day = NULL;
  g_autoptr(GError) error = NULL;
  int bad = -1;

  sec_record_set (backwards, "title", "Backwards");
  sec_record_set (backwards, "kind", "workshop");
  sec_record_set (backwards, "status", "planned");
  sec_record_set (backwards, "starts_on", "2024-06-19");
  sec_record_set (backwards, "ends_on", "2024-06-18");
  g_assert_false (sec_store_check (store, backwards, &bad, &error));
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_event, "ends_on"));
  g_clear_error (&error);
  g_assert_false (sec_store_save (store, backwards, &error));
  g_clear_error (&error);
  sec_record_set (backwards, "timezone", "Asia/Atlantis");
  g_assert_false (sec_store_check (store, backwards, &bad, &error));
  g_clear_error (&error);
  g_assert_cmpint (sec_store_count (store, &sec_entity_event), ==, 1);

  inverted = new_session (event, "2024-01-27", "10:00", "09:30", "Opening", NULL);
  g_assert_false (sec_store_check (store, inverted, &bad, &error));
  g_assert_cmpint (bad, ==, sec_entity_field_index (&sec_entity_session, "ends_at"));
  g_clear_error (&error);
  late = new_session (event, "2024-01-29", "09:00", "10:00", "The day after", NULL);
  g_assert_false (sec_store_save (store, late, &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2024-01-27"));
  g_clear_error (&error);
  early = new_session (event, "2024-01-26", "09:00", "10:00", "The day before", NULL);
  g_assert_false (sec_store_save (store, early, &error));
  g_clear_error (&error);
  g_assert_cmpint (sec_store_count (store, &sec_entity_session), ==, 0);

  first_day = new_session (event, "2024-01-27", "09:00", "10:00", "Opening", NULL);
  last_day = new_session (event, "2024-01-28", "16:00", "17:00", "Closing", NULL);
  save_ok (store, first_day);
  save_ok (store, last_day);
  g_assert_cmpint (sec_store_count (store, &sec_entity_session), ==, 2);
}

static void
test_overlaps (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = new_event (store, "ILO workshop", "2024-06-18", "2024-06-19");
  g_autoptr(SecRecord) a = new_session (event, "2024-06-18", "09:00", "10:30", "National action plans", "Main hall");
  g_autoptr(SecRecord) b = new_session (event, "2024-06-18", "10:30", "11:00", "Break", "Main hall");
  g_autoptr(SecRecord) c = new_session (event, "2024-06-18", "10:45", "12:00", "Cambodia", "Main hall");
  g_autoptr(SecRecord) d = new_session (event, "2024-06-18", "10:45", "12:00", "Mongolia", "Room 2");
  g_autoptr(SecRecord) e = new_session (event, "2024-06-19", "10:45", "12:00", "Viet Nam", "Main hall");
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) overlaps = NULL;
  SecOverlap *overlap;

  save_ok (store, a);
  save_ok (store, b);
  save_ok (store, c);
  save_ok (store, d);
  save_ok (store, e);
  sessions = sec_programme_sessions (store, sec_record_get_id (event));
  g_assert_cmpuint (sessions->len, ==, 5);
  overlaps = sec_programme_overlaps (sessions);
  /* Touching (a then b) is fine; c runs into b's room and time; d is in
   * another room; e is another day. */
  g_assert_cmpuint (overlaps->len, ==, 1);
  overlap = g_ptr_array_index (overlaps, 0);
  g_assert_cmpstr (overlap->first, ==, sec_record_get_id (b));
  g_assert_cmpstr (overlap->second, ==, sec_record_get_id (c));
}

static void
test_shift_later_sessions (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = new_event (store, "Forum", "2015-04-25", "2015-04-25");
  g_autoptr(SecRecord) a = new_session (event, "2015-04-25", "09:00", "10:30", "Opening", NULL);
  g_autoptr(SecRecord) b = new_session (event, "2015-04-25", "10:30", "10:45", "Break", NULL);
  g_autoptr(SecRecord) c = new_session (event, "2015-04-25", "22:00", "23:30", "Dinner", NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  save_ok (store, a);
  save_ok (store, b);
  save_ok (store, c);
  /* The opening grows by 15 minutes; what follows moves with it. */
  sec_record_set (a, "ends_at", "10:45");
  save_ok (store, a);
  g_assert_true (sec_programme_shift (store, sec_record_get_id (event), "2015-04-25", "10:30", 15, &error));
  g_assert_no_error (error);
  sessions = sec_programme_sessions (store, sec_record_get_id (event));
  g_assert_cmpstr (sec_record_get (g_ptr_array_index (sessions, 0), "starts_at"), ==, "09:00");
  g_assert_cmpstr (sec_record_get (g_ptr_array_index (sessions, 1), "starts_at"), ==, "10:45");
  g_assert_cmpstr (sec_record_get (g_ptr_array_index (sessions, 1), "ends_at"), ==, "11:00");
  g_assert_cmpstr (sec_record_get (g_ptr_array_index (sessions, 2), "ends_at"), ==, "23:45");
  {
    g_autoptr(GPtrArray) none = sec_programme_overlaps (sessions);
    g_assert_cmpuint (none->len, ==, 0);
  }
  g_clear_pointer (&sessions, g_ptr_array_unref);

  /* Past midnight: refused, nothing moved. */
  g_assert_false (sec_programme_shift (store, sec_record_get_id (event), "2015-04-25", "10:30", 30, &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID);
  sessions = sec_programme_sessions (store, sec_record_get_id (event));
  g_assert_cmpstr (sec_record_get (g_ptr_array_index (sessions, 1), "starts_at"), ==, "10:45");
}

/* The forum of 25 April 2015, from seed 002, as the sample network holds
 * it: registration 08:00–09:00 through the closing 17:00–17:30. */
static void
test_sample_forum_programme (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *forum = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  SecRecord *first, *last;

  sec_store_load_sample (store, &error);
  g_assert_no_error (error);
  forum = sec_store_find_id (store, &sec_entity_event, "starts_on", "2015-04-25", NULL, NULL);
  g_assert_nonnull (forum);
  sessions = sec_programme_sessions (store, forum);
  g_assert_cmpuint (sessions->len, >=, 10);
  first = g_ptr_array_index (sessions, 0);
  last = g_ptr_array_index (sessions, sessions->len - 1);
  g_assert_cmpstr (sec_record_get (first, "kind"), ==, "registration");
  g_assert_cmpstr (sec_record_get (first, "starts_at"), ==, "08:00");
  g_assert_cmpstr (sec_record_get (first, "ends_at"), ==, "09:00");
  g_assert_cmpstr (sec_record_get (last, "kind"), ==, "closing");
  g_assert_cmpstr (sec_record_get (last, "starts_at"), ==, "17:00");
  g_assert_cmpstr (sec_record_get (last, "ends_at"), ==, "17:30");
  for (guint i = 0; i < sessions->len; i++)
    g_assert_cmpstr (sec_record_get (g_ptr_array_index (sessions, i), "date"), ==, "2015-04-25");
}

/* Events are found by their own words and by those of their sessions and
 * participants. */
static void
test_search_events (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_event);

  sec_store_load_sample (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 4);
  sec_query_model_set_search (model, "Wonju");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sec_query_model_set_search (model, "Denison");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 1);
  sec_query_model_set_search (model, "");
  sec_query_model_set_filter (model, "country", "TH");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Latest first: the sample's events by their first day. */
  sec_query_model_set_filter (model, "country", NULL);
  sec_query_model_set_sort (model, "starts_on", TRUE);
  {
    static const char *const latest_first[] = {
      "Social and Solidarity Economy for Advancing the Sustainable Development Goals in Asia",   /* 2024-06-18 */
      "ASEC General Assembly 2024",                                                             /* 2024-01-29 */
      "MySDG International Conference 2024: Building Inclusive Communities through SDGs and "
      "Social and Solidarity Economy Initiatives",                                              /* 2024-01-27 */
      "International Conference on Localizing the SDGs and Co-Constructing the Means of "
      "Implementation",                                                                         /* 2019-02-23 */
      "ASEAN Forum on Social and Solidarity Economy",                                           /* 2015-04-25 */
    };

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, G_N_ELEMENTS (latest_first));
    for (guint i = 0; i < G_N_ELEMENTS (latest_first); i++)
      {
        g_autoptr(SecRecord) event = g_list_model_get_item (G_LIST_MODEL (model), i);
        g_assert_cmpstr (sec_record_get (event, "title"), ==, latest_first[i]);
      }
  }
}

/* Participants counted by country, role and the kind of organisation
 * they came from (a member's kind, when the organisation is a member). */
static void
test_counts (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = new_event (store, "Regional workshop", "2024-06-18", "2024-06-19");
  static const char *const people[][4] = {
    { "Siti Aminah", "MY", "speaker", "Asian Solidarity Economy Council" },
    { "Nguyễn Văn An", "VN", "delegate", "Liên minh Hợp tác xã Việt Nam" },
    { "Trần Thị Bích", "VN", "delegate", "liên minh hợp tác xã việt nam" },
    { "Somchai", "TH", "observer", "A university" },
  };
  g_autoptr(GPtrArray) by_country = NULL, by_role = NULL, by_kind = NULL;

  sec_store_load_sample (store, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(SecRecord) p = sec_record_new (&sec_entity_participant);
      sec_record_set (p, "event_id", sec_record_get_id (event));
      sec_record_set (p, "name", people[i][0]);
      sec_record_set (p, "country", people[i][1]);
      sec_record_set (p, "role", people[i][2]);
      sec_record_set (p, "organisation", people[i][3]);
      save_ok (store, p);
    }
  by_country = sec_event_counts (store, sec_record_get_id (event), "country");
  g_assert_cmpuint (by_country->len, ==, 3);
  g_assert_cmpstr (((SecCount *) g_ptr_array_index (by_country, 0))->label, ==, "Vietnam");
  g_assert_cmpuint (((SecCount *) g_ptr_array_index (by_country, 0))->count, ==, 2);
  by_role = sec_event_counts (store, sec_record_get_id (event), "role");
  g_assert_cmpstr (((SecCount *) g_ptr_array_index (by_role, 0))->label, ==, "Delegate");
  by_kind = sec_event_counts (store, sec_record_get_id (event), "kind");
  /* Both Vietnamese delegates' organisation is the member VCA, whatever
   * the case; the university is no member. */
  g_assert_cmpstr (((SecCount *) g_ptr_array_index (by_kind, 0))->label, ==, "National network");
  g_assert_cmpuint (by_kind->len, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/events/times", test_times);
  g_test_add_func ("/events/rules", test_rules);
  g_test_add_func ("/events/overlaps", test_overlaps);
  g_test_add_func ("/events/shift-later-sessions", test_shift_later_sessions);
  g_test_add_func ("/events/sample-forum-programme", test_sample_forum_programme);
  g_test_add_func ("/events/search", test_search_events);
  g_test_add_func ("/events/counts", test_counts);

  return g_test_run ();
}
