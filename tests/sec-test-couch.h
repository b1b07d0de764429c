/* sec-test-couch.h: a real CouchDB-compatible server for tests
 *
 * PouchDB Server (tests/couch, in memory) on a free loopback port.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define USER "secretary"
#define PASSWORD "solidarity-2024"

/* Waiting on the main loop for an asynchronous call. */
typedef struct {
  GAsyncResult *result;
} Wait;

static G_GNUC_UNUSED void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static GSubprocess *server;
static char *server_url;   /* http://127.0.0.1:PORT */

/* Name lookups never leave this machine in tests: every name fails, as it
 * would for a mistyped server. Literal addresses need no lookup. */
typedef struct { GResolver parent_instance; } NoResolver;
typedef struct { GResolverClass parent_class; } NoResolverClass;
static GType no_resolver_get_type (void);
G_GNUC_UNUSED G_DEFINE_TYPE (NoResolver, no_resolver, G_TYPE_RESOLVER)

static void
no_lookup_async (GResolver               *resolver,
                 const char              *hostname,
                 GResolverNameLookupFlags flags,
                 GCancellable            *cancellable,
                 GAsyncReadyCallback      callback,
                 gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "No such host %s", hostname);
}

static GList *
no_lookup_finish (GResolver     *resolver,
                  GAsyncResult  *result,
                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_resolver_class_init (NoResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name_with_flags_async = no_lookup_async;
  resolver_class->lookup_by_name_with_flags_finish = no_lookup_finish;
  resolver_class->lookup_by_name_async = (gpointer) no_lookup_async;
  resolver_class->lookup_by_name_finish = no_lookup_finish;
}

static void
no_resolver_init (NoResolver *self)
{
}

/* Starts PouchDB Server on a free loopback port, with USER and PASSWORD as
 * its admin, and keeps name lookups on this machine. */
static inline void
sec_test_couch_start (const char *source_dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autofree char *script = g_build_filename (source_dir, "couch", "server.js", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GResolver) resolver = g_object_new (no_resolver_get_type (), NULL);

  g_resolver_set_default (resolver);
  g_subprocess_launcher_setenv (launcher, "COUCH_USER", USER, TRUE);
  g_subprocess_launcher_setenv (launcher, "COUCH_PASSWORD", PASSWORD, TRUE);
  server = g_subprocess_launcher_spawn (launcher, &error, "node", script, "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "listening "))
    g_error ("PouchDB Server did not start (run npm ci in tests/couch): %s", line ? line : "no output");
  server_url = g_strdup_printf ("http://127.0.0.1:%s", line + strlen ("listening "));
}

static inline void
sec_test_couch_stop (void)
{
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_clear_pointer (&server_url, g_free);
}
