/* test-csv.c: CSV import and export of members and contacts, and of an
 * event's participants */

#include <glib/gstdio.h>
#include <string.h>

#include "sec-csv.h"
#include "sec-field.h"
#include "sec-json.h"
#include "sec-query-model.h"

#define BOM "\xef\xbb\xbf"

typedef struct {
  char     *dir;
  SecStore *store;
} Fixture;

static SecStore *
open_store (Fixture    *f,
            const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SecStore *store = sec_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_build_filename (g_get_user_data_dir (), "test-csv", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->store = open_store (f, "store.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

/* Helpers */

static char *
write_csv (Fixture    *f,
           const char *name,
           const char *text,
           gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  return path;
}

static SecCsvReport *
import_ok (Fixture           *f,
           const char        *text,
           const char *const *mapping,
           SecCsvDuplicates   duplicates,
           gboolean           accept_partial)
{
  g_autofree char *path = write_csv (f, "in.csv", text, -1);
  g_autoptr(GError) error = NULL;
  SecCsvReport *report = sec_csv_import (f->store, path, mapping, duplicates, accept_partial,
                                         NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
import_fails (Fixture    *f,
              const char *text,
              gssize      len,
              SecCsvError code)
{
  g_autofree char *path = write_csv (f, "in.csv", text, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = sec_csv_import (f->store, path, NULL, SEC_CSV_DUPLICATE_SKIP,
                                                   TRUE, NULL, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, SEC_CSV_ERROR, (int) code);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);
}

static SecRecord *
find_member (SecStore   *store,
             const char *name,
             const char *country)
{
  g_autofree char *id = sec_store_find_id (store, &sec_entity_member, "name", name, "country", country);
  g_autoptr(GError) error = NULL;
  SecRecord *member;

  g_assert_nonnull (id);
  member = sec_store_load (store, &sec_entity_member, id, &error);
  g_assert_no_error (error);
  return member;
}

static GPtrArray *
contacts_of (SecStore  *store,
             SecRecord *member)
{
  return sec_store_load_children (store, &sec_entity_contact, sec_record_get_id (member));
}

static const char *
contact_value (GPtrArray  *contacts,
               guint       i,
               const char *field)
{
  g_assert_cmpuint (i, <, contacts->len);
  return sec_record_get (g_ptr_array_index (contacts, i), field);
}

static char *
save_member (SecStore   *store,
             const char *name,
             const char *country,
             const char *email)
{
  g_autoptr(SecRecord) member = sec_record_new (&sec_entity_member);
  g_autoptr(GError) error = NULL;

  sec_record_set (member, "name", name);
  sec_record_set (member, "kind", "cooperative");
  sec_record_set (member, "country", country);
  sec_record_set (member, "email", email);
  sec_record_set (member, "city", "Old city");
  sec_store_save (store, member, &error);
  g_assert_no_error (error);
  return g_strdup (sec_record_get_id (member));
}

static void
save_contact (SecStore   *store,
              const char *member_id,
              const char *name,
              const char *role)
{
  g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
  g_autoptr(GError) error = NULL;

  sec_record_set (contact, "member_id", member_id);
  sec_record_set (contact, "name", name);
  sec_record_set (contact, "role", role);
  sec_store_save (store, contact, &error);
  g_assert_no_error (error);
}

static void
assert_rejected (SecCsvReport *report,
                 guint         index,
                 guint         row,
                 const char   *reason_part)
{
  SecCsvRejection *rejection;

  g_assert_cmpuint (index, <, report->rejected->len);
  rejection = g_ptr_array_index (report->rejected, index);
  g_assert_cmpuint (rejection->row, ==, row);
  g_assert_nonnull (strstr (rejection->reason, reason_part));
}

/* Tests: reading */

static void
test_targets (void)
{
  const char *const *targets = sec_csv_targets ();

  g_assert_cmpstr (targets[0], ==, "id");
  g_assert_cmpstr (targets[1], ==, "name");
  g_assert_true (g_strv_contains (targets, "dues_amount"));
  g_assert_true (g_strv_contains (targets, "contact_name"));
  g_assert_true (g_strv_contains (targets, "contact_is_primary"));
  g_assert_false (g_strv_contains (targets, "contact_member_id"));
  g_assert_true (targets == sec_csv_targets ());
}

static void
test_bom (Fixture       *f,
          gconstpointer  data)
{
  const char *text = "name,kind,country\r\nCoop A,cooperative,TH\r\n";
  g_autofree char *with_bom = g_strconcat (BOM, text, NULL);
  g_autofree char *path = write_csv (f, "bom.csv", with_bom, -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = sec_csv_read_header (path, &error);
  g_autoptr(SecCsvReport) first = NULL;
  g_autoptr(SecCsvReport) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (header[0], ==, "name");
  g_assert_cmpuint (g_strv_length (header), ==, 3);

  first = import_ok (f, with_bom, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (first->imported, ==, 1);
  g_assert_true (first->committed);
  second = import_ok (f, "name,kind,country\nCoop B,ngo,KH\n", NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (second->imported, ==, 1);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 2);
}

static void
test_semicolon (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) member = NULL;

  report = import_ok (f,
                      "name;kind;country;sdgs;dues_amount;dues_currency\n"
                      "Coop, Semicolon;cooperative;FR;1,8;1500.00;EUR\n",
                      NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, 1);
  member = find_member (f->store, "Coop, Semicolon", "FR");
  g_assert_cmpstr (sec_record_get (member, "sdgs"), ==, "1,8");
  g_assert_cmpstr (sec_record_get (member, "dues_amount"), ==, "150000");
  g_assert_cmpstr (sec_record_get (member, "dues_currency"), ==, "EUR");
}

static void
test_quoting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) member = NULL;

  report = import_ok (f,
                      "name,kind,country,notes\r\n"
                      "\"Alliance, \"\"Solidarity\"\" Network\",association,PH,\"Line one\nline two, \"\"quoted\"\"\"\r\n"
                      "\r\n"
                      ",,,\r\n"
                      "Short row,ngo,MY\r\n",
                      NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->rejected->len, ==, 0);
  member = find_member (f->store, "Alliance, \"Solidarity\" Network", "PH");
  g_assert_cmpstr (sec_record_get (member, "notes"), ==, "Line one\nline two, \"quoted\"");
  g_clear_object (&member);
  member = find_member (f->store, "Short row", "MY");
  g_assert_null (sec_record_get (member, "notes"));
}

static void
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *name, *country, *city; } members[] = {
    { "เครือข่ายวิสาหกิจเพื่อสังคม", "TH", "กรุงเทพมหานคร" },
    { "បណ្តាញសេដ្ឋកិច្ចសង្គម", "KH", "ភ្នំពេញ" },
    { "လူမှုစီးပွားရေးကွန်ရက်", "MM", "ရန်ကုန်" },
    { "Hợp tác xã Nông nghiệp Đồng Tháp", "VN", "Cao Lãnh" },
  };
  g_autoptr(GString) text = g_string_new ("name,kind,country,city\n");
  g_autoptr(SecCsvReport) report = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_string_append_printf (text, "%s,social_enterprise,%s,%s\n", members[i].name, members[i].country, members[i].city);
  report = import_ok (f, text->str, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(SecRecord) member = find_member (f->store, members[i].name, members[i].country);
      g_assert_cmpstr (sec_record_get (member, "name"), ==, members[i].name);
      g_assert_cmpstr (sec_record_get (member, "city"), ==, members[i].city);
    }
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) member = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  report = import_ok (f,
                      "name,kind,country,contact_name,contact_role,contact_email,contact_is_primary\n"
                      "Coop A,cooperative,ID,Siti,Chair,siti@example.org,yes\n"
                      "Coop B,ngo,ID,,,,\n"
                      "coop a,cooperative,Indonesia,Budi,Treasurer,,no\n"
                      "COOP A,cooperative,ID,Dewi,,dewi@example.org,\n",
                      NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 2);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_contact), ==, 3);

  member = find_member (f->store, "Coop A", "ID");
  contacts = contacts_of (f->store, member);
  g_assert_cmpuint (contacts->len, ==, 3);
  g_assert_cmpstr (contact_value (contacts, 0, "name"), ==, "Siti");
  g_assert_cmpstr (contact_value (contacts, 0, "is_primary"), ==, "1");
  g_assert_cmpstr (contact_value (contacts, 1, "role"), ==, "Treasurer");
  g_assert_cmpstr (contact_value (contacts, 1, "is_primary"), ==, "0");
  g_assert_cmpstr (contact_value (contacts, 2, "email"), ==, "dewi@example.org");
}

