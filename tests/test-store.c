/* test-store.c: records in and out of SQLite, migrations, transactions */

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sec-csv.h"
#include "sec-field.h"
#include "sec-json.h"
#include "sec-query-model.h"
#include "sec-store-private.h"
#include "sec-store.h"
#include "sec-test-util.h"

typedef struct {
  guint  count;
  char  *last_id;
  const SecEntity *last_entity;
} ChangeLog;

static void
on_changed (SecStore        *store,
            const SecEntity *entity,
            const char      *id,
            ChangeLog       *log)
{
  log->count++;
  log->last_entity = entity;
  g_free (log->last_id);
  log->last_id = g_strdup (id);
}

static void
test_crud (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) member = sec_test_member ("Asian Solidarity Economy Council", "MY", "continental_network");
  g_autoptr(SecRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  ChangeLog log = { 0, };

  g_signal_connect (store, "changed::member", G_CALLBACK (on_changed), &log);
  sec_record_set (member, "acronym", "ASEC");
  sec_record_set (member, "sdgs", "1,8,17");
  g_assert_true (sec_store_save (store, member, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_cmpstr (log.last_id, ==, sec_record_get_id (member));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);

  loaded = sec_store_load (store, &sec_entity_member, sec_record_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_true (sec_record_equal (member, loaded));
  g_assert_nonnull (sec_record_get_updated_at (loaded));

  sec_record_set (loaded, "city", "Kuala Lumpur");
  g_assert_true (sec_store_save (store, loaded, &error));
  g_clear_object (&member);
  member = sec_store_load (store, &sec_entity_member, sec_record_get_id (loaded), &error);
  g_assert_cmpstr (sec_record_get (member, "city"), ==, "Kuala Lumpur");
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
  g_assert_cmpuint (log.count, ==, 2);

  g_assert_true (sec_store_delete (store, &sec_entity_member, sec_record_get_id (loaded), &error));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 0);
  g_assert_null (sec_store_load (store, &sec_entity_member, sec_record_get_id (loaded), NULL));
  g_assert_false (sec_store_delete (store, &sec_entity_member, sec_record_get_id (loaded), &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (sec_store_restore (store, &sec_entity_member, sec_record_get_id (loaded), &error));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
  g_assert_cmpuint (log.count, ==, 4);
  g_free (log.last_id);
}

static void
test_invalid_not_saved (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) member = sec_test_member ("Koperasi", "XX", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sec_store_save (store, member, &error));
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Country"));
  g_clear_error (&error);

  sec_record_set (member, "country", "ID");
  sec_record_set (member, "email", "not an email");
  g_assert_false (sec_store_save (store, member, &error));
  g_clear_error (&error);

  sec_record_set (member, "email", NULL);
  sec_record_set (member, "name", NULL);
  g_assert_false (sec_store_save (store, member, &error));
  g_assert_nonnull (strstr (error->message, "Name"));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 0);
}

static void
test_children_deleted_and_restored (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) member = sec_test_member ("Vietnam Cooperative Alliance", "VN", "national_network");
  g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
  g_autoptr(SecRecord) old_contact = sec_record_new (&sec_entity_contact);
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_store_save (store, member, &error));
  sec_record_set (old_contact, "member_id", sec_record_get_id (member));
  sec_record_set (old_contact, "name", "Former officer");
  g_assert_true (sec_store_save (store, old_contact, &error));
  g_assert_true (sec_store_delete (store, &sec_entity_contact, sec_record_get_id (old_contact), &error));
  sec_record_set (contact, "member_id", sec_record_get_id (member));
  sec_record_set (contact, "name", "Nguyễn Văn An");
  sec_record_set (contact, "is_primary", "1");
  g_assert_true (sec_store_save (store, contact, &error));
  g_assert_no_error (error);

  g_assert_true (sec_store_delete (store, &sec_entity_member, sec_record_get_id (member), &error));
  g_assert_cmpint (sec_store_count (store, &sec_entity_contact), ==, 0);
  sec_store_restore (store, &sec_entity_member, sec_record_get_id (member), &error);
  g_assert_no_error (error);
  children = sec_store_load_children (store, &sec_entity_contact, sec_record_get_id (member));
  /* The contact deleted on its own earlier stays deleted. */
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_cmpstr (sec_record_get (g_ptr_array_index (children, 0), "name"), ==, "Nguyễn Văn An");
}

/* Values travel to SQLite bound to parameters, never inside the SQL text,
 * where a name like this one would change what the statement does. Every
 * statement the store runs is traced; none may hold the marker "Zqx". */
#define CANARY "Zqx O'Brien\"); DROP TABLE member; --"

