/* test-backups.c: daily copies of the database, and putting one back */

#include <sys/stat.h>

#include "sec-backups.h"
#include "sec-test-util.h"

static void
on_made (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
make_daily (SecStore *store,
            guint     keep)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *path;

  sec_backups_make_daily_async (store, keep, NULL, on_made, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  path = sec_backups_make_daily_finish (store, result, &error);
  g_assert_no_error (error);
  return path;
}

static void
save_member (SecStore   *store,
             const char *name)
{
  g_autoptr(SecRecord) member = sec_test_member (name, "NP", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sec_store_save (store, member, &error));
}

/* One copy a day, the newest kept, each readable by its owner alone. */
static void
test_daily_copies_rotate (void)
{
  g_autofree char *db = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&db);
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *first = NULL, *again = NULL, *third = NULL;
  g_autofree char *folder = sec_backups_folder (store);
  g_autofree char *stray = g_build_filename (folder, "notes-2026-06-15.db", NULL);
  struct stat st;

  g_mkdir_with_parents (folder, 0700);
  g_assert_true (g_file_set_contents (stray, "another database's copy", -1, NULL));
  save_member (store, "Nepal Cooperative Federation");
  sec_store_set_today (store, "2026-06-13");
  first = make_daily (store, 2);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first, "-2026-06-13.db"));
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  again = make_daily (store, 2);
  g_assert_null (again);                           /* one a day */

  sec_store_set_today (store, "2026-06-14");
  g_free (make_daily (store, 2));
  sec_store_set_today (store, "2026-06-15");
  third = make_daily (store, 2);
  g_assert_null (make_daily (store, 0));           /* none when none are kept */

  copies = sec_backups_list (store);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (copies, 0), ==, third);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (copies, 1), "-2026-06-14.db"));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stray, G_FILE_TEST_EXISTS));  /* not this database's */
  {
    g_autofree char *part = g_strconcat (third, ".part", NULL);
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *when = sec_backups_describe (third);
    g_assert_cmpstr (when, ==, "15 June 2026");
  }
}

static void
on_changed (SecStore        *store,
            const SecEntity *entity,
            const char      *id,
            guint           *members)
{
  if (entity == &sec_entity_member && id == NULL)
    (*members)++;
}

/* A copy put back replaces the database, the models hear of it, and the
 * database as it was is kept as a copy of its own. */
static void
test_restore (void)
{
  g_autofree char *db = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&db);
  g_autofree char *copy = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  guint members_changed = 0;

  save_member (store, "Bangladesh Cooperative League");
  copy = make_daily (store, 7);
  save_member (store, "Mongolian Cooperative Alliance");
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 2);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &members_changed);
  g_assert_true (sec_backups_restore (store, copy, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (members_changed, ==, 1);
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 1);
  {
    g_autofree char *found = sec_store_find_id (store, &sec_entity_member, "name", "Bangladesh Cooperative League",
                                                NULL, NULL);
    g_assert_nonnull (found);
  }
  copies = sec_backups_list (store);
  g_assert_cmpuint (copies->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (copies, 0), ==, kept);   /* the newest */

  /* The copy kept undoes the restore. */
  g_assert_true (sec_store_restore_backup (store, kept, &error));
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 2);
  /* The store writes on as before. */
  save_member (store, "Cambodia Social Enterprise Network");
  g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 3);
}

/* A damaged copy, or a file that is no copy, changes nothing. */
static void
test_bad_copy_refused (void)
{
  g_autofree char *db = NULL;
  g_autoptr(SecStore) store = sec_test_store_new (&db);
  g_autofree char *copy = NULL;
  g_autofree char *folder = sec_backups_folder (store);
  g_autofree char *text = g_build_filename (folder, "minutes.db", NULL);
  g_autofree char *bytes = NULL;
  gsize length;

  save_member (store, "Myanmar Microfinance Association");
  copy = make_daily (store, 7);
  g_assert_true (g_file_get_contents (copy, &bytes, &length, NULL));
  memset (bytes + length / 2, 0xff, MIN (length / 4, 8192));   /* damage its pages */
  g_assert_true (g_file_set_contents (copy, bytes, (gssize) length, NULL));
  g_assert_true (g_file_set_contents (text, "Minutes of the general assembly", -1, NULL));
  save_member (store, "Philippine Cooperative Center");

  for (const char *const *bad = (const char *[]) { copy, text, NULL }; *bad != NULL; bad++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *kept = NULL;

      g_assert_false (sec_backups_restore (store, *bad, &kept, &error));
      g_assert_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_OPEN);
      g_assert_null (kept);
      g_assert_cmpint (sec_store_count (store, &sec_entity_member), ==, 2);
    }
  {
    g_autoptr(GPtrArray) copies = sec_backups_list (store);
    g_assert_cmpuint (copies->len, ==, 1);   /* no copy kept for a restore that did not happen */
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/backups/daily-copies-rotate", test_daily_copies_rotate);
  g_test_add_func ("/backups/restore", test_restore);
  g_test_add_func ("/backups/bad-copy-refused", test_bad_copy_refused);
  return g_test_run ();
}