/* Tests: duplicates */

static const char duplicates_csv[] =
  "name,kind,country,city,email,contact_name,contact_role\n"
  "coop ALPHA,cooperative,TH,New city,,Anong,Director\n"       /* same name and country */
  "Coop Alpha,cooperative,TH,,,Somchai,Treasurer\n"           /* same member again */
  "Beta renamed,ngo,LA,,beta@example.org,,\n"                   /* same email */
  "Gamma,association,VN,Hue,,Lan,Chair\n";                      /* new */

static void
add_duplicates (Fixture *f)
{
  g_autofree char *alpha = save_member (f->store, "Coop Alpha", "TH", NULL);
  g_autofree char *beta = save_member (f->store, "Beta", "LA", "beta@example.org");

  save_contact (f->store, alpha, "ANONG", "Member");
}

static void
test_duplicates_skip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) alpha = NULL;

  add_duplicates (f);
  report = import_ok (f, duplicates_csv, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->skipped, ==, 2);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 3);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_contact), ==, 2);
  alpha = find_member (f->store, "Coop Alpha", "TH");
  g_assert_cmpstr (sec_record_get (alpha, "city"), ==, "Old city");
}

static void
test_duplicates_update (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) alpha = NULL;
  g_autoptr(SecRecord) beta = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  add_duplicates (f);
  report = import_ok (f, duplicates_csv, NULL, SEC_CSV_DUPLICATE_UPDATE, FALSE);
  g_assert_cmpuint (report->imported, ==, 1);
  g_assert_cmpuint (report->updated, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 3);

  alpha = find_member (f->store, "coop alpha", "TH");
  g_assert_cmpstr (sec_record_get (alpha, "name"), ==, "coop ALPHA");
  g_assert_cmpstr (sec_record_get (alpha, "city"), ==, "New city");
  contacts = contacts_of (f->store, alpha);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (contact_value (contacts, 0, "name"), ==, "Anong");
  g_assert_cmpstr (contact_value (contacts, 0, "role"), ==, "Director");
  g_assert_cmpstr (contact_value (contacts, 1, "name"), ==, "Somchai");

  /* Empty cells leave the stored values alone. */
  beta = find_member (f->store, "Beta renamed", "LA");
  g_assert_cmpstr (sec_record_get (beta, "city"), ==, "Old city");
  g_assert_cmpstr (sec_record_get (beta, "kind"), ==, "ngo");
}