static int
on_statement (unsigned  type,
              void     *data,
              void     *stmt,
              void     *sql)
{
  g_autofree char *lower = g_ascii_strdown (sql, -1);

  if (strstr (lower, "zqx") != NULL)
    g_ptr_array_add (data, g_strdup (sql));
  return 0;
}

static void
test_values_never_in_sql (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(SecRecord) member = sec_test_member (CANARY, "MY", NULL);
  g_autoptr(SecRecord) contact = sec_record_new (&sec_entity_contact);
  g_autoptr(GPtrArray) caught = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SecQueryModel) model = NULL;
  g_autoptr(SecCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "canary.csv", NULL);
  g_autofree char *found = NULL;
  g_auto(GStrv) cities = NULL;

  sqlite3_trace_v2 (sec_store_get_db (store), SQLITE_TRACE_STMT, on_statement, caught);
  sec_record_set (member, "acronym", "ZQX'1");
  sec_record_set (member, "city", "Zqx' || '");
  sec_record_set (member, "notes", CANARY);
  g_assert_true (sec_store_save (store, member, &error));
  sec_record_set (contact, "member_id", sec_record_get_id (member));
  sec_record_set (contact, "name", CANARY);
  g_assert_true (sec_store_save (store, contact, &error));
  found = sec_store_find_id (store, &sec_entity_member, "name", CANARY, "country", "MY");
  g_assert_cmpstr (found, ==, sec_record_get_id (member));
  cities = sec_store_distinct (store, &sec_entity_member, "city");

  model = sec_query_model_new (store, &sec_entity_member);
  sec_query_model_set_search (model, "zqx o'brien");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  sec_query_model_set_search (model, "\"); drop");
  sec_query_model_set_filter (model, "country", "MY' OR 'zqx'='zqx");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  g_assert_true (sec_csv_export (store, csv, &error));
  g_assert_true (sec_store_delete (store, &sec_entity_member, sec_record_get_id (member), &error));
  g_assert_true (sec_store_restore (store, &sec_entity_member, sec_record_get_id (member), &error));
  report = sec_csv_import (store, csv, NULL, SEC_CSV_DUPLICATE_UPDATE, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported + report->updated + report->skipped, ==, 1);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);

  for (guint i = 0; i < caught->len; i++)
    g_printerr ("a value in the SQL text: %s\n", (char *) g_ptr_array_index (caught, i));
  g_assert_cmpuint (caught->len, ==, 0);
  /* The trace does catch a statement built with a value in it. */
  g_assert_true (sec_store_exec (store, "SELECT 'Zqx'", &error));
  g_assert_cmpuint (caught->len, ==, 1);
}

static void
test_transaction_rollback (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GError) error = NULL;
  ChangeLog log = { 0, };

  g_signal_connect (store, "changed::member", G_CALLBACK (on_changed), &log);
  g_assert_true (sec_store_begin (store, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cooperative %u", i);
      g_autoptr(SecRecord) member = sec_test_member (name, "PH", NULL);
      g_assert_true (sec_store_save (store, member, &error));
    }
  g_assert_cmpuint (log.count, ==, 0);
  sec_store_rollback (store);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 0);
  g_assert_cmpuint (log.count, ==, 0);

  g_assert_true (sec_store_begin (store, &error));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cooperative %u", i);
      g_autoptr(SecRecord) member = sec_test_member (name, "PH", NULL);
      g_assert_true (sec_store_save (store, member, &error));
    }
  g_assert_true (sec_store_commit (store, &error));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 3);
  /* One notification for the whole transaction, naming no single record. */
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_null (log.last_id);
  g_free (log.last_id);
}

