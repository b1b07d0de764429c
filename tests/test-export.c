/* test-export.c: iCalendar and PDF exports of events, the roadmap and SDG
 * reports, and their verbs
 *
 * The files are read back as a calendar or a person would: the .ics with
 * libical, the PDFs with pdftotext and pdfinfo (poppler-utils).
 */

#include <cairo.h>
#include <libical/ical.h>

#include "sec-agenda-document.h"
#include "sec-agenda.h"
#include "sec-coverage.h"
#include "sec-export.h"
#include "sec-ical.h"
#include "sec-json.h"
#include "sec-pdf.h"
#include "sec-programme.h"
#include "sec-query-model.h"
#include "sec-test-cli.h"
#include "sec-test-util.h"

#define FORUM "ASEAN Forum on Social and Solidarity Economy"

static const char *binary;

/* Cooperative in six scripts, as names in a programme and a roll. */
static const char *const scripts[] = {
  "สหกรณ์", "សហករណ៍", "သမဝါယမ", "協同組合", "협동조합", "Hợp tác xã",
};

/* Helpers */

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "export", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static SecStore *
sample_store (void)
{
  g_autoptr(GError) error = NULL;
  SecStore *store = sec_test_store_new (NULL);

  sec_store_load_sample (store, &error);
  g_assert_no_error (error);
  return store;
}

static char *
find_event (SecStore   *store,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *id = sec_export_find_event (store, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
save_ok (SecStore  *store,
         SecRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_store_save (store, record, &error));
  g_assert_no_error (error);
}

static SecRecord *
add_event (SecStore   *store,
           const char *title,
           const char *starts_on,
           const char *ends_on,
           const char *timezone)
{
  SecRecord *event = sec_record_new (&sec_entity_event);

  sec_record_set (event, "title", title);
  sec_record_set (event, "kind", "workshop");
  sec_record_set (event, "status", "planned");
  sec_record_set (event, "starts_on", starts_on);
  sec_record_set (event, "ends_on", ends_on);
  sec_record_set (event, "timezone", timezone);
  sec_record_set (event, "city", "Phnom Penh");
  sec_record_set (event, "country", "KH");
  save_ok (store, event);
  return event;
}

static void
add_session (SecStore   *store,
             SecRecord  *event,
             const char *date,
             const char *starts_at,
             const char *ends_at,
             const char *title,
             const char *moderator)
{
  g_autoptr(SecRecord) session = sec_record_new (&sec_entity_session);

  sec_record_set (session, "event_id", sec_record_get_id (event));
  sec_record_set (session, "date", date);
  sec_record_set (session, "starts_at", starts_at);
  sec_record_set (session, "ends_at", ends_at);
  sec_record_set (session, "title", title);
  sec_record_set (session, "kind", "panel");
  sec_record_set (session, "moderator", moderator);
  save_ok (store, session);
}

static void
add_participant (SecStore   *store,
                 SecRecord  *event,
                 const char *name,
                 const char *role)
{
  g_autoptr(SecRecord) participant = sec_record_new (&sec_entity_participant);

  sec_record_set (participant, "event_id", sec_record_get_id (event));
  sec_record_set (participant, "name", name);
  sec_record_set (participant, "organisation", "Koperasi");
  sec_record_set (participant, "country", "KH");
  sec_record_set (participant, "role", role);
  save_ok (store, participant);
}

/* A workshop whose sessions and people are named in the scripts of the
 * region, each a line of its own so that the table does not wrap them. */
static SecRecord *
add_script_event (SecStore *store)
{
  SecRecord *event = add_event (store, "Regional cooperative dialogue", "2024-03-04", "2024-03-04",
                                "Asia/Phnom_Penh");

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *start = g_strdup_printf ("%02u:00", 9 + i);
      g_autofree char *end = g_strdup_printf ("%02u:45", 9 + i);

      add_session (store, event, "2024-03-04", start, end, scripts[i], scripts[(i + 1) % G_N_ELEMENTS (scripts)]);
      add_participant (store, event, scripts[i], i == 0 ? "speaker" : "delegate");
    }
  return event;
}

/* The PDFs are read back with poppler-utils: without it they would go
 * unchecked, so a missing tool fails the test rather than skipping it. */
static void
require_poppler (const char *tool)
{
  g_autofree char *path = g_find_program_in_path (tool);

  if (path == NULL)
    g_error ("%s is not installed: the PDF checks need the Debian package poppler-utils", tool);
}

/* What a tool of poppler-utils prints about @pdf. */
static char *
poppler (const char *tool,
         const char *pdf)
{
  const char *argv[] = { tool, "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  require_poppler (tool);
  if (g_strcmp0 (tool, "pdftotext") != 0)
    {
      argv[1] = pdf;
      argv[2] = NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = poppler ("pdfinfo", pdf);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

  if (strstr (nfc, part) == NULL)
    {
      g_test_message ("%s", text);
      g_error ("“%s” is not in the text above", part);
    }
}

static icalcomponent *
parse_ics (const char *path)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  return calendar;
}

static const char *
tzid_of (icalcomponent     *vevent,
         icalproperty_kind  kind)
{
  icalproperty *property = icalcomponent_get_first_property (vevent, kind);
  icalparameter *tzid = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);

  return tzid ? icalparameter_get_tzid (tzid) : NULL;
}

/* Finding events */

static void
test_find_event (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *forum = find_event (store, "asean forum");
  g_autofree char *by_id = find_event (store, forum);
  g_autofree char *whole = NULL;
  g_autoptr(GError) ambiguous = NULL;
  g_autoptr(GError) none = NULL;
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(SecRecord) longer = NULL;

  g_assert_cmpstr (by_id, ==, forum);
  event = sec_store_load (store, &sec_entity_event, forum, NULL);
  g_assert_cmpstr (sec_record_get (event, "title"), ==, FORUM);

  g_assert_null (sec_export_find_event (store, "Conference", &ambiguous));
  g_assert_error (ambiguous, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_AMBIGUOUS);
  g_assert_nonnull (strstr (ambiguous->message, "2"));
  g_assert_null (sec_export_find_event (store, "Atlantis summit", &none));
  g_assert_error (none, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);

  /* A whole title is never ambiguous, even inside a longer one. */
  longer = add_event (store, "ASEC General Assembly 2024 (resumed)", "2024-05-01",
                                           "2024-05-01", NULL);
  whole = find_event (store, "asec general assembly 2024");
  g_assert_cmpstr (whole, !=, sec_record_get_id (longer));
}