static void
test_duplicates_create (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;

  add_duplicates (f);
  report = import_ok (f, duplicates_csv, NULL, SEC_CSV_DUPLICATE_CREATE, FALSE);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 5);
  /* The stored contact, and three from the file: Somchai joins the new Alpha. */
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_contact), ==, 4);
}

static void
test_duplicate_ids (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = save_member (f->store, "Delta", "KE", NULL);
  g_autofree char *text = g_strdup_printf ("id,name,kind,country,city\n"
                                           "%s,Delta Union,cooperative,KE,Nairobi\n"
                                           "not-a-uuid,Epsilon,ngo,UG,\n",
                                           id);
  g_autoptr(SecCsvReport) report = import_ok (f, text, NULL, SEC_CSV_DUPLICATE_UPDATE, FALSE);
  g_autoptr(SecRecord) delta = NULL;
  g_autoptr(SecRecord) epsilon = NULL;

  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->imported, ==, 1);
  delta = sec_store_load (f->store, &sec_entity_member, id, NULL);
  g_assert_cmpstr (sec_record_get (delta, "name"), ==, "Delta Union");
  g_assert_cmpstr (sec_record_get (delta, "city"), ==, "Nairobi");
  epsilon = find_member (f->store, "Epsilon", "UG");
  g_assert_true (g_uuid_string_is_valid (sec_record_get_id (epsilon)));
}

/* Tests: bad rows */

static void
test_rejected (Fixture       *f,
               gconstpointer  data)
{
  static const struct { const char *row; const char *reason; } bad[] = {
    { "Bad country,ngo,Atlantis,,", "Country: “Atlantis” is not a known country" },
    { "Bad email,ngo,TH,not-an-email,", "Email: " },
    { "Bad date,ngo,TH,,2024-02-30", "Joined on: " },
    { ",ngo,TH,,", "Name is required" },
  };
  g_autofree char *name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("name,kind,country,email,joined_on\n"
                                               "Good one,cooperative,TH,,2020-01-15\n"
                                               "%s\n"
                                               "Good two,ngo,VN,two@example.org,\n",
                                               bad[i].row);
      g_autoptr(SecCsvReport) report = import_ok (f, text, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
      g_autoptr(SecCsvReport) partial = NULL;

      g_assert_false (report->committed);
      g_assert_cmpuint (report->rejected->len, ==, 1);
      g_assert_cmpuint (report->imported, ==, 2);
      assert_rejected (report, 0, 3, bad[i].reason);
      g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);

      partial = import_ok (f, text, NULL, SEC_CSV_DUPLICATE_SKIP, TRUE);
      g_assert_true (partial->committed);
      g_assert_cmpuint (partial->imported, ==, 2);
      assert_rejected (partial, 0, 3, bad[i].reason);
      g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 2);

      g_clear_object (&f->store);
      g_free (name);
      name = g_strdup_printf ("store-%u.db", i);
      f->store = open_store (f, name);
    }
}

static void
test_bad_contact (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;

  /* A contact without a name rejects the whole row, member included. */
  report = import_ok (f,
                      "name,kind,country,contact_name,contact_email\n"
                      "Coop A,cooperative,TH,,a@example.org\n",
                      NULL, SEC_CSV_DUPLICATE_SKIP, TRUE);
  assert_rejected (report, 0, 2, "Contact: Name is required");
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);
}

static void
test_unclosed_quote (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_csv (f, "in.csv",
                                     "name,kind,country\n"
                                     "Coop A,cooperative,TH\n"
                                     "\"Coop B,ngo,TH\n"
                                     "Coop C,ngo,TH\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = sec_csv_import (f->store, path, NULL, SEC_CSV_DUPLICATE_SKIP, TRUE,
                                                   NULL, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "3"));
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);

  g_clear_error (&error);
  import_fails (f, "name,kind,country\nCoop \"A\" x,ngo,TH\n", -1, SEC_CSV_ERROR_MALFORMED);
}

static void
test_bad_text (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SecCsvReport) report = NULL;

  report = import_ok (f,
                      "name,kind,country\n"
                      "Caf\xe9 Latin-1,cooperative,FR\n"
                      "Too many,ngo,TH,extra\n"
                      "Trailing empty cell,ngo,TH,\n"
                      "Fine,ngo,TH\n",
                      NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_false (report->committed);
  g_assert_cmpuint (report->rejected->len, ==, 2);
  assert_rejected (report, 0, 2, "UTF-8");
  assert_rejected (report, 1, 3, "4 cells");
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpint (sec_store_count (f->store, &sec_entity_member), ==, 0);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_csv (f, "empty.csv", "", 0);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = sec_csv_read_header (path, &error);
  g_autoptr(SecCsvReport) report = NULL;

  g_assert_null (header);
  g_assert_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_EMPTY);
  import_fails (f, "", 0, SEC_CSV_ERROR_EMPTY);
  import_fails (f, BOM "\r\n\r\n", -1, SEC_CSV_ERROR_EMPTY);

  /* A header alone is an import of nothing. */
  report = import_ok (f, "name,kind,country\n", NULL, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->imported, ==, 0);
}

