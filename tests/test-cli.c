/* test-cli.c: the headless verbs, run as a script would run them */

#include <sqlite3.h>

#include "sec-test-cli.h"
#include "sec-test-util.h"

static const char *binary;

static gboolean without_schema;

static void
run_cli (SecTestRun *run,
         ...)
{
  g_auto(GStrv) envp = g_get_environ ();
  va_list args;

  if (without_schema)
    envp = g_environ_unsetenv (envp, "GSETTINGS_SCHEMA_DIR");
  va_start (args, run);
  sec_test_run_va (run, binary, envp, args);
  va_end (args);
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "cli", NULL);
  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static gint64
count_members (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecStore) store = sec_store_open (db, &error);

  g_assert_no_error (error);
  return sec_store_count (store, &sec_entity_member);
}

static void
test_help (void)
{
  g_auto(SecTestRun) run = { 0, };

  run_cli (&run, "--help", NULL);
  g_assert_true (g_spawn_check_wait_status (run.status, NULL));
  for (const char *const *verb = (const char *const[]) { "--db", "--import-csv", "--export-csv", "--load-sample", "--duplicates", "--accept-valid", NULL }; *verb; verb++)
    g_assert_nonnull (strstr (run.out, *verb));
}

static void
test_sample_export_import (void)
{
  g_autofree char *db = temp_path ("sample.db");
  g_autofree char *copy = temp_path ("copy.db");
  g_autofree char *csv = temp_path ("members.csv");
  g_autofree char *contents = NULL;
  g_auto(SecTestRun) load = { 0, };
  g_auto(SecTestRun) export = { 0, };
  g_auto(SecTestRun) import = { 0, };

  run_cli (&load, "--db", db, "--load-sample", NULL);
  g_assert_true (g_spawn_check_wait_status (load.status, NULL));
  g_assert_cmpint (count_members (db), >=, 18);
  {
    /* It says what came as the pages count it. */
    g_autofree char *members = g_strdup_printf ("Added %" G_GINT64_FORMAT " members, ", count_members (db));
    g_assert_true (g_str_has_prefix (load.out, members));
    g_assert_true (g_str_has_suffix (load.out, " roadmap items from the sample network\n"));
  }

  run_cli (&export, "--db", db, "--export-csv", csv, NULL);
  g_assert_true (g_spawn_check_wait_status (export.status, NULL));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Asian Solidarity Economy Council"));

  run_cli (&import, "--db", copy, "--import-csv", csv, NULL);
  g_assert_true (g_spawn_check_wait_status (import.status, NULL));
  g_assert_cmpint (count_members (copy), ==, count_members (db));
}

/* A file with a bad row changes nothing and says why in one line. */
static void
test_bad_rows_change_nothing (void)
{
  g_autofree char *db = temp_path ("bad-rows.db");
  g_autofree char *csv = temp_path ("bad-rows.csv");
  g_auto(SecTestRun) run = { 0, };
  g_auto(SecTestRun) partial = { 0, };

  g_assert_true (g_file_set_contents (csv,
    "name,kind,country\n"
    "Koperasi Wanita,cooperative,MY\n"
    "Atlantis Cooperative,cooperative,Atlantis\n", -1, NULL));
  run_cli (&run, "--db", db, "--import-csv", csv, NULL);
  g_assert_false (g_spawn_check_wait_status (run.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "row 3"));
  g_assert_nonnull (strstr (run.err, "Atlantis"));
  g_assert_cmpint (count_members (db), ==, 0);

  run_cli (&partial, "--db", db, "--import-csv", csv, "--accept-valid", NULL);
  g_assert_true (g_spawn_check_wait_status (partial.status, NULL));
  g_assert_cmpint (count_members (db), ==, 1);
}