static void
test_format_dates (void)
{
  static const char *const cases[][3] = {
    { "2015-04-25", "2015-04-25", "25 April 2015" },
    { "2019-02-23", "2019-02-24", "23–24 February 2019" },
    { "2024-01-30", "2024-02-02", "30 January – 2 February 2024" },
    { "2023-12-30", "2024-01-02", "30 December 2023 – 2 January 2024" },
  };
  g_autofree char *day = sec_export_format_date ("2015-04-25");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sec_export_format_dates (cases[i][0], cases[i][1]);
      g_assert_cmpstr (text, ==, cases[i][2]);
    }
  g_assert_cmpstr (day, ==, "Saturday 25 April 2015");
}

/* iCalendar */

static void
test_ics_forum (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *forum = find_event (store, FORUM);
  g_autofree char *path = temp_path ("forum.ics");
  g_autoptr(GPtrArray) sessions = sec_programme_sessions (store, forum);
  g_autoptr(GHashTable) uids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar, *vtimezone;
  gboolean registration = FALSE;
  guint n = 0;

  g_assert_true (sec_ical_export_event (store, forum, path, &error));
  g_assert_no_error (error);
  calendar = parse_ics (path);
  vtimezone = icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_nonnull (vtimezone);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "Asia/Kuala_Lumpur");
  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL; vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), n++)
    {
      struct icaltimetype start = icalproperty_get_dtstart (icalcomponent_get_first_property (vevent,
                                                                                              ICAL_DTSTART_PROPERTY));

      g_assert_cmpstr (tzid_of (vevent, ICAL_DTSTART_PROPERTY), ==, "Asia/Kuala_Lumpur");
      g_assert_cmpstr (tzid_of (vevent, ICAL_DTEND_PROPERTY), ==, "Asia/Kuala_Lumpur");
      g_assert_true (g_str_has_suffix (icalcomponent_get_uid (vevent), "@secretariat"));
      g_assert_true (g_hash_table_add (uids, (gpointer) icalcomponent_get_uid (vevent)));
      g_assert_cmpint (start.year, ==, 2015);
      if (g_strcmp0 (icalcomponent_get_summary (vevent), "Registration/Coffee") == 0)
        {
          registration = TRUE;
          g_assert_cmpint (start.hour, ==, 8);
          g_assert_cmpint (start.minute, ==, 0);
        }
    }
  g_assert_cmpuint (n, ==, sessions->len);
  g_assert_cmpuint (n, ==, 12);
  g_assert_true (registration);
  icalcomponent_free (calendar);
}

/* A two-day event is its sessions, on their own days, not one block. */
static void
test_ics_multi_day (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *event = find_event (store, "Localizing the SDGs");
  g_autofree char *path = temp_path ("multi-day.ics");
  g_autoptr(GPtrArray) sessions = sec_programme_sessions (store, event);
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  guint n = 0, days = 0;
  int last_day = 0;

  g_assert_true (sec_ical_export_event (store, event, path, &error));
  g_assert_no_error (error);
  calendar = parse_ics (path);
  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL; vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), n++)
    {
      struct icaltimetype start = icalcomponent_get_dtstart (vevent);
      struct icaltimetype end = icalcomponent_get_dtend (vevent);

      g_assert_cmpint (start.day, ==, end.day);
      g_assert_cmpstr (tzid_of (vevent, ICAL_DTSTART_PROPERTY), ==, "Asia/Seoul");
      days += start.day != last_day;
      last_day = start.day;
    }
  g_assert_cmpuint (n, ==, sessions->len);
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpuint (days, ==, 2);
  icalcomponent_free (calendar);
}

/* An event without a zone is in UTC: times end in Z, no VTIMEZONE. */
static void
test_ics_utc (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = add_event (store, "Webinar", "2024-05-01", "2024-05-01", NULL);
  g_autofree char *path = temp_path ("utc.ics");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  add_session (store, event, "2024-05-01", "06:00", "07:30", "Dues and the roadmap", NULL);
  g_assert_true (sec_ical_export_event (store, sec_record_get_id (event), path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "DTSTART:20240501T060000Z"));
  g_assert_null (strstr (text, "VTIMEZONE"));
}