static void
test_no_name (Fixture       *f,
              gconstpointer  data)
{
  import_fails (f, "Title,kind,country\nCoop,ngo,TH\n", -1, SEC_CSV_ERROR_NO_NAME);
}

/* Tests: mapping */

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  const char *const mapping[] = { "name", "", "country", "kind", "contact_name", NULL };
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) member = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  report = import_ok (f,
                      "Organisation,Remarks,Land,Art,Person\n"
                      "Genossenschaft Süd,ignore me,Germany,Cooperative,Jörg\n",
                      mapping, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, 1);
  member = find_member (f->store, "Genossenschaft Süd", "DE");
  g_assert_cmpstr (sec_record_get (member, "kind"), ==, "cooperative");
  g_assert_null (sec_record_get (member, "notes"));
  contacts = contacts_of (f->store, member);
  g_assert_cmpstr (contact_value (contacts, 0, "name"), ==, "Jörg");
}

static void
test_guess_mapping (void)
{
  const char *const header[] = {
    "Name", "ID", "Country", "Joined on", "joined-on", "Dues", "Currency",
    "Sustainable Development Goals", "Contact Email", "contact name", "Contact Primary contact",
    " KIND ", "Email", "Name", "Remarks", "", NULL
  };
  const char *const expected[] = {
    "name", "id", "country", "joined_on", "", "dues_amount", "dues_currency",
    "sdgs", "contact_email", "contact_name", "contact_is_primary",
    "kind", "email", "", "notes", "", NULL
  };
  const char *const common[] = { "Organisation", "E-mail", "Contact person", "Type", "Town", NULL };
  const char *const common_expected[] = { "name", "email", "contact_name", "kind", "city", NULL };
  g_auto(GStrv) mapping = sec_csv_guess_mapping (header);
  g_auto(GStrv) common_mapping = sec_csv_guess_mapping (common);

  g_assert_cmpstrv (mapping, expected);
  /* Headings spreadsheets commonly use. */
  g_assert_cmpstrv (common_mapping, common_expected);
}

/* Tests: export */

static SecRecord *
new_member (const char *const *values)
{
  SecRecord *member = sec_record_new (&sec_entity_member);

  for (guint i = 0; values[i] != NULL; i += 2)
    sec_record_set (member, values[i], values[i + 1]);
  return member;
}

static void
fill_store (SecStore *store)
{
  const char *const formula[] = {
    "name", "=HYPERLINK(\"http://evil.example\")", "acronym", "-EVIL", "kind", "national_network",
    "country", "MY", "city", "Kuala Lumpur", "website", "https://example.org", "email", "info@example.org",
    "phone", "+60 3 1234", "joined_on", "2019-03-01", "approved_on", "2019-04-01",
    "dues_amount", "15000", "dues_currency", "USD", "dues_paid_until", "2025-12-31",
    "status_override", "suspended", "status_reason", "@board: unpaid, \"twice\"", "sdgs", "1,8,17",
    "notes", "First line\r\nsecond; line\n'=not a formula", NULL
  };
  const char *const yen[] = {
    "name", "日本協同組合連携機構", "kind", "cooperative", "country", "JP",
    "dues_amount", "5000", "dues_currency", "JPY", "sdgs", "5", NULL
  };
  const char *const thai[] = {
    "name", "เครือข่ายวิสาหกิจเพื่อสังคม", "kind", "social_enterprise", "country", "TH", NULL
  };
  const char *const gone[] = { "name", "Deleted member", "kind", "ngo", "country", "FR", NULL };
  const char *const *all[] = { formula, yen, thai, gone };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(SecRecord) member = new_member (all[i]);

      sec_store_save (store, member, &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          save_contact (store, sec_record_get_id (member), "+Anwar", "Chair");
          save_contact (store, sec_record_get_id (member), "Mei Ling", "Secretary, \"acting\"");
        }
      if (i == 1)
        save_contact (store, sec_record_get_id (member), "山田 花子", NULL);
      if (i == 3)
        sec_store_delete (store, &sec_entity_member, sec_record_get_id (member), &error);
      g_assert_no_error (error);
    }
}

static void
assert_same_contacts (SecStore  *a,
                      SecStore  *b,
                      SecRecord *member)
{
  g_autoptr(GPtrArray) from = contacts_of (a, member);
  g_autoptr(GPtrArray) to = contacts_of (b, member);

  g_assert_cmpuint (from->len, ==, to->len);
  for (guint i = 0; i < from->len; i++)
    {
      /* Contacts get new ids: compare everything else. */
      g_autoptr(SecRecord) copy = sec_record_copy (g_ptr_array_index (to, i));

      sec_record_set_id (copy, sec_record_get_id (g_ptr_array_index (from, i)));
      g_assert_true (sec_record_equal (g_ptr_array_index (from, i), copy));
    }
}