static void
test_file_mode_and_reopen (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&path);
  g_autoptr(SecRecord) member = sec_test_member ("ជាតិ សហគ្រាសសង្គម", "KH", "social_enterprise");
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_true (sec_store_save (store, member, &error));
  /* The file and the log beside it are the user's alone. */
  for (const char *const *suffix = (const char *[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_clear_object (&store);

  store = sec_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sec_store_get_schema_version (store), ==, sec_store_latest_schema_version ());
  g_assert_null (sec_store_get_backup_path (store));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
}

/* A file written by the first schema: migrating it keeps its records, makes
 * them searchable and leaves a backup copy of the old file. */
static void
test_migrate_old_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "old", NULL);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GBytes) migration = NULL;
  g_autoptr(SecStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (SRCDIR "/../src/store/migrations/001-initial.sql", &sql, NULL, &error));
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO member (id, created_at, updated_at, name, kind, country) "
    "VALUES ('m1', '2024-01-29T00:00:00Z', '2024-01-29T00:00:00Z', 'Mạng lưới Kinh tế Đoàn kết', 'national_network', 'VN');"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = sec_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sec_store_get_schema_version (store), ==, sec_store_latest_schema_version ());
  g_assert_nonnull (sec_store_get_backup_path (store));
  g_assert_true (g_file_test (sec_store_get_backup_path (store), G_FILE_TEST_EXISTS));
  {
    struct stat st;

    g_assert_cmpint (g_stat (sec_store_get_backup_path (store), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_cmpuint (sec_store_latest_schema_version (), >=, 3);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
  id = sec_store_find_id (store, &sec_entity_member, "country", "VN", NULL, NULL);
  g_assert_cmpstr (id, ==, "m1");

  /* The backup is the old schema, untouched. */
  g_assert_cmpint (sqlite3_open (sec_store_get_backup_path (store), &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt;
    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
}

static void
test_newer_or_foreign_file_refused (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "bad", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autoptr(GError) error = NULL;
  SecStore *store;
  sqlite3 *db;

  g_mkdir_with_parents (dir, 0700);
  sqlite3_open (newer, &db);
  sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 99;", NULL, NULL, NULL);
  sqlite3_close (db);
  store = sec_store_open (newer, &error);
  g_assert_null (store);
  g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_MIGRATE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (junk, "this is not a database, it is a note about dues\n", -1, NULL));
  store = sec_store_open (junk, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  /* Nothing was written into the file that is not ours. */
  {
    g_autofree char *contents = NULL;
    g_file_get_contents (junk, &contents, NULL, NULL);
    g_assert_cmpstr (contents, ==, "this is not a database, it is a note about dues\n");
  }
}

static void
test_field_text_forms (void)
{
  g_autoptr(SecRecord) member = sec_test_member ("Koperasi", "MY", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *money = NULL;
  int i_amount = sec_entity_field_index (&sec_entity_member, "dues_amount");
  int i_currency = sec_entity_field_index (&sec_entity_member, "dues_currency");
  int i_country = sec_entity_field_index (&sec_entity_member, "country");
  int i_sdgs = sec_entity_field_index (&sec_entity_member, "sdgs");
  int i_web = sec_entity_field_index (&sec_entity_member, "website");
  int i_date = sec_entity_field_index (&sec_entity_member, "joined_on");
  int i_kind = sec_entity_field_index (&sec_entity_member, "kind");

  g_assert_true (sec_field_parse (member, i_currency, "jpy", &error));
  g_assert_cmpstr (sec_record_get (member, "dues_currency"), ==, "JPY");
  g_assert_true (sec_field_parse (member, i_amount, "5,000", &error));
  g_assert_cmpstr (sec_record_get (member, "dues_amount"), ==, "5000");
  g_assert_true (sec_field_parse (member, i_currency, "US Dollar", &error));
  g_assert_true (sec_field_parse (member, i_amount, "150.5", &error));
  g_assert_cmpstr (sec_record_get (member, "dues_amount"), ==, "15050");
  money = sec_field_format (member, i_amount);
  g_assert_cmpstr (money, ==, "150.50");
  g_assert_false (sec_field_parse (member, i_amount, "12.345", &error));
  g_clear_error (&error);
  /* Decimal commas, as spreadsheets in many locales write them. */
  {
    static const struct { const char *text; const char *minor; } amounts[] = {
      { "1500,50", "150050" }, { "1.500,50", "150050" }, { "1,500.50", "150050" },
      { "1,500", "150000" }, { "1.500.000", "150000000" }, { "0,5", "50" }, { "1 500", "150000" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_assert_true (sec_field_parse (member, i_amount, amounts[i].text, &error));
        g_assert_cmpstr (sec_record_get (member, "dues_amount"), ==, amounts[i].minor);
      }
    g_assert_false (sec_field_parse (member, i_amount, "1,5,0", &error));
    g_clear_error (&error);
  }

  g_assert_true (sec_field_parse (member, i_country, "Thailand", &error));
  g_assert_cmpstr (sec_record_get (member, "country"), ==, "TH");
  g_assert_false (sec_field_parse (member, i_country, "Atlantis", &error));
  g_assert_error (error, SEC_FIELD_ERROR, SEC_FIELD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (sec_record_get (member, "country"), ==, "TH");

  g_assert_true (sec_field_parse (member, i_sdgs, "17, SDG 1; 8 8", &error));
  g_assert_cmpstr (sec_record_get (member, "sdgs"), ==, "1,8,17");
  g_assert_false (sec_field_parse (member, i_sdgs, "18", &error));
  g_clear_error (&error);

  g_assert_true (sec_field_parse (member, i_web, "asec.example.org", &error));
  g_assert_cmpstr (sec_record_get (member, "website"), ==, "https://asec.example.org");
  g_assert_false (sec_field_parse (member, i_web, "ftp://x.example.org", &error));
  g_clear_error (&error);

  g_assert_false (sec_field_parse (member, i_date, "2024-02-30", &error));
  g_clear_error (&error);
  g_assert_true (sec_field_parse (member, i_date, "2024-02-29", &error));
  g_assert_true (sec_field_parse (member, i_kind, "Self-help group", &error));
  g_assert_cmpstr (sec_record_get (member, "kind"), ==, "self_help_group");
}

/* The migrations and the entity descriptions say the same thing: every
 * field has its column, with integer affinity where the description says
 * so, beside the common record columns. */
static void
test_schema_matches_description (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&path);
  static const char *const common[] = { "id", "created_at", "updated_at", "deleted", "rev", "dirty", "base", NULL };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name, type FROM pragma_table_info('%s')", (*e)->name);
      g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      sqlite3_stmt *stmt;
      guint n_stored;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      sqlite3_finalize (stmt);

      for (guint i = 0; common[i] != NULL; i++)
        g_assert_true (g_hash_table_contains (columns, common[i]));
      for (guint i = 0; i < (*e)->n_fields; i++)
        {
          const char *type = g_hash_table_lookup (columns, (*e)->fields[i].name);
          g_test_message ("%s.%s", (*e)->name, (*e)->fields[i].name);
          g_assert_nonnull (type);
          g_assert_cmpstr (type, ==, (*e)->fields[i].integer ? "INTEGER" : "TEXT");
        }
      n_stored = 0;
      for (const SecComputed *c = (*e)->computed; c != NULL && c->name != NULL; c++)
        if (c->stored)
          {
            g_assert_cmpstr (c->sql, ==, c->name);
            g_assert_true (g_hash_table_contains (columns, c->name));
            n_stored++;
          }
      g_assert_cmpuint (g_hash_table_size (columns), ==, (*e)->n_fields + g_strv_length ((char **) common) + n_stored);
    }
  sqlite3_close (db);
}

static void
test_sample_network (void)
{
  g_autoptr(SecStore) store = sec_test_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *asec = NULL;
  guint added;

  added = sec_store_load_sample (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (added, >=, 18);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member) + sec_store_count (store, &sec_entity_event) +
                   sec_store_count (store, &sec_entity_roadmap_item), ==, added);
  g_assert_cmpint (sec_store_count (store, &sec_entity_event), >=, 4);
  g_assert_cmpint (sec_store_count (store, &sec_entity_roadmap_item), >=, 5);
  asec = sec_store_find_id (store, &sec_entity_member, "acronym", "ASEC", NULL, NULL);
  g_assert_nonnull (asec);
  /* Loading again adds nothing. */
  g_assert_cmpuint (sec_store_load_sample (store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member) + sec_store_count (store, &sec_entity_event) +
                   sec_store_count (store, &sec_entity_roadmap_item), ==, added);
}

/* A record as JSON, and JSON as a record, each against text written here
 * (a round trip through the code's own encoder and decoder would pass
 * with both wrong the same way): every field in the entity's order, null
 * when empty, the integer fields as numbers. */
static void
test_json_encode (void)
{
  g_autoptr(SecRecord) member = sec_test_member ("Liên minh Hợp tác xã Việt Nam", "VN", "national_network");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  sec_record_set (member, "dues_amount", "250000");
  sec_record_set (member, "dues_currency", "VND");
  sec_record_set (member, "sdgs", "1,8,17");
  object = sec_record_to_json (member);
  node = json_node_init_object (json_node_alloc (), object);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"name\":\"Liên minh Hợp tác xã Việt Nam\",\"acronym\":null,\"kind\":\"national_network\","
                   "\"country\":\"VN\",\"city\":null,\"website\":null,\"email\":null,\"phone\":null,"
                   "\"joined_on\":null,\"approved_on\":null,\"dues_amount\":250000,\"dues_currency\":\"VND\","
                   "\"dues_paid_until\":null,\"status_override\":null,\"status_reason\":null,\"sdgs\":\"1,8,17\","
                   "\"notes\":null}");
}

static void
test_json_decode (void)
{
  static const char *const expected[][2] = {
    { "name", "Bina Swadaya" }, { "kind", "foundation" }, { "country", "ID" },
    { "city", NULL },                      /* "" is no value */
    { "dues_amount", "5000" },             /* a number */
    { "dues_currency", "IDR" },
    { "joined_on", NULL },                 /* absent */
    { "notes", "Microfinance since 1967" },
  };
  g_autoptr(JsonNode) node = json_from_string ("{\"name\": \"Bina Swadaya\", \"kind\": \"foundation\", "
                                               "\"country\": \"ID\", \"city\": \"\", \"dues_amount\": 5000, "
                                               "\"dues_currency\": \"IDR\", \"notes\": \"Microfinance since 1967\", "
                                               "\"accreditation\": {\"body\": \"RIPESS\"}}", NULL);
  g_autoptr(SecRecord) member = NULL;
  g_autoptr(SecRecord) contact = NULL;
  g_autoptr(JsonNode) contact_node = json_from_string ("{\"member_id\": \"7d1f3c1e-58a4-4c7e-9b1a-2f0d4c9e8a11\", "
                                                       "\"name\": \"Siti\", \"is_primary\": true}", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (node);
  member = sec_record_from_json (&sec_entity_member, json_node_get_object (node), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (sec_record_get (member, expected[i][0]), ==, expected[i][1]);

  contact = sec_record_from_json (&sec_entity_contact, json_node_get_object (contact_node), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sec_record_get (contact, "is_primary"), ==, "1");   /* a boolean */
}

/* Which tables a store heard another connection wrote. */
static void
on_heard (SecStore        *store,
          const SecEntity *entity,
          const char      *id,
          GHashTable      *heard)
{
  g_hash_table_add (heard, (gpointer) entity);
}

static void
wait_to_hear (GHashTable *heard)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  g_hash_table_remove_all (heard);
  while (g_hash_table_size (heard) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
}

/* A window's store hears, within the watch's second, that another
 * connection wrote, and which tables: the command line's import of
 * members is a change of members only; a writer that does not count its
 * writes (the sqlite3 shell) is a change of everything. */
static void
test_other_writers_heard (void)
{
  g_autofree char *path = NULL;
  g_autoptr(SecStore) window = sec_test_store_new (&path);
  g_autoptr(SecStore) cron = sec_store_open (path, NULL);
  g_autoptr(SecRecord) member = sec_test_member ("Nepal Agricultural Cooperative Central Federation", "NP", NULL);
  g_autoptr(GHashTable) heard = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 started;
  sqlite3 *shell;

  sec_store_watch_writers (window);
  g_signal_connect (window, "changed", G_CALLBACK (on_heard), heard);
  started = g_get_monotonic_time ();
  g_assert_true (sec_store_save (cron, member, &error));
  wait_to_hear (heard);
  g_test_message ("heard after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  g_assert_cmpuint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (g_hash_table_size (heard), ==, 1);
  g_assert_true (g_hash_table_contains (heard, &sec_entity_member));
  g_assert_cmpint (sec_store_count (window, &sec_entity_member), ==, 1);

  /* Its own writes it tells at once, and the watch does not tell again. */
  g_hash_table_remove_all (heard);
  g_assert_true (sec_store_delete (window, &sec_entity_member, sec_record_get_id (member), &error));
  g_assert_cmpuint (g_hash_table_size (heard), ==, 1);
  g_hash_table_remove_all (heard);
  for (gint64 end = g_get_monotonic_time () + 1500 * 1000; g_get_monotonic_time () < end; g_usleep (10000))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_hash_table_size (heard), ==, 0);

  g_assert_cmpint (sqlite3_open (path, &shell), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (shell, "UPDATE member SET notes = 'from the shell'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (shell);
  wait_to_hear (heard);
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    g_assert_true (g_hash_table_contains (heard, *e));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/crud", test_crud);
  g_test_add_func ("/store/other-writers-heard", test_other_writers_heard);
  g_test_add_func ("/store/invalid-not-saved", test_invalid_not_saved);
  g_test_add_func ("/store/children", test_children_deleted_and_restored);
  g_test_add_func ("/store/transaction-rollback", test_transaction_rollback);
  g_test_add_func ("/store/values-never-in-sql", test_values_never_in_sql);
  g_test_add_func ("/store/file-mode-and-reopen", test_file_mode_and_reopen);
  g_test_add_func ("/store/migrate-old-file", test_migrate_old_file);
  g_test_add_func ("/store/refuse-newer-or-foreign", test_newer_or_foreign_file_refused);
  g_test_add_func ("/store/field-text-forms", test_field_text_forms);
  g_test_add_func ("/store/sample-network", test_sample_network);
  g_test_add_func ("/store/schema-matches-description", test_schema_matches_description);
  g_test_add_func ("/store/json-encode", test_json_encode);
  g_test_add_func ("/store/json-decode", test_json_decode);

  return g_test_run ();
}