static void
test_unknown_event (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autofree char *ics = temp_path ("unknown.ics");
  g_autofree char *pdf = temp_path ("unknown.pdf");
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;

  g_assert_false (sec_ical_export_event (store, "no-such-id", ics, &e1));
  g_assert_error (e1, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (e1->message, "no-such-id"));
  g_assert_false (sec_pdf_programme (store, "no-such-id", SEC_PAPER_A4, pdf, &e2));
  g_assert_error (e2, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (sec_pdf_certificates (store, "no-such-id", NULL, &(SecNetwork) { "Network", NULL }, pdf, &e3));
  g_assert_error (e3, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (sec_pdf_attendance_sheet (store, "no-such-id", SEC_PAPER_A4, pdf, &e4));
  g_assert_error (e4, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (ics, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* PDF */

static void
test_programme (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *forum = find_event (store, FORUM);
  g_autofree char *path = temp_path ("programme.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_pdf_programme (store, forum, SEC_PAPER_A4, path, &error));
  g_assert_no_error (error);
  text = poppler ("pdftotext", path);
  for (const char *const *part = (const char *const[]) { FORUM, "08:00", "17:30", "Jayasooria", "Registration/Coffee",
                                                         "Saturday 25 April 2015", "Kuala Lumpur", "Global Movement of Moderates",
                                                         "Bina Swadaya Foundation", NULL }; *part; part++)
    assert_contains (text, *part);
  info = poppler ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "(A4)"));
}

/* Every script comes back out of the PDF, drawn with a Noto font that has
 * its glyphs rather than boxes. */
static void
test_programme_scripts (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = add_script_event (store);
  g_autofree char *path = temp_path ("scripts.pdf");
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_pdf_programme (store, sec_record_get_id (event), SEC_PAPER_A4, path, &error));
  g_assert_no_error (error);
  text = poppler ("pdftotext", path);
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    assert_contains (text, scripts[i]);
  fonts = poppler ("pdffonts", path);
  for (const char *const *font = (const char *const[]) { "NotoSansThai", "NotoSansKhmer", "NotoSansMyanmar",
                                                         "NotoSansCJK", NULL }; *font; font++)
    assert_contains (fonts, *font);
}

/* A long programme runs onto more pages, each with the table's header. */
static void
test_programme_pages (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = add_event (store, "Long training", "2024-03-04", "2024-03-05", "Asia/Bangkok");
  g_autofree char *path = temp_path ("long.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *start = g_strdup_printf ("%02u:%02u", 7 + i / 4, (i % 4) * 15);
      g_autofree char *end = g_strdup_printf ("%02u:%02u", 7 + i / 4, (i % 4) * 15 + 14);
      g_autofree char *title = g_strdup_printf ("Module %u: bookkeeping for cooperatives, with exercises in small "
                                                "groups and a plenary report", i + 1);

      add_session (store, event, i < 30 ? "2024-03-04" : "2024-03-05", start, end, title, "Somchai");
    }
  g_assert_true (sec_pdf_programme (store, sec_record_get_id (event), SEC_PAPER_LETTER, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), >=, 2);
  text = poppler ("pdftotext", path);
  assert_contains (text, "(continued)");
  assert_contains (text, "Module 40:");
  assert_contains (text, "Tuesday 5 March 2024");
  info = poppler ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "612 x 792"));
}

static void
test_certificates (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *forum = find_event (store, FORUM);
  g_autofree char *all = temp_path ("certificates.pdf");
  g_autofree char *one = temp_path ("certificate.pdf");
  g_autoptr(GPtrArray) participants = sec_store_load_children (store, &sec_entity_participant, forum);
  g_autofree char *moderator = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_pdf_certificates (store, forum, NULL, &(SecNetwork) { "Asian Solidarity Economy Council", NULL }, all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (all), ==, participants->len);
  text = poppler ("pdftotext", all);
  assert_contains (text, "Elaine Tan");
  assert_contains (text, "Asian Solidarity Economy Council");
  assert_contains (text, "Certificate of Presentation");
  assert_contains (text, "Certificate of Participation");
  assert_contains (text, "25 April 2015");

  moderator = sec_export_find_participant (store, forum, "datuk dr denison jayasooria", &error);
  g_assert_no_error (error);
  g_assert_true (sec_pdf_certificates (store, forum, moderator, &(SecNetwork) { "Réseau d’essai", NULL }, one, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (one), ==, 1);
  g_free (text);
  text = poppler ("pdftotext", one);
  assert_contains (text, "Datuk Dr Denison Jayasooria");
  assert_contains (text, "Réseau d’essai");
  g_assert_null (strstr (text, "Elaine Tan"));
}

static void
test_certificates_errors (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *forum = find_event (store, FORUM);
  g_autofree char *empty = find_event (store, "Localizing the SDGs");
  g_autofree char *path = temp_path ("no-certificates.pdf");
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) nobody = NULL;
  g_autoptr(GError) stranger = NULL;

  g_assert_false (sec_pdf_certificates (store, forum, "no-such-participant", &(SecNetwork) { "Network", NULL }, path, &unknown));
  g_assert_error (unknown, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (sec_pdf_certificates (store, empty, NULL, &(SecNetwork) { "Network", NULL }, path, &nobody));
  g_assert_error (nobody, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_EMPTY);
  g_assert_null (sec_export_find_participant (store, forum, "Somebody Else", &stranger));
  g_assert_error (stranger, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_certificates_scripts (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = add_script_event (store);
  g_autofree char *path = temp_path ("certificates-scripts.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_pdf_certificates (store, sec_record_get_id (event), NULL, &(SecNetwork) { "ASEC", NULL }, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), ==, G_N_ELEMENTS (scripts));
  text = poppler ("pdftotext", path);
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    assert_contains (text, scripts[i]);
}

static void
test_attendance_sheet (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) event = add_event (store, "Board meeting", "2024-03-04", "2024-03-04", "Asia/Phnom_Penh");
  static const char *const names[] = { "Zainab Ali", "Aung Myint", "Chen Wei", "Bui Thi Hoa", "Dara Sok" };
  static const char *const sorted[] = { "Aung Myint", "Bui Thi Hoa", "Chen Wei", "Dara Sok", "Zainab Ali" };
  g_autofree char *path = temp_path ("attendance.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_participant (store, event, names[i], "delegate");
  g_assert_true (sec_pdf_attendance_sheet (store, sec_record_get_id (event), SEC_PAPER_A4, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), ==, 1);
  text = poppler ("pdftotext", path);
  assert_contains (text, "Board meeting");
  assert_contains (text, "Monday 4 March 2024");
  assert_contains (text, "Signature");
  assert_contains (text, "Cambodia");
  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      const char *at = strstr (text, sorted[i]);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
}

/* Reports */

#define REPORT_DAY "2026-11-22"

/* How many live records of @entity hold each goal, counted here from their
 * stored lists to check the store's SQL against. */
static void
count_goals (SecStore        *store,
             const SecEntity *entity,
             guint            counts[SEC_N_SDGS + 1])
{
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, entity);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  memset (counts, 0, (SEC_N_SDGS + 1) * sizeof (guint));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      const char *sdgs = sec_record_get (record, "sdgs");
      g_auto(GStrv) goals = g_strsplit (sdgs ? sdgs : "", ",", -1);

      for (guint g = 0; goals[g] != NULL; g++)
        {
          guint64 goal = g_ascii_strtoull (goals[g], NULL, 10);

          if (goal >= 1 && goal <= SEC_N_SDGS)
            counts[goal]++;
        }
    }
}

/* The store's coverage, checked goal by goal against the records. */
static GArray *
checked_coverage (SecStore *store)
{
  g_autoptr(GArray) coverage = sec_store_sdg_coverage (store);
  guint members[SEC_N_SDGS + 1], events[SEC_N_SDGS + 1], items[SEC_N_SDGS + 1];

  count_goals (store, &sec_entity_member, members);
  count_goals (store, &sec_entity_event, events);
  count_goals (store, &sec_entity_roadmap_item, items);
  g_assert_cmpuint (coverage->len, ==, SEC_N_SDGS);
  for (guint i = 0; i < coverage->len; i++)
    {
      const SecSdgCoverage *row = &g_array_index (coverage, SecSdgCoverage, i);

      g_assert_cmpuint (row->goal, ==, i + 1);
      g_assert_cmpuint (row->members, ==, members[row->goal]);
      g_assert_cmpuint (row->events, ==, events[row->goal]);
      g_assert_cmpuint (row->items, ==, items[row->goal]);
    }
  return g_steal_pointer (&coverage);
}

static const SecSdgCoverage *
goal_row (GArray *coverage,
          guint   goal)
{
  return &g_array_index (coverage, SecSdgCoverage, goal - 1);
}

static void
test_coverage_empty (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GArray) coverage = checked_coverage (store);

  for (guint goal = 1; goal <= SEC_N_SDGS; goal++)
    g_assert_cmpuint (goal_row (coverage, goal)->members + goal_row (coverage, goal)->events +
                      goal_row (coverage, goal)->items, ==, 0);
}

/* Goal 1 is not goal 17, nor 7 goal 17; deleted records do not count. */
static void
test_coverage (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autoptr(GArray) before = checked_coverage (store);
  g_autoptr(GArray) added = NULL;
  g_autoptr(GArray) deleted = NULL;
  g_autoptr(SecRecord) member = sec_test_member ("Koperasi Tujuh Belas", "MY", NULL);
  g_autoptr(SecRecord) event = add_event (store, "Community energy workshop", "2026-03-02", "2026-03-02",
                                          "Asia/Phnom_Penh");
  g_autofree char *council = sec_store_find_id (store, &sec_entity_member, "name",
                                                "Asian Solidarity Economy Council", NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (goal_row (before, 17)->members, >, 0);
  g_assert_cmpuint (goal_row (before, 17)->items, >, 0);
  g_assert_cmpuint (goal_row (before, 1)->members, >, 0);

  sec_record_set (member, "sdgs", "17");
  save_ok (store, member);
  sec_record_set (event, "sdgs", "7");
  save_ok (store, event);
  added = checked_coverage (store);
  g_assert_cmpuint (goal_row (added, 17)->members, ==, goal_row (before, 17)->members + 1);
  g_assert_cmpuint (goal_row (added, 1)->members, ==, goal_row (before, 1)->members);
  g_assert_cmpuint (goal_row (added, 7)->events, ==, goal_row (before, 7)->events + 1);
  g_assert_cmpuint (goal_row (added, 17)->events, ==, goal_row (before, 17)->events);

  /* The council itself works on goals 1, 5, 8, 10 and 17. */
  g_assert_nonnull (council);
  g_assert_true (sec_store_delete (store, &sec_entity_member, council, &error));
  g_assert_no_error (error);
  deleted = checked_coverage (store);
  g_assert_cmpuint (goal_row (deleted, 1)->members, ==, goal_row (added, 1)->members - 1);
  g_assert_cmpuint (goal_row (deleted, 17)->members, ==, goal_row (added, 17)->members - 1);
  g_assert_cmpuint (goal_row (deleted, 2)->members, ==, goal_row (added, 2)->members);
}

/* The line of @text that holds @part. */
static char *
line_with (const char *text,
           const char *part)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_auto(GStrv) lines = g_strsplit (nfc, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], part) != NULL)
      return g_strdup (lines[i]);
  g_test_message ("%s", text);
  g_error ("No line of the text above holds “%s”", part);
  return NULL;
}