static void
assert_exported (const char *text)
{
  const char *formula = strstr (text, "\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
  const char *thai = strstr (text, "เครือข่าย");
  const char *japanese = strstr (text, "日本");

  g_assert_true (g_str_has_prefix (text, BOM "id,name,acronym,kind,"));
  g_assert_nonnull (strstr (text, ",contact_name,contact_role,contact_email,contact_phone,contact_is_primary\r\n"));
  g_assert_nonnull (strstr (text, ",'+60 3 1234,"));
  g_assert_nonnull (strstr (text, ",'-EVIL,"));
  g_assert_nonnull (strstr (text, ",\"'@board: unpaid, \"\"twice\"\"\","));
  g_assert_nonnull (strstr (text, ",'+Anwar,"));
  g_assert_nonnull (strstr (text, ",150.00,USD,"));
  g_assert_nonnull (strstr (text, ",5000,JPY,"));
  g_assert_nonnull (strstr (text, ",\"1,8,17\","));
  g_assert_null (strstr (text, "Deleted member"));
  /* By name; the member with two contacts on two rows. */
  g_assert_true (formula != NULL && formula < thai && thai < japanese);
  g_assert_nonnull (strstr (formula + 1, "\"'=HYPERLINK("));
  g_assert_true (g_str_has_suffix (text, ",,,,\r\n"));
}

static void
assert_copied (SecStore *from,
               SecStore *to)
{
  g_autoptr(SecQueryModel) members = sec_query_model_new (from, &sec_entity_member);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (members));

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (sec_store_count (to, &sec_entity_member), ==, 3);
  g_assert_cmpint (sec_store_count (to, &sec_entity_contact), ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SecRecord) member = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_autoptr(GError) error = NULL;
      g_autoptr(SecRecord) copied = sec_store_load (to, &sec_entity_member, sec_record_get_id (member), &error);

      g_assert_no_error (error);
      g_assert_true (sec_record_equal (member, copied));
      assert_same_contacts (from, to, member);
    }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr(SecStore) copy = open_store (f, "copy.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = NULL;
  g_autofree char *text = NULL;

  fill_store (f->store);
  g_assert_true (sec_csv_export (f->store, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  assert_exported (text);

  report = sec_csv_import (copy, path, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->rejected->len, ==, 0);
  g_assert_true (report->committed);
  assert_copied (f->store, copy);

  /* Again into the same store: every member is a duplicate by id. */
  g_clear_pointer (&report, sec_csv_report_free);
  report = sec_csv_import (copy, path, NULL, SEC_CSV_DUPLICATE_UPDATE, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 0);
  g_assert_cmpuint (report->updated, ==, 3);
  assert_copied (f->store, copy);
}

static void
test_export_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "missing", "export.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sec_csv_export (f->store, path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;
  g_array_append_val (fractions, fraction);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("name,kind,country\n");
  g_autofree char *path = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = NULL;

  for (guint i = 0; i < 2500; i++)
    g_string_append_printf (text, "Member %u,ngo,TH,\n", i);
  path = write_csv (f, "big.csv", text->str, -1);
  report = sec_csv_import (f->store, path, NULL, SEC_CSV_DUPLICATE_SKIP, FALSE, on_progress, fractions, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported, ==, 2500);
  g_assert_cmpuint (fractions->len, ==, 3);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (fractions, double, 2), ==, 1.0);
}

/* Tests: participants */

#define FORUM_STARTS     "2015-04-25"   /* the sample's forum, with participants */
#define ASSEMBLY_STARTS  "2024-01-29"   /* the sample's assembly, without */
#define PARTICIPANT_HEADER "id,name,organisation,country,role,voting_delegate,registered_on,attended,certificate_issued"

static char *
sample_event (Fixture    *f,
              const char *starts_on)
{
  char *id = sec_store_find_id (f->store, &sec_entity_event, "starts_on", starts_on, NULL, NULL);

  g_assert_nonnull (id);
  return id;
}

static void
load_sample (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (sec_store_load_sample (f->store, &error), >, 0);
  g_assert_no_error (error);
}

