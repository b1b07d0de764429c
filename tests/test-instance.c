/* test-instance.c: one Secretariat a session
 *
 * The window runs as a single GApplication instance: starting the app again
 * raises the running window and returns at once, rather than opening the
 * database in a second window that would not see the first one's edits.
 * Both run as the real binary, on a private session bus.
 */

#include <gio/gio.h>

#include <glib/gstdio.h>

static const char *binary;

static gboolean
has_owner (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}

/* Whether @process ends within @seconds. */
static gboolean
ends_within (GSubprocess *process,
             guint        seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  gboolean exited = FALSE;

  g_subprocess_wait_async (process, NULL, on_exited, &exited);
  while (!exited && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  return exited;
}

static void
test_second_start_raises_the_first (void)
{
  g_autoptr(GTestDBus) private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("instance-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "network.db", NULL);
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  gint64 deadline;

  g_test_dbus_up (private_bus);
  g_setenv ("DISPLAY", display, TRUE);   /* which GTestDBus unsets */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);

  first = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, binary, "--db", db, NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!has_owner (bus))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }

  /* The second start hands over to the first and ends; the first goes on. */
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, binary, "--db", db, NULL);
  g_assert_no_error (error);
  g_assert_true (ends_within (second, 60));
  g_assert_true (g_subprocess_get_successful (second));
  g_assert_false (ends_within (first, 1));

  /* The first quits through its action, as the desktop would ask it. */
  reply = g_dbus_connection_call_sync (bus, APP_ID, "/org/asec/Secretariat", "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ends_within (first, 60));
  g_assert_true (g_subprocess_get_successful (first));
  g_clear_object (&bus);
  g_test_dbus_down (private_bus);
  for (const char *const *suffix = (const char *[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (db, *suffix, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the app would find no MIME database
   * in the data folders it sets, and no icon would load. */
  g_test_init (&argc, &argv, NULL);
  binary = argv[1];
  g_test_add_func ("/instance/second-start-raises-the-first", test_second_start_raises_the_first);
  return g_test_run ();
}
