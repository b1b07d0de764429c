/* test-status.c: membership status at fixed dates */

#include "sec-member-status.h"
#include "sec-query-model.h"
#include "sec-test-util.h"

typedef struct {
  const char *override, *approved, *amount, *paid_until, *today;
  guint grace;
  const char *expected;
} Case;

static const Case cases[] = {
  { NULL, NULL, "10000", "2027-01-01", "2026-06-15", 90, "applicant" },
  { NULL, "2026-07-01", NULL, NULL, "2026-06-15", 90, "applicant" },   /* approval not yet in force */
  { NULL, "2024-01-29", "10000", "2026-06-15", "2026-06-15", 90, "current" }, /* paid until today */
  { NULL, "2024-01-29", "10000", "2026-06-14", "2026-06-15", 90, "grace" },
  { NULL, "2024-01-29", "10000", "2026-03-18", "2026-06-15", 90, "grace" },   /* 89 days lapsed */
  { NULL, "2024-01-29", "10000", "2026-03-17", "2026-06-15", 90, "lapsed" },  /* 90 days lapsed */
  { NULL, "2024-01-29", "10000", "2026-03-17", "2026-06-15", 120, "grace" },  /* longer grace */
  { NULL, "2024-01-29", "10000", "2026-06-14", "2026-06-15", 0, "lapsed" },
  { NULL, "2024-01-29", "10000", NULL, "2026-06-15", 90, "lapsed" },          /* owes, never paid */
  { NULL, "2024-01-29", NULL, NULL, "2026-06-15", 90, "current" },            /* no dues asked */
  { NULL, "2024-01-29", "0", NULL, "2026-06-15", 90, "current" },
  { "suspended", "2024-01-29", "10000", "2027-01-01", "2026-06-15", 90, "suspended" },
  { "withdrawn", NULL, NULL, NULL, "2026-06-15", 90, "withdrawn" },
  { NULL, "2024-01-29", "10000", "2024-02-29", "2024-05-29", 90, "lapsed" },  /* leap year: 90 days back is 2024-02-29 */
  { NULL, "2024-01-29", "10000", "2024-03-01", "2024-05-29", 90, "grace" },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      const char *status = sec_member_status_compute (c->override, c->approved, c->amount,
                                                      c->paid_until, c->today, c->grace);
      g_test_message ("case %u", i);
      g_assert_cmpstr (status, ==, c->expected);
    }
}

/* The lists filter in SQL with the same rule as the editor shows. */
static void
test_sql_agrees (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);

  sec_store_set_today (store, "2026-06-15");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autofree char *name = g_strdup_printf ("Member %02u", i);
      g_autoptr(SecRecord) member = sec_test_member (name, "MY", NULL);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (c->today, "2026-06-15") != 0 || c->grace != 90)
        continue;
      sec_record_set (member, "status_override", c->override);
      sec_record_set (member, "approved_on", c->approved);
      sec_record_set (member, "dues_amount", c->amount);
      sec_record_set (member, "dues_currency", c->amount ? "USD" : NULL);
      sec_record_set (member, "dues_paid_until", c->paid_until);
      g_assert_true (sec_store_save (store, member, &error));
      g_assert_no_error (error);
    }

  for (const SecChoice *s = sec_member_statuses; s->id != NULL; s++)
    {
      guint expected = 0;

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        if (g_strcmp0 (cases[i].today, "2026-06-15") == 0 && cases[i].grace == 90 &&
            g_strcmp0 (cases[i].expected, s->id) == 0)
          expected++;
      sec_query_model_set_filter (model, "status", s->id);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
      /* Each member listed is one the table expects there, and the editor
       * shows it the table's status. */
      for (guint i = 0; i < expected; i++)
        {
          g_autoptr(SecRecord) r = g_list_model_get_item (G_LIST_MODEL (model), i);
          guint index = (guint) g_ascii_strtoull (sec_record_get (r, "name") + strlen ("Member "), NULL, 10);

          g_assert_cmpuint (index, <, G_N_ELEMENTS (cases));
          g_assert_cmpstr (cases[index].expected, ==, s->id);
          g_assert_cmpstr (sec_store_member_status (store, r), ==, cases[index].expected);
        }
    }
}

/* A longer grace period in the preferences moves members from lapsed to
 * grace in the lists at once. */
static void
test_grace_preference (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);
  g_autoptr(SecRecord) member = sec_test_member ("Bina Swadaya", "ID", "foundation");
  g_autoptr(GError) error = NULL;

  sec_record_set (member, "approved_on", "2020-01-01");
  sec_record_set (member, "dues_amount", "5000");
  sec_record_set (member, "dues_currency", "USD");
  sec_record_set (member, "dues_paid_until", "2026-01-31");
  g_assert_true (sec_store_save (store, member, &error));
  sec_query_model_set_filter (model, "status", "grace");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  sec_store_set_grace_days (store, 180);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sec_store_set_today (store, "2026-12-01");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}


static guint
count_with_status (SecStore   *store,
                   const char *status)
{
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, &sec_entity_member);

  sec_query_model_set_filter (model, "status", status);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* The lists read the status from a column the store keeps: a payment moves
 * it at once, and a file opened again on another day (a fixed one: the
 * clock's would make the test depend on when it runs) has it for that
 * day. */
static void
test_stored_status (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&path);
  g_autoptr(SecRecord) member = sec_test_member ("Bina Swadaya", "ID", "foundation");
  g_autoptr(SecRecord) reread = NULL;
  g_autoptr(GError) error = NULL;

  sec_record_set (member, "approved_on", "2020-01-01");
  sec_record_set (member, "dues_amount", "5000");
  sec_record_set (member, "dues_currency", "USD");
  sec_record_set (member, "dues_paid_until", "2026-01-31");
  g_assert_true (sec_store_save (store, member, &error));
  g_assert_cmpuint (count_with_status (store, "lapsed"), ==, 1);

  sec_record_set (member, "dues_paid_until", "2026-12-31");
  g_assert_true (sec_store_save (store, member, &error));
  g_assert_cmpuint (count_with_status (store, "lapsed"), ==, 0);
  g_assert_cmpuint (count_with_status (store, "current"), ==, 1);

  sec_record_set (member, "dues_paid_until", "2026-06-01");
  g_assert_true (sec_store_save (store, member, &error));
  g_assert_cmpuint (count_with_status (store, "grace"), ==, 1);

  /* Opened again on 1 December 2026: paid until 1 June, lapsed. */
  g_clear_object (&store);
  store = sec_store_open (path, &error);
  g_assert_no_error (error);
  sec_store_set_today (store, "2026-12-01");
  reread = sec_store_load (store, &sec_entity_member, sec_record_get_id (member), NULL);
  g_assert_cmpstr (sec_store_member_status (store, reread), ==, "lapsed");
  g_assert_cmpuint (count_with_status (store, "lapsed"), ==, 1);
  g_assert_cmpuint (count_with_status (store, "grace"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/status/rules", test_rules);
  g_test_add_func ("/status/sql-agrees", test_sql_agrees);
  g_test_add_func ("/status/grace-preference", test_grace_preference);
  g_test_add_func ("/status/stored", test_stored_status);

  return g_test_run ();
}