static void
test_errors_are_one_line (void)
{
  g_autofree char *db = temp_path ("errors.db");
  g_autofree char *missing = temp_path ("no-such-file.csv");
  g_autofree char *not_db = temp_path ("notes.txt");
  g_autofree char *after = NULL;
  g_auto(SecTestRun) no_file = { 0, };
  g_auto(SecTestRun) bad_rule = { 0, };
  g_auto(SecTestRun) bad_db = { 0, };

  run_cli (&no_file, "--db", db, "--import-csv", missing, NULL);
  g_assert_false (g_spawn_check_wait_status (no_file.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (no_file.err), ==, 1);

  run_cli (&bad_rule, "--db", db, "--import-csv", missing, "--duplicates", "merge", NULL);
  g_assert_false (g_spawn_check_wait_status (bad_rule.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (bad_rule.err), ==, 1);
  g_assert_nonnull (strstr (bad_rule.err, "merge"));

  g_assert_true (g_file_set_contents (not_db, "Minutes of the board, not a database\n", -1, NULL));
  run_cli (&bad_db, "--db", not_db, "--load-sample", NULL);
  g_assert_false (g_spawn_check_wait_status (bad_db.status, NULL));
  g_assert_cmpuint (sec_test_n_lines (bad_db.err), ==, 1);
  g_assert_true (g_file_get_contents (not_db, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "Minutes of the board, not a database\n");
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
on_too_long (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The next line of @stream; a minute at most, for a program that hangs. */
static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean too_long = FALSE;
  guint timeout = g_timeout_add_seconds (60, on_too_long, &too_long);
  char *line;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_line, &result);
  while (result == NULL && !too_long)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (too_long);
  g_source_remove (timeout);
  line = g_data_input_stream_read_line_finish_utf8 (stream, result, NULL, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return line;
}

/* Another program holding the database: a verb says it waits and waits
 * for it; when it waited too long, it says in one more line which file is
 * in use, changing nothing. */
static void
test_waits_for_the_lock (void)
{
  g_autofree char *db = temp_path ("locked.db");
  g_autofree char *csv = temp_path ("one.csv");
  g_autofree char *says_it_waits = NULL;
  g_autoptr(GSubprocess) waiting = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SecTestRun) refused = { 0, };
  g_auto(GStrv) lines = NULL;
  sqlite3 *other = NULL;

  g_assert_cmpint (count_members (db), ==, 0);
  says_it_waits = g_strdup_printf ("Waiting for another program to finish with %s…", db);
  g_assert_true (g_file_set_contents (csv, "name,kind,country\nKoperasi Murni,cooperative,MY\n", -1, NULL));
  g_assert_cmpint (sqlite3_open (db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  run_cli (&refused, "--db", db, "--import-csv", csv, NULL);
  g_assert_false (g_spawn_check_wait_status (refused.status, NULL));
  lines = g_strsplit (refused.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* two lines, and nothing after the last */
  g_assert_cmpstr (lines[0], ==, says_it_waits);
  g_assert_nonnull (strstr (lines[1], db));
  g_assert_nonnull (strstr (lines[1], "in use by another program"));

  /* The lock is let go only once the program says it waits for it: the
   * import that then succeeds must have waited. */
  waiting = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              binary, "--db", db, "--import-csv", csv, NULL);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (waiting));
  first = read_line (err);
  g_assert_cmpstr (first, ==, says_it_waits);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (g_subprocess_wait_check (waiting, NULL, &error));
  g_assert_no_error (error);
  rest = read_line (err);
  g_assert_null (rest);   /* nothing more on stderr */
  {
    g_autoptr(GDataInputStream) stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (waiting));
    out = read_line (stdout_lines);
  }
  g_assert_cmpstr (out, ==, "Imported 1, updated 0, skipped 0, rejected 0");
  g_assert_cmpint (count_members (db), ==, 1);
}

/* Scripts and cron run the verbs on machines where the app's settings
 * schema may not be installed: they work with the defaults. */
static void
test_verbs_without_settings (void)
{
  g_autofree char *db = temp_path ("no-schema.db");
  g_auto(SecTestRun) load = { 0, };

  without_schema = TRUE;
  run_cli (&load, "--db", db, "--load-sample", NULL);
  without_schema = FALSE;
  g_assert_true (g_spawn_check_wait_status (load.status, NULL));
  g_assert_cmpint (count_members (db), >=, 18);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  binary = argc > 1 ? argv[1] : "secretariat";

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/sample-export-import", test_sample_export_import);
  g_test_add_func ("/cli/bad-rows-change-nothing", test_bad_rows_change_nothing);
  g_test_add_func ("/cli/errors-are-one-line", test_errors_are_one_line);
  g_test_add_func ("/cli/waits-for-the-lock", test_waits_for_the_lock);
  g_test_add_func ("/cli/verbs-without-settings", test_verbs_without_settings);

  return g_test_run ();
}