static guint
occurrences (const char *text,
             const char *part)
{
  guint n = 0;

  for (const char *at = strstr (text, part); at != NULL; at = strstr (at + 1, part))
    n++;
  return n;
}

static void
set_archived (SecStore   *store,
              const char *pillar_name)
{
  g_autofree char *id = sec_store_find_id (store, &sec_entity_pillar, "name", pillar_name, NULL, NULL);
  g_autoptr(SecRecord) pillar = NULL;
  g_autoptr(GError) error = NULL;

  pillar = sec_store_load (store, &sec_entity_pillar, id, &error);
  g_assert_no_error (error);
  sec_record_set (pillar, "archived", "1");
  save_ok (store, pillar);
}

/* Each pillar with its items; a late item says so on the line of its
 * title. On 22 November 2026, the sample's items are late or not as this
 * table says, read off their due dates and statuses. */
static const struct {
  const char *title;
  gboolean    overdue;
} report_items[] = {
  { "Membership criteria and application form", FALSE },          /* done */
  { "Dues schedule for national networks", TRUE },                 /* due 30 September 2026 */
  { "Shared library of SSE case studies", FALSE },                 /* due 1 December 2026 */
  { "Training of trainers on SSE enterprise management", TRUE },   /* due 31 August 2026 */
  { "Crowdfunding pilot for community enterprises", TRUE },        /* due 30 June 2026, blocked */
  { "Common impact indicators", FALSE },                           /* due 31 March 2027 */
};

