/* bench-members.c: the member registry at the scale of a federation
 *
 *   bench-members [N]      (default 100000)
 *
 * Generates N members with names in several scripts, countries skewed as in
 * real networks, then measures: bulk insert through the store, opening the
 * list model, search-as-you-type keystrokes (p50, p99), changing the sort
 * column, a status filter, and the linked records an editor shows for a
 * member among 2,000 roadmap items. Prints one line per figure.
 */

#include <glib/gstdio.h>

#include "sec-agenda.h"
#include "sec-links.h"
#include "sec-quorum.h"
#include "sec-query-model.h"
#include "sec-store.h"

static const char *const stems[] = {
  "Koperasi", "Hợp tác xã", "สหกรณ์", "សហករណ៍", "သမဝါယမ", "Cooperative", "Kooperatiba",
  "Social Enterprise", "Yayasan", "Mutual", "協同組合", "협동조합", "Хоршоо",
};
static const char *const places[] = {
  "Selangor", "Hà Nội", "เชียงใหม่", "ភ្នំពេញ", "မန္တလေး", "Quezon", "Cebu", "Bandung",
  "Kathmandu", "Dhaka", "Osaka", "Seoul", "Ulaanbaatar",
};
/* Skewed: most members in a few countries, as in a national federation. */
static const char *const countries[] = {
  "MY", "MY", "MY", "MY", "VN", "TH", "KH", "MM", "PH", "PH", "ID", "ID", "NP", "BD", "JP", "KR", "MN",
};

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
fill (SecStore *store,
      guint     n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;

  sec_store_begin (store, &error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SecRecord) m = sec_record_new (&sec_entity_member);
      g_autofree char *name = g_strdup_printf ("%s %s %u", stems[g_rand_int_range (rand, 0, G_N_ELEMENTS (stems))],
                                               places[g_rand_int_range (rand, 0, G_N_ELEMENTS (places))], i);
      sec_record_set (m, "name", name);
      sec_record_set (m, "kind", "cooperative");
      sec_record_set (m, "country", countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))]);
      sec_record_set (m, "approved_on", "2020-01-01");
      sec_record_set (m, "dues_amount", "5000");
      sec_record_set (m, "dues_currency", "USD");
      sec_record_set (m, "dues_paid_until", g_rand_boolean (rand) ? "2027-12-31" : "2025-06-30");
      if (!sec_store_save (store, m, &error))
        g_error ("%s", error->message);
    }
  sec_store_commit (store, &error);
}

/* Roadmap items owned by the first members, then the links an editor lists
 * for each of those members (one SQL query a linking field). */
static void
measure_links (SecStore      *store,
               SecQueryModel *members)
{
  guint n_items = 2000, n_opened = 100;
  g_autoptr(GError) error = NULL;
  gint64 start;
  guint n_links = 0;

  sec_store_begin (store, &error);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SecRecord) owner = g_list_model_get_item (G_LIST_MODEL (members), i % n_opened);
      g_autoptr(SecRecord) item = sec_record_new (&sec_entity_roadmap_item);
      g_autofree char *title = g_strdup_printf ("Roadmap item %u", i);

      sec_record_set (item, "title", title);
      sec_record_set (item, "pillar_id", "5e0c0001-0000-4000-8000-000000000002");
      sec_record_set (item, "status", "planned");
      sec_record_set (item, "owner", sec_record_get (owner, "name"));
      if (!sec_store_save (store, item, &error))
        g_error ("%s", error->message);
    }
  sec_store_commit (store, &error);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_opened; i++)
    {
      g_autoptr(SecRecord) member = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_autoptr(GPtrArray) links = sec_links_for (store, member);

      n_links += links->len;
    }
  g_print ("linked records of a member (%u items, %u links each): %.2f ms\n",
           n_items, n_links / n_opened, ms_since (start) / n_opened);
}

/* An assembly's assistant and quorum over the whole registry. */
static void
measure_assembly (SecStore *store)
{
  g_autoptr(SecRecord) meeting = sec_record_new (&sec_entity_event);
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GError) error = NULL;
  SecQuorum quorum;
  gint64 start;

  sec_record_set (meeting, "title", "General Assembly");
  sec_record_set (meeting, "kind", "general_assembly");
  sec_record_set (meeting, "status", "planned");
  sec_record_set (meeting, "starts_on", "2027-01-28");
  sec_record_set (meeting, "ends_on", "2027-01-28");
  if (!sec_store_save (store, meeting, &error))
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  proposals = sec_agenda_proposals (store, sec_record_get_id (meeting), &error);
  g_print ("assistant's proposals for an assembly (%u): %.1f ms\n", proposals->len, ms_since (start));
  start = g_get_monotonic_time ();
  sec_quorum_count (store, sec_record_get_id (meeting), SEC_QUORUM_MORE_THAN_HALF, &quorum, &error);
  g_print ("quorum of an assembly (%u voting members): %.1f ms\n", quorum.voting, ms_since (start));
}

int
main (int    argc,
      char **argv)
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("secretariat-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(SecStore) store = sec_store_open (path, NULL);
  g_autoptr(SecQueryModel) model = NULL;
  const char *typing = "koperasi selangor";
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;

  start = g_get_monotonic_time ();
  fill (store, n);
  g_print ("insert %u members: %.0f ms\n", n, ms_since (start));

  start = g_get_monotonic_time ();
  model = sec_query_model_new (store, &sec_entity_member);
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_print ("open list model (%u rows, first item): %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (model)), ms_since (start));

  for (guint round = 0; round < 3; round++)
    for (guint len = 1; len <= strlen (typing); len++)
      {
        g_autofree char *text = g_strndup (typing, len);
        start = g_get_monotonic_time ();
        sec_query_model_set_search (model, text);
        g_array_append_val (keystrokes, ((double) { ms_since (start) }));
        sec_query_model_set_search (model, NULL);
      }
  g_array_sort (keystrokes, compare_double);
  g_print ("search keystroke: p50 %.1f ms, p99 %.1f ms (%u keystrokes)\n",
           g_array_index (keystrokes, double, keystrokes->len / 2),
           g_array_index (keystrokes, double, (guint) (keystrokes->len * 0.99)), keystrokes->len);

  start = g_get_monotonic_time ();
  sec_query_model_set_sort (model, "country", FALSE);
  g_print ("sort by country: %.1f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  sec_query_model_set_sort (model, "status", TRUE);
  g_print ("sort by status: %.1f ms\n", ms_since (start));
  start = g_get_monotonic_time ();
  sec_query_model_set_filter (model, "status", "lapsed");
  g_print ("filter lapsed (%u rows): %.1f ms\n", g_list_model_get_n_items (G_LIST_MODEL (model)), ms_since (start));

  sec_query_model_set_filter (model, "status", NULL);
  measure_links (store, model);
  measure_assembly (store);
  g_clear_object (&model);
  g_clear_object (&store);
  g_unlink (path);
  return 0;
}
