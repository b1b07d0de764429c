/* sec-backups.c: a database's daily copies, and putting one back
 *
 * Beside network.db, the folder backups/ holds network-2026-11-22.db, one
 * copy a day, the newest N kept. A copy is made with SQLite's backup API
 * from a read-only connection of its own in a thread, so that a federation's
 * registry is copied without holding the window. Putting a copy back first
 * keeps the database as it is, as network-2026-11-22-153000.db, so that
 * the restore itself can be undone.
 */

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sec-backups.h"
#include "sec-store-private.h"

/* Helpers */

/* "network" for …/network.db. */
static char *
stem_of (SecStore *store)
{
  g_autofree char *base = g_path_get_basename (sec_store_get_path (store));

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - strlen (".db")] = '\0';
  return g_steal_pointer (&base);
}

/* Whether @text is "YYYY-MM-DD" or "YYYY-MM-DD-HHMMSS". */
static gboolean
is_stamp (const char *text)
{
  static const char day[] = "dddd-dd-dd", moment[] = "dddd-dd-dd-dddddd";
  const char *pattern = strlen (text) == strlen (day) ? day : strlen (text) == strlen (moment) ? moment : NULL;

  if (pattern == NULL)
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  return TRUE;
}

/* The stamp of a copy's file name, or NULL if it is not one of @stem's. */
static char *
stamp_of (const char *name,
          const char *stem)
{
  g_autofree char *stamp = NULL;
  gsize stem_length = strlen (stem);

  if (!g_str_has_prefix (name, stem) || name[stem_length] != '-' || !g_str_has_suffix (name, ".db"))
    return NULL;
  stamp = g_strndup (name + stem_length + 1, strlen (name) - stem_length - 1 - strlen (".db"));
  return is_stamp (stamp) ? g_steal_pointer (&stamp) : NULL;
}

/* Where the copy stamped @stamp goes, its folder created. */
static char *
copy_path (SecStore   *store,
           const char *stamp)
{
  g_autofree char *folder = sec_backups_folder (store);
  g_mkdir_with_parents (folder, 0700);
  g_autofree char *stem = stem_of (store);
  g_autofree char *name = g_strdup_printf ("%s-%s.db", stem, stamp);

  return g_build_filename (folder, name, NULL);
}

/* By their stamps, the longer one later on the same day. */
static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;
  g_autofree char *stamp_x = g_strndup (x, strlen (x) - strlen (".db"));
  g_autofree char *stamp_y = g_strndup (y, strlen (y) - strlen (".db"));

  return -strcmp (stamp_x, stamp_y);
}

/* Deletes the copies after the newest @keep. */
static void
prune (GPtrArray *copies,
       guint      keep)
{
  for (guint i = keep; i < copies->len; i++)
    g_unlink (g_ptr_array_index (copies, i));
}

/* The daily copy, in a thread */

typedef struct {
  sqlite3   *reader;
  char      *path;
  GPtrArray *copies;   /* before this one, newest first */
  guint      keep;
} Daily;

static void
daily_free (Daily *daily)
{
  sqlite3_close (daily->reader);
  g_free (daily->path);
  g_ptr_array_unref (daily->copies);
  g_free (daily);
}

static void
make_daily (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Daily *daily = task_data;
  GError *error = NULL;

  if (!sec_store_copy_database (daily->reader, daily->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_insert (daily->copies, 0, g_strdup (daily->path));
  prune (daily->copies, daily->keep);
  g_task_return_pointer (task, g_strdup (daily->path), g_free);
}

/* Public API */

/* The folder of @store's copies (made with the first one); %NULL for a
 * database in memory. */
char *
sec_backups_folder (SecStore *store)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);

  if (g_strcmp0 (sec_store_get_path (store), ":memory:") == 0)
    return NULL;
  dir = g_path_get_dirname (sec_store_get_path (store));
  return g_build_filename (dir, "backups", NULL);
}

/* The paths of @store's copies, newest first. */
GPtrArray *
sec_backups_list (SecStore *store)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = sec_backups_folder (store);
  g_autofree char *stem = stem_of (store);
  g_autoptr(GDir) dir = folder ? g_dir_open (folder, 0, NULL) : NULL;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stamp = stamp_of (name, stem);

      if (stamp != NULL)
        g_ptr_array_add (copies, g_build_filename (folder, name, NULL));
    }
  g_ptr_array_sort (copies, newest_first);
  return copies;
}

/* When the copy at @path was made, for people: "22 November 2026" or
 * "22 November 2026, 15:30:00" for a copy kept before a restore. */
char *
sec_backups_describe (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GDateTime) when = NULL;
  gsize length = strlen (name) - strlen (".db");
  const char *stamp;
  int y, mo, d, h = 0, mi = 0, s = 0;

  g_return_val_if_fail (g_str_has_suffix (name, ".db"), NULL);
  name[length] = '\0';
  stamp = length >= 17 && is_stamp (name + length - 17) ? name + length - 17 : name + length - MIN (length, 10);
  if (sscanf (stamp, "%d-%d-%d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) < 3 ||
      (when = g_date_time_new_local (y, mo, d, h, mi, s)) == NULL)
    return g_strdup (name);
  /* Translators: the day a copy of the database was made; strftime format */
  return strlen (stamp) > 10 ? g_date_time_format (when, _("%-d %B %Y, %H:%M:%S"))
                             : g_date_time_format (when, _("%-d %B %Y"));
}

/* Makes today's copy, unless there is one, then keeps the newest @keep.
 * @keep 0 makes none. */
void
sec_backups_make_daily_async (SecStore            *store,
                              guint                keep,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autofree char *path = NULL;
  Daily *daily;

  g_return_if_fail (SEC_IS_STORE (store));

  g_task_set_source_tag (task, sec_backups_make_daily_async);
  if (keep == 0 || g_strcmp0 (sec_store_get_path (store), ":memory:") == 0 ||
      g_file_test ((path = copy_path (store, sec_store_get_today (store))), G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  daily = g_new0 (Daily, 1);
  daily->reader = sec_store_open_reader (store);
  daily->path = g_steal_pointer (&path);
  daily->copies = sec_backups_list (store);
  daily->keep = keep;
  g_task_set_task_data (task, daily, (GDestroyNotify) daily_free);
  if (daily->reader == NULL)
    g_task_return_new_error (task, SEC_STORE_ERROR, SEC_STORE_ERROR_OPEN, _("Cannot read %s"), sec_store_get_path (store));
  else
    g_task_run_in_thread (task, make_daily);
}

/* The new copy's path, or %NULL without an error when none was due. */
char *
sec_backups_make_daily_finish (SecStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Puts the copy at @path back, after keeping the database as it is now as
 * a copy of its own (its path in @kept_path). */
gboolean
sec_backups_restore (SecStore    *store,
                     const char  *path,
                     char       **kept_path,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H%M%S");
  g_autofree char *stamp = g_strdup_printf ("%s-%s", sec_store_get_today (store), time);
  g_autofree char *kept = copy_path (store, stamp);

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);

  if (!sec_store_backup (store, kept, error))
    return FALSE;
  if (!sec_store_restore_backup (store, path, error))
    {
      g_unlink (kept);
      return FALSE;
    }
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