static void
test_roadmap_report (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autoptr(SecQueryModel) pillars = sec_query_model_new (store, &sec_entity_pillar);
  g_autofree char *path = temp_path ("roadmap.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  sec_store_set_today (store, REPORT_DAY);
  g_assert_cmpint (sec_store_count (store, &sec_entity_roadmap_item), ==, G_N_ELEMENTS (report_items));
  g_assert_true (sec_pdf_roadmap_report (store, SEC_PAPER_A4, path, &error));
  g_assert_no_error (error);
  text = poppler ("pdftotext", path);
  assert_contains (text, "Development roadmap");
  assert_contains (text, "22 November 2026");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pillars)); i++)
    {
      g_autoptr(SecRecord) pillar = g_list_model_get_item (G_LIST_MODEL (pillars), i);

      assert_contains (text, sec_record_get (pillar, "name"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (report_items); i++)
    {
      /* A row's first line starts its title and its due date cell. */
      g_autofree char *start = g_utf8_substring (report_items[i].title, 0, 16);
      g_autofree char *line = line_with (text, start);

      g_test_message ("%s: %s", start, report_items[i].overdue ? "overdue" : "not overdue");
      g_assert_cmpint (strstr (line, "OVERDUE") != NULL, ==, report_items[i].overdue);
    }
  g_assert_cmpuint (occurrences (text, "OVERDUE"), ==, 3);
  assert_contains (text, "Bina Swadaya Foundation");
  assert_contains (text, "Alalay sa Kaunlaran Inc.");
  assert_contains (text, "45 %");
  g_assert_null (strstr (text, "Other"));
}

/* Items of an archived pillar come last, under "Other". */
static void
test_roadmap_report_other (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *path = temp_path ("roadmap-other.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *other, *item;

  sec_store_set_today (store, REPORT_DAY);
  set_archived (store, "Impact assessment");
  g_assert_true (sec_pdf_roadmap_report (store, SEC_PAPER_LETTER, path, &error));
  g_assert_no_error (error);
  text = poppler ("pdftotext", path);
  g_assert_null (strstr (text, "Impact assessment"));
  other = strstr (text, "Other");
  item = strstr (text, "Common impact indicators");
  g_assert_nonnull (other);
  g_assert_nonnull (item);
  g_assert_true (item > other);
  g_assert_true (other > strstr (text, "Resource mobilisation and crowdfunding"));
}

/* The last three words of @line are the goal's counts. */
static void
assert_counts (const char           *line,
               const SecSdgCoverage *row)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *expected = g_strdup_printf ("%u %u %u", row->members, row->events, row->items);
  g_autofree char *found = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_assert_cmpuint (kept->len, >=, 3);
  found = g_strdup_printf ("%s %s %s", (char *) g_ptr_array_index (kept, kept->len - 3),
                           (char *) g_ptr_array_index (kept, kept->len - 2),
                           (char *) g_ptr_array_index (kept, kept->len - 1));
  g_assert_cmpstr (found, ==, expected);
}

/* Every goal by its name, with its counts as text beside its bar. */
static void
test_sdg_report (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autoptr(GArray) coverage = NULL;
  g_autofree char *path = temp_path ("sdg.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  sec_store_set_today (store, REPORT_DAY);
  coverage = checked_coverage (store);
  g_assert_true (sec_pdf_sdg_report (store, SEC_PAPER_A4, &(SecNetwork) { "Red de Economía Solidaria", NULL }, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (path), ==, 1);
  text = poppler ("pdftotext", path);
  for (const char *const *part = (const char *const[]) { "SDG coverage", "Red de Economía Solidaria",
                                                         "22 November 2026", "No poverty",
                                                         "Partnerships for the goals", "Roadmap items", NULL };
       *part; part++)
    assert_contains (text, *part);
  for (guint goal = 1; goal <= SEC_N_SDGS; goal++)
    {
      g_autofree char *line = line_with (text, sec_sdg_names[goal]);

      g_test_message ("%s", line);
      assert_counts (line, goal_row (coverage, goal));
    }
}

/* The command line */

static void
run_cli (SecTestRun *run,
         ...)
{
  va_list args;

  va_start (args, run);
  sec_test_run_va (run, binary, NULL, args);
  va_end (args);
}

/* A database with the sample network, in the test's own folder. */
static char *
sample_db (void)
{
  g_autofree char *db = temp_path ("cli.db");
  g_auto(SecTestRun) load = { 0, };

  run_cli (&load, "--db", db, "--load-sample", NULL);
  g_assert_true (g_spawn_check_wait_status (load.status, NULL));
  return g_steal_pointer (&db);
}

static void
test_cli_list_events (void)
{
  g_autofree char *db = sample_db ();
  g_autofree char *last = g_strdup ("");
  g_auto(SecTestRun) run = { 0, };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "--db", db, "--list-events", NULL);
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[5], ==, "");
  for (guint i = 0; i < 5; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_cmpuint (strlen (fields[1]), ==, 10);
      g_assert_cmpstr (fields[1], >=, last);
      g_assert_cmpstr (fields[2], >=, fields[1]);
      g_free (last);
      last = g_strdup (fields[1]);
    }
  g_assert_true (g_str_has_suffix (lines[0], "\t2015-04-25\t2015-04-25\tconference\t" FORUM));
}

static void
assert_wrote (SecTestRun *run,
              const char *path,
              const char *start)
{
  g_autofree char *contents = NULL;

  if (!g_spawn_check_wait_status (run->status, NULL))
    g_error ("failed: %s", run->err);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, start));
}

static void
test_cli_exports (void)
{
  g_autofree char *db = sample_db ();
  g_autofree char *programme = temp_path ("cli-programme.pdf");
  g_autofree char *ics = temp_path ("cli.ics");
  g_autofree char *certificates = temp_path ("cli-certificates.pdf");
  g_autofree char *certificate = temp_path ("cli-certificate.pdf");
  g_autofree char *sheet = temp_path ("cli-sheet.pdf");
  g_auto(SecTestRun) r1 = { 0, };
  g_auto(SecTestRun) r2 = { 0, };
  g_auto(SecTestRun) r3 = { 0, };
  g_auto(SecTestRun) r4 = { 0, };
  g_auto(SecTestRun) r5 = { 0, };

  run_cli (&r1, "--db", db, "--export-programme", "asean forum", "--output", programme, "--paper", "letter", NULL);
  assert_wrote (&r1, programme, "%PDF");
  run_cli (&r2, "--db", db, "--export-ics", "ASEAN FORUM", "--output", ics, NULL);
  assert_wrote (&r2, ics, "BEGIN:VCALENDAR");
  run_cli (&r3, "--db", db, "--export-certificates", "asean forum", "--output", certificates, NULL);
  assert_wrote (&r3, certificates, "%PDF");
  run_cli (&r4, "--db", db, "--export-certificates", "asean forum", "--participant", "elaine tan",
           "--network", "Test network", "-o", certificate, NULL);
  assert_wrote (&r4, certificate, "%PDF");
  run_cli (&r5, "--db", db, "--export-attendance-sheet", "asean forum", "--output", sheet, NULL);
  assert_wrote (&r5, sheet, "%PDF");
  {
    g_autofree char *text = poppler ("pdftotext", certificate);

    g_assert_cmpuint (pdf_pages (certificate), ==, 1);
    assert_contains (text, "Elaine Tan");
    assert_contains (text, "Test network");
  }
}

