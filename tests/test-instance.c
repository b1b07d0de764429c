/* test-instance.c: one Secretariat a session
 *
 * The window runs as a single GApplication instance: starting the app again
 * activates the running one (which presents its window) and returns at
 * once, rather than opening the database in a second window that would not
 * see the first one's edits. Both run as the real binary, on a private
 * session bus, which the test watches as a monitor.
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

/* What a monitor of the bus saw: the first call of
 * org.gtk.Application.Activate, filled in GDBus's worker thread. */
typedef struct {
  GMutex  lock;
  char   *own_name;      /* the monitor's, whose own replies go through */
  char   *caller;
  char   *callee;
} Seen;

static GDBusMessage *
on_message (GDBusConnection *connection,
            GDBusMessage    *message,
            gboolean         incoming,
            gpointer         user_data)
{
  Seen *seen = user_data;

  if (!incoming)
    return message;
  g_mutex_lock (&seen->lock);
  if (g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL && seen->caller == NULL &&
      g_strcmp0 (g_dbus_message_get_interface (message), "org.gtk.Application") == 0 &&
      g_strcmp0 (g_dbus_message_get_member (message), "Activate") == 0)
    {
      seen->caller = g_strdup (g_dbus_message_get_sender (message));
      seen->callee = g_strdup (g_dbus_message_get_destination (message));
    }
  g_mutex_unlock (&seen->lock);

  /* A monitor only listens: what is not for itself goes no further. */
  if (g_strcmp0 (g_dbus_message_get_destination (message), seen->own_name) == 0)
    return message;
  g_object_unref (message);
  return NULL;
}

/* A connection to @bus_address that sees every message on the bus. */
static GDBusConnection *
monitor_bus (const char *bus_address,
             Seen       *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GDBusConnection *monitor;

  monitor = g_dbus_connection_new_for_address_sync (bus_address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  seen->own_name = g_strdup (g_dbus_connection_get_unique_name (monitor));
  g_dbus_connection_add_filter (monitor, on_message, seen, NULL);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", (const char *const[]) { NULL }, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return monitor;
}

static char *
name_owner (GDBusConnection *bus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "GetNameOwner",
                                                           g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(s)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  char *owner = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(s)", &owner);
  return owner;
}

/* Whether the first instance has a window numbered @id: GtkApplication
 * puts each window's actions on the bus under the app's path. */
static gboolean
has_window (GDBusConnection *bus,
            guint            id)
{
  g_autofree char *path = g_strdup_printf ("/org/asec/Secretariat/window/%u", id);
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, APP_ID, path, "org.gtk.Actions", "List", NULL,
                                                           G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                           NULL, NULL);
  return reply != NULL;
}

/* The second start hands over to the first: it calls the first's
 * Activate (which presents the first's window) and ends at once, and the
 * first goes on with one window. The call asks for no answer, and whether
 * the window came to the front is a window manager's to show, which there
 * is none of here: the test sees the call on the bus, not its effect. */
static void
test_second_start_hands_over_to_the_first (void)
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
  g_autoptr(GDBusConnection) monitor = NULL;
  g_autofree char *first_name = NULL;
  Seen seen = { 0, };
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

  first_name = name_owner (bus);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!has_window (bus, 1))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20000);
    }
  monitor = monitor_bus (g_test_dbus_get_bus_address (private_bus), &seen);

  /* The second start calls the first's Activate and ends; the first still
   * owns the name. The bus hands a message to its monitors as it passes it
   * on, so a call sent once the monitor saw the Activate reaches the first
   * after it, and the first's main loop runs the two in that order: once
   * the call is answered, the activation has run, and it opened no second
   * window. */
  second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, binary, "--db", db, NULL);
  g_assert_no_error (error);
  g_assert_true (ends_within (second, 60));
  g_assert_true (g_subprocess_get_successful (second));
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  for (gboolean called = FALSE; !called; g_usleep (10000))
    {
      g_mutex_lock (&seen.lock);
      called = seen.caller != NULL;
      g_mutex_unlock (&seen.lock);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_clear_object (&monitor);
  g_assert_cmpstr (seen.callee, ==, APP_ID);
  g_assert_cmpstr (seen.caller, !=, first_name);
  {
    g_autofree char *still = name_owner (bus);
    g_assert_cmpstr (still, ==, first_name);
  }
  g_assert_true (has_window (bus, 1));
  g_assert_false (has_window (bus, 2));

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
  g_free (seen.own_name);
  g_free (seen.caller);
  g_free (seen.callee);
}

int
main (int    argc,
      char **argv)
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the app would find no MIME database
   * in the data folders it sets, and no icon would load. */
  g_test_init (&argc, &argv, NULL);
  binary = argv[1];
  g_test_add_func ("/instance/second-start-hands-over-to-the-first", test_second_start_hands_over_to_the_first);
  return g_test_run ();
}
