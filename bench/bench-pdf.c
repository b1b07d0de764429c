/* bench-pdf.c: a large event's programme as PDF
 *
 *   bench-pdf
 *
 * An event of five days with 300 sessions in ten rooms and 2,000
 * participants with names in the region's scripts; measures writing its
 * programme as PDF (the median of three).
 */

#include <glib/gstdio.h>

#include "sec-bench.h"
#include "sec-pdf.h"
#include "sec-store.h"

static const char *const names[] = {
  "Nguyễn Thị Hoa", "สมชาย ใจดี", "សុខ ចាន់ធី", "အောင်မြင့်", "Siti Aminah", "Juan dela Cruz",
  "田中 花子", "김민준", "Батбаяр", "Ram Bahadur", "Rahima Begum", "Budi Santoso",
};

static void
save (SecStore  *store,
      SecRecord *record)
{
  g_autoptr(GError) error = NULL;

  if (!sec_store_save (store, record, &error))
    g_error ("%s", error->message);
}

static char *
large_event (SecStore *store)
{
  g_autoptr(SecRecord) event = sec_record_new (&sec_entity_event);
  g_autoptr(GError) error = NULL;

  sec_record_set (event, "title", "Asian Social and Solidarity Economy Forum");
  sec_record_set (event, "kind", "conference");
  sec_record_set (event, "status", "confirmed");
  sec_record_set (event, "starts_on", "2027-03-01");
  sec_record_set (event, "ends_on", "2027-03-05");
  sec_record_set (event, "timezone", "Asia/Kuala_Lumpur");
  sec_record_set (event, "city", "Kuala Lumpur");
  sec_record_set (event, "country", "MY");
  save (store, event);
  sec_store_begin (store, &error);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(SecRecord) session = sec_record_new (&sec_entity_session);
      g_autofree char *date = g_strdup_printf ("2027-03-0%u", 1 + i / 60);
      g_autofree char *starts = g_strdup_printf ("%02u:00", 8 + (i % 60) / 10);
      g_autofree char *ends = g_strdup_printf ("%02u:50", 8 + (i % 60) / 10);
      g_autofree char *title = g_strdup_printf ("Session %u: cooperatives, mutuals and the SDGs in practice", i + 1);
      g_autofree char *room = g_strdup_printf ("Room %u", 1 + i % 10);

      sec_record_set (session, "event_id", sec_record_get_id (event));
      sec_record_set (session, "date", date);
      sec_record_set (session, "starts_at", starts);
      sec_record_set (session, "ends_at", ends);
      sec_record_set (session, "title", title);
      sec_record_set (session, "kind", "panel");
      sec_record_set (session, "speakers", names[i % G_N_ELEMENTS (names)]);
      sec_record_set (session, "room", room);
      save (store, session);
    }
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(SecRecord) participant = sec_record_new (&sec_entity_participant);
      g_autofree char *name = g_strdup_printf ("%s %u", names[i % G_N_ELEMENTS (names)], i);

      sec_record_set (participant, "event_id", sec_record_get_id (event));
      sec_record_set (participant, "name", name);
      sec_record_set (participant, "role", "delegate");
      save (store, participant);
    }
  sec_store_commit (store, &error);
  return g_strdup (sec_record_get_id (event));
}

int
main (void)
{
  g_autofree char *dir = g_dir_make_tmp ("secretariat-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "programme.pdf", NULL);
  g_autoptr(SecStore) store = sec_store_open (db, NULL);
  g_autofree char *event = large_event (store);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!sec_pdf_programme (store, event, SEC_PAPER_A4, pdf, &error))
        g_error ("%s", error->message);
      g_array_append_val (times, ((double) { sec_bench_ms_since (start) }));
    }
  sec_bench_result ("programme PDF, 2,000 participants and 300 sessions", "≤ 1 s",
                    sec_bench_percentile (times, 0.5), "ms", -1, 1000);
  return 0;
}