/* A mistake is one line on stderr and a non-zero exit, with no file. */
static void
test_cli_errors (void)
{
  g_autofree char *db = sample_db ();
  g_autofree char *out = temp_path ("cli-error.pdf");
  const char *const cases[][4] = {
    { "--export-programme", "conference", "2 events", NULL },
    { "--export-ics", "Atlantis summit", "Atlantis summit", NULL },
    { "--export-programme", "asean forum", "--paper", "a5" },
    { "--export-certificates", "asean forum", "--participant", "Nobody Here" },
  };
  g_auto(SecTestRun) no_output = { 0, };
  g_auto(SecTestRun) two = { 0, };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SecTestRun) run = { 0, };

      if (cases[i][3] == NULL)
        run_cli (&run, "--db", db, cases[i][0], cases[i][1], "--output", out, NULL);
      else
        run_cli (&run, "--db", db, cases[i][0], cases[i][1], cases[i][2], cases[i][3], "--output", out, NULL);
      g_assert_false (g_spawn_check_wait_status (run.status, NULL));
      g_assert_cmpuint (sec_test_n_lines (run.err), ==, 1);
      if (cases[i][3] == NULL)
        g_assert_nonnull (strstr (run.err, cases[i][2]));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  run_cli (&no_output, "--db", db, "--export-ics", "asean forum", NULL);
  g_assert_false (g_spawn_check_wait_status (no_output.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (no_output.err), ==, 1);
  g_assert_nonnull (strstr (no_output.err, "--output"));

  run_cli (&two, "--db", db, "--export-ics", "asean forum", "--export-programme", "asean forum",
           "--output", out, NULL);
  g_assert_false (g_spawn_check_wait_status (two.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (two.err), ==, 1);
}

/* Both reports from the command line; a report it does not know is a
 * usage error, exit status 2. */
static void
test_cli_reports (void)
{
  g_autofree char *db = sample_db ();
  g_autofree char *roadmap = temp_path ("cli-roadmap.pdf");
  g_autofree char *sdg = temp_path ("cli-sdg.pdf");
  g_autofree char *named = temp_path ("cli-sdg-named.pdf");
  g_autofree char *bad = temp_path ("cli-bad-report.pdf");
  g_autoptr(GError) error = NULL;
  g_auto(SecTestRun) r1 = { 0, };
  g_auto(SecTestRun) r2 = { 0, };
  g_auto(SecTestRun) r3 = { 0, };
  g_auto(SecTestRun) unknown = { 0, };
  g_auto(SecTestRun) no_output = { 0, };
  g_auto(SecTestRun) two = { 0, };

  run_cli (&r1, "--db", db, "--report", "roadmap", "--output", roadmap, NULL);
  assert_wrote (&r1, roadmap, "%PDF");
  run_cli (&r2, "--db", db, "--report", "sdg", "-o", sdg, NULL);
  assert_wrote (&r2, sdg, "%PDF");
  run_cli (&r3, "--db", db, "--report", "sdg", "--network", "Test network", "--paper", "letter", "-o", named, NULL);
  assert_wrote (&r3, named, "%PDF");

  run_cli (&unknown, "--db", db, "--report", "budget", "--output", bad, NULL);
  g_assert_false (g_spawn_check_wait_status (unknown.status, &error));
  g_assert_error (error, G_SPAWN_EXIT_ERROR, 2);
  g_assert_cmpuint (sec_test_n_lines (unknown.err), ==, 1);
  g_assert_nonnull (strstr (unknown.err, "budget"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  run_cli (&no_output, "--db", db, "--report", "roadmap", NULL);
  g_assert_false (g_spawn_check_wait_status (no_output.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (no_output.err), ==, 1);
  g_assert_nonnull (strstr (no_output.err, "--output"));
  run_cli (&two, "--db", db, "--report", "sdg", "--export-ics", "asean forum", "--output", bad, NULL);
  g_assert_false (g_spawn_check_wait_status (two.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (two.err), ==, 1);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  {
    g_autofree char *roadmap_text = poppler ("pdftotext", roadmap);
    g_autofree char *sdg_text = poppler ("pdftotext", sdg);
    g_autofree char *named_text = poppler ("pdftotext", named);
    g_autofree char *info = poppler ("pdfinfo", named);

    assert_contains (roadmap_text, "Formalising membership");
    /* Without --network, the name in the preferences. */
    assert_contains (sdg_text, "Asian Solidarity Economy Council");
    assert_contains (named_text, "Test network");
    assert_contains (named_text, "Partnerships for the goals");
    g_assert_nonnull (strstr (info, "(letter)"));
  }
}

/* Agenda */

static void
add_agenda_item (SecStore   *store,
                 const char *event_id,
                 const char *const *pairs)
{
  g_autoptr(SecRecord) item = sec_record_new (&sec_entity_agenda_item);

  sec_record_set (item, "event_id", event_id);
  sec_record_set (item, "kind", "item");
  sec_record_set (item, "depth", "0");
  for (guint i = 0; pairs[i] != NULL; i += 2)
    sec_record_set (item, pairs[i], pairs[i + 1]);
  save_ok (store, item);
}

/* The sample's General Assembly 2024 with another agenda in place of its
 * own: an item with a sub-item, a break, an admission. Its programme
 * starts at 09:00. */
static char *
agenda_store (SecStore *store)
{
  char *ga = find_event (store, "General Assembly 2024");
  g_autofree char *dew = sec_store_find_id (store, &sec_entity_member, "name", "DEW Crafts", NULL, NULL);
  g_autoptr(GPtrArray) sample_agenda = sec_agenda_items (store, ga);

  g_assert_cmpuint (sample_agenda->len, >, 0);
  for (guint i = 0; i < sample_agenda->len; i++)
    g_assert_true (sec_store_delete (store, &sec_entity_agenda_item,
                                     sec_record_get_id (g_ptr_array_index (sample_agenda, i)), NULL));

  add_agenda_item (store, ga, (const char *[]) { "position", "10", "title", "Opening and adoption of the agenda",
                                                 "duration", "15", "presenter", "Datuk Dr Denison Jayasooria", NULL });
  add_agenda_item (store, ga, (const char *[]) { "position", "20", "title", "SSE Development Roadmap: formalising membership",
                                                 "duration", "60", "roadmap_item_id", "5e0c0002-0000-4000-8000-000000000001",
                                                 "background", "Criteria | drafted by the board in 2023.", NULL });
  add_agenda_item (store, ga, (const char *[]) { "position", "30", "depth", "1", "title", "Membership application form",
                                                 "duration", "30", NULL });
  add_agenda_item (store, ga, (const char *[]) { "position", "40", "kind", "break", "title", "Coffee break",
                                                 "duration", "15", NULL });
  add_agenda_item (store, ga, (const char *[]) { "position", "50", "title", "Admission of DEW Crafts",
                                                 "duration", "10", "member_id", dew, NULL });
  return ga;
}

static void
test_agenda (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *ga = agenda_store (store);
  g_autofree char *pdf = temp_path ("agenda.pdf");
  g_autoptr(SecAgendaDocument) document = NULL;
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;

  sec_store_set_today (store, "2024-01-20");
  document = sec_agenda_document_new (store, ga, SEC_QUORUM_MORE_THAN_HALF, &error);
  g_assert_no_error (error);
  markdown = sec_agenda_document_markdown (document);
  assert_contains (markdown, "# ASEC General Assembly 2024\n");
  assert_contains (markdown, "From 09:00 to about 11:10: 2 h 10 min");
  assert_contains (markdown, "| 1 | 09:00–09:15 | Opening and adoption of the agenda | 15 | Datuk Dr Denison Jayasooria |");
  assert_contains (markdown, "| 2.1 | 10:15–10:45 |    Membership application form | 30 |  |");
  assert_contains (markdown, "|  | 10:45–11:00 | *Coffee break* | 15 |  |");
  assert_contains (markdown, "| 3 | 11:00–11:10 | Admission of DEW Crafts | 10 |  |");
  assert_contains (markdown, "Criteria | drafted by the board in 2023.  \nDone, 100 %, due 2024-09-30, owner: Asian Solidarity Economy Council");
  assert_contains (markdown, "**3 Admission of DEW Crafts**  \nSocial enterprise, Cambodia, applicant");

  g_assert_true (sec_pdf_agenda (store, ga, SEC_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = poppler ("pdftotext", pdf);

    assert_contains (text, "ASEC General Assembly 2024");
    assert_contains (text, "From 09:00 to about 11:10: 2 h 10 min");
    assert_contains (text, "09:15–10:15");
    assert_contains (text, "SSE Development Roadmap: formalising membership");
    assert_contains (text, "2.1");
    assert_contains (text, "Coffee break");
    assert_contains (text, "Background");
    assert_contains (text, "Social enterprise, Cambodia, applicant");
  }
}

/* --export-agenda writes PDF or, for a .md file, Markdown; an unknown
 * meeting is one line on stderr and no file. */
static void
test_cli_agenda (void)
{
  g_autofree char *db = sample_db ();
  g_autofree char *pdf = temp_path ("cli-agenda.pdf");
  g_autofree char *md = temp_path ("cli-agenda.md");
  g_autofree char *bad = temp_path ("cli-agenda-bad.md");
  g_autofree char *markdown = NULL;
  g_auto(SecTestRun) as_pdf = { 0, };
  g_auto(SecTestRun) as_md = { 0, };
  g_autofree char *minutes_md = temp_path ("cli-minutes.md");
  g_auto(SecTestRun) minutes = { 0, };
  g_auto(SecTestRun) unknown = { 0, };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SecStore) store = sec_store_open (db, &error);
    g_autofree char *ga = NULL;

    g_assert_no_error (error);
    ga = agenda_store (store);
  }
  run_cli (&as_pdf, "--db", db, "--export-agenda", "General Assembly 2024", "--output", pdf, NULL);
  assert_wrote (&as_pdf, pdf, "%PDF");
  run_cli (&as_md, "--db", db, "--export-agenda", "General Assembly 2024", "--output", md, NULL);
  assert_wrote (&as_md, md, "# ASEC General Assembly 2024");
  g_assert_true (g_file_get_contents (md, &markdown, NULL, NULL));
  assert_contains (markdown, "| 3 | 11:00–11:10 | Admission of DEW Crafts | 10 |  |");
  run_cli (&minutes, "--db", db, "--export-minutes", "General Assembly 2024", "--output", minutes_md, NULL);
  assert_wrote (&minutes, minutes_md, "# Minutes: ASEC General Assembly 2024");

  run_cli (&unknown, "--db", db, "--export-agenda", "General Assembly 1999", "--output", bad, NULL);
  g_assert_false (g_spawn_check_wait_status (unknown.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (unknown.err), ==, 1);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

/* The minutes: who checked in, the quorum, each item's decision. */
static void
test_minutes (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *ga = agenda_store (store);
  g_autofree char *pdf = temp_path ("minutes.pdf");
  g_autofree char *md = temp_path ("minutes.md");
  g_autofree char *markdown = NULL;
  g_autofree char *quorum_line = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  SecQuorum quorum;

  sec_store_set_today (store, "2024-01-29");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SecRecord) delegate = sec_record_new (&sec_entity_participant);

      sec_record_set (delegate, "event_id", ga);
      sec_record_set (delegate, "name", i ? "Datuk Dr Denison Jayasooria" : "Dr Benjamin Quinones, Jr.");
      sec_record_set (delegate, "organisation", "Asian Solidarity Economy Council");
      sec_record_set (delegate, "role", "delegate");
      sec_record_set (delegate, "voting_delegate", "1");
      sec_record_set (delegate, "attended", i ? "1" : "0");   /* only the second checked in */
      save_ok (store, delegate);
    }
  items = sec_agenda_items (store, ga);
  sec_record_set (items->pdata[4], "decision", "DEW Crafts is admitted as a member of ASEC.");
  sec_record_set (items->pdata[4], "votes_for", "1");
  sec_record_set (items->pdata[4], "outcome", "adopted");
  sec_record_set (items->pdata[4], "chair_override", "1");
  {
    int bad;
    g_assert_true (sec_agenda_decide (store, items->pdata[4], SEC_QUORUM_TWO_THIRDS, &bad, &error));
    g_assert_no_error (error);
  }

  g_assert_true (sec_quorum_count (store, ga, SEC_QUORUM_TWO_THIRDS, &quorum, &error));
  quorum_line = g_strdup_printf ("Quorum: 1 of %u voting members represented; %u required "
                                 "(at least two thirds of the voting members represented). The quorum was not met.",
                                 quorum.voting, quorum.required);
  g_assert_true (sec_agenda_export_markdown (store, ga, SEC_QUORUM_TWO_THIRDS, TRUE, md, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (md, &markdown, NULL, NULL));
  assert_contains (markdown, "# Minutes: ASEC General Assembly 2024");
  assert_contains (markdown, "- Datuk Dr Denison Jayasooria, Asian Solidarity Economy Council (voting delegate)\n");
  g_assert_null (strstr (markdown, "Quinones"));   /* did not check in */
  assert_contains (markdown, quorum_line);
  assert_contains (markdown, "### 3 Admission of DEW Crafts\n\nDEW Crafts is admitted as a member of ASEC.\n\n"
                             "Votes: 1 for, 0 against, 0 abstaining  \nOutcome: Adopted  \n"
                             "No quorum, 1 voting member represented; the chair let the decision stand\n");
  assert_contains (markdown, "### 1 Opening and adoption of the agenda\n\nOutcome: not recorded");
  g_assert_null (strstr (markdown, "Coffee break"));

  g_assert_true (sec_pdf_minutes (store, ga, SEC_QUORUM_TWO_THIRDS, SEC_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = poppler ("pdftotext", pdf);

    assert_contains (text, "Minutes");
    assert_contains (text, "Attendance");
    assert_contains (text, "Datuk Dr Denison Jayasooria, Asian Solidarity Economy Council (voting delegate)");
    assert_contains (text, "The quorum was not met.");
    assert_contains (text, "Votes: 1 for, 0 against, 0 abstaining");
    assert_contains (text, "Outcome: Adopted");
    assert_contains (text, "No quorum, 1 voting member represented; the chair let the decision stand");
  }
}

/* How many images pdfimages lists in @pdf (not counting their masks). */
static guint
n_images (const char *pdf)
{
  const char *argv[] = { "pdfimages", "-list", pdf, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  require_poppler ("pdfimages");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    guint n = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_auto(GStrv) columns = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        guint column = 0;

        /* page, num, type: the third word that is not empty */
        for (guint j = 0; columns[j] != NULL; j++)
          if (*columns[j] != '\0' && ++column == 3)
            n += g_str_equal (columns[j], "image");
      }
    return n;
  }
}

/* The network's logo on certificates and the SDG report; a file that is
 * not an image leaves it out and loses nothing else. */
static void
test_logo (void)
{
  g_autoptr(SecStore) store = sample_store ();
  g_autofree char *forum = find_event (store, "ASEAN Forum");
  g_autofree char *logo = temp_path ("logo.png");
  g_autofree char *not_image = temp_path ("logo.txt");
  g_autofree char *with = temp_path ("with-logo.pdf");
  g_autofree char *without = temp_path ("without-logo.pdf");
  g_autofree char *report = temp_path ("sdg-logo.pdf");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 60);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;

  cairo_set_source_rgba (cr, 0.1, 0.4, 0.7, 0.8);
  cairo_paint (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, logo), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_set_contents (not_image, "not a picture", -1, NULL));

  g_assert_true (sec_pdf_certificates (store, forum, NULL, &(SecNetwork) { "ASEC", logo }, with, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) participants = sec_store_load_children (store, &sec_entity_participant, forum);
    g_assert_cmpuint (n_images (with), ==, participants->len);   /* one a certificate */
  }
  g_assert_true (sec_pdf_certificates (store, forum, NULL, &(SecNetwork) { "ASEC", not_image }, without, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_images (without), ==, 0);
  g_assert_true (sec_pdf_sdg_report (store, SEC_PAPER_A4, &(SecNetwork) { "ASEC", logo }, report, &error));
  g_assert_cmpuint (n_images (report), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  binary = argc > 1 ? argv[1] : "secretariat";

  g_test_add_func ("/export/find-event", test_find_event);
  g_test_add_func ("/export/format-dates", test_format_dates);
  g_test_add_func ("/export/unknown-event", test_unknown_event);
  g_test_add_func ("/export/ics/forum", test_ics_forum);
  g_test_add_func ("/export/ics/multi-day", test_ics_multi_day);
  g_test_add_func ("/export/ics/utc", test_ics_utc);
  g_test_add_func ("/export/pdf/programme", test_programme);
  g_test_add_func ("/export/pdf/programme-scripts", test_programme_scripts);
  g_test_add_func ("/export/pdf/programme-pages", test_programme_pages);
  g_test_add_func ("/export/pdf/certificates", test_certificates);
  g_test_add_func ("/export/pdf/certificates-errors", test_certificates_errors);
  g_test_add_func ("/export/pdf/certificates-scripts", test_certificates_scripts);
  g_test_add_func ("/export/pdf/attendance-sheet", test_attendance_sheet);
  g_test_add_func ("/export/coverage/empty", test_coverage_empty);
  g_test_add_func ("/export/coverage/sample", test_coverage);
  g_test_add_func ("/export/report/roadmap", test_roadmap_report);
  g_test_add_func ("/export/report/roadmap-other", test_roadmap_report_other);
  g_test_add_func ("/export/report/sdg", test_sdg_report);
  g_test_add_func ("/export/cli/list-events", test_cli_list_events);
  g_test_add_func ("/export/cli/exports", test_cli_exports);
  g_test_add_func ("/export/cli/errors", test_cli_errors);
  g_test_add_func ("/export/cli/reports", test_cli_reports);
  g_test_add_func ("/export/logo", test_logo);
  g_test_add_func ("/export/agenda", test_agenda);
  g_test_add_func ("/export/cli/agenda", test_cli_agenda);
  g_test_add_func ("/export/minutes", test_minutes);

  return g_test_run ();
}