static SecCsvReport *
import_participants (Fixture           *f,
                     const char        *event_id,
                     const char        *text,
                     SecCsvDuplicates   duplicates,
                     gboolean           accept_partial)
{
  g_autofree char *path = write_csv (f, "participants.csv", text, -1);
  g_autoptr(GError) error = NULL;
  SecCsvReport *report = sec_csv_import_for (f->store, &sec_entity_participant, event_id, path, NULL,
                                             duplicates, accept_partial, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
count_participants (Fixture    *f,
                    const char *event_id)
{
  g_autoptr(GPtrArray) participants = sec_store_load_children (f->store, &sec_entity_participant, event_id);
  return participants->len;
}

static SecRecord *
find_participant (Fixture    *f,
                  const char *event_id,
                  const char *name)
{
  g_autofree char *id = sec_store_find_id (f->store, &sec_entity_participant, "event_id", event_id, "name", name);
  g_autoptr(GError) error = NULL;
  SecRecord *participant;

  g_assert_nonnull (id);
  participant = sec_store_load (f->store, &sec_entity_participant, id, &error);
  g_assert_no_error (error);
  return participant;
}

static void
assert_participant (Fixture           *f,
                    const char        *event_id,
                    const char *const *values)
{
  g_autoptr(SecRecord) participant = find_participant (f, event_id, values[1]);

  for (guint i = 0; values[i] != NULL; i += 2)
    g_assert_cmpstr (sec_record_get (participant, values[i]), ==, values[i + 1]);
}

static void
test_participant_targets (void)
{
  const char *const expected[] = {
    "id", "name", "organisation", "country", "role", "voting_delegate", "registered_on", "attended",
    "certificate_issued", NULL
  };
  const char *const header[] = {
    "Full name", "Organization", "Country", "Role", "Voting", "Registered", "Checked in",
    "Certificate issued", "Event", "event_id", "Email", NULL
  };
  const char *const guessed[] = {
    "name", "organisation", "country", "role", "voting_delegate", "registered_on", "attended",
    "certificate_issued", "", "", "", NULL
  };
  const char *const other[] = { "Name", "org", "Voting delegate", "Present", "Registered on", NULL };
  const char *const other_guessed[] = { "name", "organisation", "voting_delegate", "attended", "registered_on", NULL };
  const char *const *targets = sec_csv_targets_for (&sec_entity_participant);
  g_auto(GStrv) mapping = sec_csv_guess_mapping_for (&sec_entity_participant, header);
  g_auto(GStrv) other_mapping = sec_csv_guess_mapping_for (&sec_entity_participant, other);
  g_auto(GStrv) member_mapping = sec_csv_guess_mapping (other);

  g_assert_cmpstrv (targets, expected);
  g_assert_true (targets == sec_csv_targets_for (&sec_entity_participant));
  g_assert_true (sec_csv_targets_for (&sec_entity_member) == sec_csv_targets ());
  g_assert_cmpstrv (mapping, guessed);
  g_assert_cmpstrv (other_mapping, other_guessed);
  /* The participants' headings are not the members'. */
  g_assert_cmpstr (member_mapping[1], ==, "");
}

/* A spreadsheet from a locale with a decimal comma: BOM, semicolons,
 * labels and names rather than the stored values. */
static const char participants_csv[] =
  BOM "Name;Organisation;Country;Role;Voting delegate;Attended;Registered on\r\n"
  "สมชาย ใจดี;เครือข่ายวิสาหกิจเพื่อสังคม;Thailand;Speaker;yes;no;2015-04-01\r\n"
  "សុខ ចាន់ថា;\"បណ្តាញ; សេដ្ឋកិច្ចសង្គម\";Cambodia;delegate;no;yes;\r\n"
  "Nguyễn Thị Hoa;Hợp tác xã Nông nghiệp Đồng Tháp;Viet Nam;Moderator;Yes;YES;\r\n";

static void
test_participant_import (Fixture       *f,
                         gconstpointer  data)
{
  const char *const thai[] = {
    "name", "สมชาย ใจดี", "organisation", "เครือข่ายวิสาหกิจเพื่อสังคม", "country", "TH", "role", "speaker",
    "voting_delegate", "1", "attended", "0", "registered_on", "2015-04-01", "certificate_issued", NULL, NULL
  };
  const char *const khmer[] = {
    "name", "សុខ ចាន់ថា", "organisation", "បណ្តាញ; សេដ្ឋកិច្ចសង្គម", "country", "KH", "role", "delegate",
    "voting_delegate", "0", "attended", "1", NULL
  };
  const char *const vietnamese[] = {
    "name", "Nguyễn Thị Hoa", "country", "VN", "role", "moderator", "voting_delegate", "1", "attended", "1", NULL
  };
  g_autofree char *forum = NULL;
  g_autoptr(SecCsvReport) report = NULL;
  gint64 before;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  before = count_participants (f, forum);
  report = import_participants (f, forum, participants_csv, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->imported, ==, 3);
  g_assert_cmpuint (report->rejected->len, ==, 0);
  g_assert_cmpint (count_participants (f, forum), ==, before + 3);
  assert_participant (f, forum, thai);
  assert_participant (f, forum, khmer);
  assert_participant (f, forum, vietnamese);
}

static void
test_participant_rejected (Fixture       *f,
                           gconstpointer  data)
{
  static const struct { const char *row; const char *reason; } bad[] = {
    { "Bad role,Keynote,TH", "Role: “Keynote” is not a known choice" },
    { "Bad country,Speaker,Atlantis", "Country: “Atlantis” is not a known country" },
    { "No role,,TH", "Role is required" },
  };
  g_autofree char *forum = NULL;
  gint64 before;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  before = count_participants (f, forum);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("name,role,country\n"
                                               "Good one,speaker,TH\n"
                                               "%s\n"
                                               "Good two,Observer,KH\n",
                                               bad[i].row);
      g_autoptr(SecCsvReport) report = import_participants (f, forum, text, SEC_CSV_DUPLICATE_SKIP, FALSE);

      g_assert_false (report->committed);
      g_assert_cmpuint (report->imported, ==, 2);
      g_assert_cmpuint (report->rejected->len, ==, 1);
      assert_rejected (report, 0, 3, bad[i].reason);
      g_assert_cmpint (count_participants (f, forum), ==, before);
    }
}

static void
test_participant_partial (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *forum = NULL;
  g_autoptr(SecCsvReport) report = NULL;
  gint64 before;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  before = count_participants (f, forum);
  report = import_participants (f, forum, "name,role\nGood one,speaker\nBad one,keynote\n",
                                SEC_CSV_DUPLICATE_SKIP, TRUE);
  g_assert_true (report->committed);
  g_assert_cmpuint (report->imported, ==, 1);
  assert_rejected (report, 0, 3, "Role: ");
  g_assert_cmpint (count_participants (f, forum), ==, before + 1);
}

/* Elaine Tan is a speaker at the sample's forum. */
static const char elaine_csv[] =
  "name,organisation,role,attended\n"
  "ELAINE TAN,ASEAN Foundation,Organiser,no\n"
  "Sok Chantha,,delegate,\n"
  "sok chantha,,observer,\n";   /* the same participant again */

static void
test_participant_duplicates (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *forum = NULL;
  g_autoptr(SecCsvReport) skip = NULL;
  g_autoptr(SecCsvReport) update = NULL;
  g_autoptr(SecRecord) elaine = NULL;
  g_autoptr(SecRecord) sok = NULL;
  gint64 before;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  before = count_participants (f, forum);

  skip = import_participants (f, forum, elaine_csv, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (skip->imported, ==, 1);
  g_assert_cmpuint (skip->skipped, ==, 1);
  g_assert_cmpint (count_participants (f, forum), ==, before + 1);
  elaine = find_participant (f, forum, "Elaine Tan");
  g_assert_cmpstr (sec_record_get (elaine, "role"), ==, "speaker");
  g_assert_cmpstr (sec_record_get (elaine, "attended"), ==, "1");
  sok = find_participant (f, forum, "Sok Chantha");
  g_assert_cmpstr (sec_record_get (sok, "role"), ==, "delegate");

  update = import_participants (f, forum, elaine_csv, SEC_CSV_DUPLICATE_UPDATE, FALSE);
  g_assert_cmpuint (update->imported, ==, 0);
  g_assert_cmpuint (update->updated, ==, 2);
  g_assert_cmpint (count_participants (f, forum), ==, before + 1);
  g_clear_object (&elaine);
  elaine = find_participant (f, forum, "Elaine Tan");
  g_assert_cmpstr (sec_record_get (elaine, "name"), ==, "ELAINE TAN");
  g_assert_cmpstr (sec_record_get (elaine, "role"), ==, "organiser");
  g_assert_cmpstr (sec_record_get (elaine, "attended"), ==, "0");
  /* Empty cells leave the stored values alone. */
  g_assert_cmpstr (sec_record_get (elaine, "country"), ==, "ID");
}

static void
test_participant_other_event (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *forum = NULL;
  g_autofree char *assembly = NULL;
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(SecRecord) elaine = NULL;
  g_autoptr(SecRecord) copy = NULL;
  gint64 before;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  assembly = sample_event (f, ASSEMBLY_STARTS);
  before = count_participants (f, forum);

  report = import_participants (f, assembly, elaine_csv, SEC_CSV_DUPLICATE_SKIP, FALSE);
  g_assert_cmpuint (report->imported, ==, 2);
  g_assert_cmpuint (report->skipped, ==, 0);
  g_assert_cmpint (count_participants (f, assembly), ==, 2);
  g_assert_cmpint (count_participants (f, forum), ==, before);
  elaine = find_participant (f, forum, "Elaine Tan");
  copy = find_participant (f, assembly, "Elaine Tan");
  g_assert_cmpstr (sec_record_get (elaine, "role"), ==, "speaker");
  g_assert_cmpstr (sec_record_get (copy, "role"), ==, "organiser");
  g_assert_cmpstr (sec_record_get (copy, "event_id"), ==, assembly);
}

static void
test_participant_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_csv (f, "participants.csv", "organisation,role\nCoop,speaker\n", -1);
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *forum = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCsvReport) report = NULL;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  report = sec_csv_import_for (f->store, &sec_entity_participant, forum, path, NULL,
                               SEC_CSV_DUPLICATE_SKIP, TRUE, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_NO_NAME);
  g_clear_error (&error);

  /* The event has to be there, or its participants would be lost. */
  report = sec_csv_import_for (f->store, &sec_entity_participant, "no-such-event", path, NULL,
                               SEC_CSV_DUPLICATE_SKIP, TRUE, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sec_csv_export_for (f->store, &sec_entity_participant, "no-such-event", out, &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
add_formula_participant (Fixture    *f,
                         const char *event_id)
{
  g_autoptr(SecRecord) participant = sec_record_new (&sec_entity_participant);
  g_autoptr(GError) error = NULL;

  sec_record_set (participant, "event_id", event_id);
  sec_record_set (participant, "name", "@Mallory");
  sec_record_set (participant, "organisation", "=HYPERLINK(\"http://evil.example\")");
  sec_record_set (participant, "role", "observer");
  sec_record_set (participant, "certificate_issued", "1");
  sec_store_save (f->store, participant, &error);
  g_assert_no_error (error);
}

static void
assert_participants_exported (const char *text)
{
  const char *header = BOM PARTICIPANT_HEADER "\r\n";
  const char *first_row = text + strlen (header);
  const char *elaine = strstr (text, ",Elaine Tan,");
  const char *thai = strstr (text, ",สมชาย ใจดี,");

  g_assert_true (g_str_has_prefix (text, header));
  g_assert_null (strstr (text, "event_id"));
  /* By name: "@" sorts before letters, Thai after Latin. The first row
   * starts with the participant's id, 36 characters. */
  g_assert_true (g_str_has_prefix (first_row + 36,
                                   ",'@Mallory,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,observer,,,,1\r\n"));
  g_assert_true (elaine != NULL && thai != NULL && elaine < thai);
  g_assert_nonnull (strstr (text, ",สมชาย ใจดี,เครือข่ายวิสาหกิจเพื่อสังคม,TH,speaker,1,2015-04-01,0,\r\n"));
  g_assert_nonnull (strstr (text, ",បណ្តាញ; សេដ្ឋកិច្ចសង្គម,KH,delegate,0,,1,\r\n"));
}

/* The participants of @to are those of @from with ids of their own. */
static void
assert_same_participants (Fixture    *f,
                          const char *from,
                          const char *to)
{
  g_autoptr(GPtrArray) originals = sec_store_load_children (f->store, &sec_entity_participant, from);
  g_autoptr(GPtrArray) copies = sec_store_load_children (f->store, &sec_entity_participant, to);

  g_assert_cmpuint (originals->len, ==, copies->len);
  for (guint i = 0; i < originals->len; i++)
    {
      SecRecord *original = g_ptr_array_index (originals, i);
      g_autoptr(SecRecord) copy = find_participant (f, to, sec_record_get (original, "name"));

      g_assert_cmpstr (sec_record_get_id (copy), !=, sec_record_get_id (original));
      sec_record_set_id (copy, sec_record_get_id (original));
      sec_record_set (copy, "event_id", from);
      g_assert_true (sec_record_equal (original, copy));
    }
}

static void
test_participant_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "participants-export.csv", NULL);
  g_autofree char *forum = NULL;
  g_autofree char *assembly = NULL;
  g_autofree char *text = NULL;
  g_autoptr(SecCsvReport) first = NULL;
  g_autoptr(SecCsvReport) copied = NULL;
  g_autoptr(SecCsvReport) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  load_sample (f);
  forum = sample_event (f, FORUM_STARTS);
  assembly = sample_event (f, ASSEMBLY_STARTS);
  first = import_participants (f, forum, participants_csv, SEC_CSV_DUPLICATE_SKIP, FALSE);
  add_formula_participant (f, forum);
  n = count_participants (f, forum);

  g_assert_true (sec_csv_export_for (f->store, &sec_entity_participant, forum, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  assert_participants_exported (text);

  /* Into another event: new participants, the forum's left where they are. */
  copied = sec_csv_import_for (f->store, &sec_entity_participant, assembly, path, NULL,
                               SEC_CSV_DUPLICATE_SKIP, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copied->imported, ==, (guint) n);
  g_assert_cmpuint (copied->rejected->len, ==, 0);
  g_assert_cmpint (count_participants (f, forum), ==, n);
  assert_same_participants (f, forum, assembly);

  /* Into the same event again: every row is a participant there by id. */
  again = sec_csv_import_for (f->store, &sec_entity_participant, forum, path, NULL,
                              SEC_CSV_DUPLICATE_UPDATE, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->imported, ==, 0);
  g_assert_cmpuint (again->updated, ==, (guint) n);
  assert_same_participants (f, forum, assembly);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/csv/targets", test_targets);
  g_test_add_func ("/csv/guess-mapping", test_guess_mapping);
  ADD ("/csv/bom", test_bom);
  ADD ("/csv/semicolon", test_semicolon);
  ADD ("/csv/quoting", test_quoting);
  ADD ("/csv/scripts", test_scripts);
  ADD ("/csv/contacts", test_contacts);
  ADD ("/csv/duplicates/skip", test_duplicates_skip);
  ADD ("/csv/duplicates/update", test_duplicates_update);
  ADD ("/csv/duplicates/create", test_duplicates_create);
  ADD ("/csv/duplicates/ids", test_duplicate_ids);
  ADD ("/csv/rejected/values", test_rejected);
  ADD ("/csv/rejected/contact", test_bad_contact);
  ADD ("/csv/rejected/text", test_bad_text);
  ADD ("/csv/malformed/unclosed-quote", test_unclosed_quote);
  ADD ("/csv/malformed/empty", test_empty);
  ADD ("/csv/malformed/no-name", test_no_name);
  ADD ("/csv/mapping", test_mapping);
  ADD ("/csv/export/round-trip", test_round_trip);
  ADD ("/csv/export/error", test_export_error);
  ADD ("/csv/progress", test_progress);
  g_test_add_func ("/csv/participants/targets", test_participant_targets);
  ADD ("/csv/participants/import", test_participant_import);
  ADD ("/csv/participants/rejected", test_participant_rejected);
  ADD ("/csv/participants/partial", test_participant_partial);
  ADD ("/csv/participants/duplicates", test_participant_duplicates);
  ADD ("/csv/participants/other-event", test_participant_other_event);
  ADD ("/csv/participants/errors", test_participant_errors);
  ADD ("/csv/participants/round-trip", test_participant_round_trip);
#undef ADD

  return g_test_run ();
}
