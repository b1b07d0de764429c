/* sec-sync-scheduler.c: when sync runs, and what its status is
 *
 * Sync runs a few seconds after the store changes, every few minutes while
 * online, when the network comes back, and when asked. A failed run is
 * retried later and later (30 s, doubling, at most 30 min). Nothing is ever
 * dropped: what waits is the store's dirty records, which survive restarts.
 * The password comes from the Secret Service.
 */

#include <glib/gi18n.h>
#include <string.h>

#include "sec-credentials.h"
#include "sec-store-sync.h"
#include "sec-sync-engine.h"
#include "sec-sync-scheduler.h"

#define DEBOUNCE_SECONDS 3
#define PERIOD_SECONDS 300
#define FIRST_RETRY_SECONDS 30
#define LAST_RETRY_SECONDS 1800

struct _SecSyncScheduler
{
  GObject        parent_instance;
  SecStore      *store;
  GSettings     *settings;
  SecSyncEngine *engine;
  GCancellable  *cancellable;
  SecSyncStatus  status;
  char          *problem;
  int            problem_code;  /* a SecCouchError, or -1 */
  GDateTime     *synced_at;
  char          *password;
  gboolean       password_known;
  gboolean       again;
  guint          pulled;
  guint          failures;
  guint          timeout_id;
  guint          period_id;
};

G_DEFINE_FINAL_TYPE (SecSyncScheduler, sec_sync_scheduler, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start_run (SecSyncScheduler *self);

/* Helpers */

static void
set_problem (SecSyncScheduler *self,
             SecSyncStatus     status,
             const char       *problem,
             int               problem_code)
{
  self->status = status;
  self->problem_code = problem_code;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_status (SecSyncScheduler *self,
            SecSyncStatus     status,
            const char       *problem)
{
  set_problem (self, status, problem, -1);
}

static char *
get_url (SecSyncScheduler *self)
{
  return g_settings_get_string (self->settings, "sync-url");
}

static gboolean
on_timeout (gpointer user_data)
{
  SecSyncScheduler *self = user_data;

  self->timeout_id = 0;
  start_run (self);
  return G_SOURCE_REMOVE;
}

/* Runs in @seconds, unless a run is due sooner already. */
static void
run_in (SecSyncScheduler *self,
        guint             seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (seconds, on_timeout, self);
}

/* "Offline" only when there is no network at all: a server that refuses,
 * is not found or does not answer, on a network that is up, is a failure
 * the user can act on, and says so. */
static SecSyncStatus
status_for (GError *error)
{
  gboolean unreachable = g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_CONNECT) ||
                         g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_RESOLVE);

  if (unreachable && !g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    return SEC_SYNC_OFFLINE;
  return SEC_SYNC_FAILED;
}

/* Callbacks */

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SecSyncScheduler *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecSyncReport) report = sec_sync_engine_run_finish (SEC_SYNC_ENGINE (source), result, &error);

  g_clear_object (&self->engine);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      guint delay = MIN (FIRST_RETRY_SECONDS << MIN (self->failures, 6), LAST_RETRY_SECONDS);

      self->failures++;
      set_problem (self, status_for (error), error->message,
                   error->domain == SEC_COUCH_ERROR ? error->code : -1);
      run_in (self, delay);
      g_object_unref (self);
      return;
    }
  self->failures = 0;
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  self->synced_at = g_date_time_new_now_local ();
  set_status (self, report->problems->len > 0 ? SEC_SYNC_FAILED : SEC_SYNC_IDLE,
              report->problems->len > 0 ? g_ptr_array_index (report->problems, 0) : NULL);
  /* Edits made while this run was under way wait in the store: the store
   * cannot tell them from sync's own writes, but the dirty count can. */
  if (self->again || (report->problems->len == 0 && sec_store_sync_count_dirty (self->store) > 0))
    run_in (self, DEBOUNCE_SECONDS);
  self->again = FALSE;
  g_object_unref (self);
}

static void
on_progress (SecSyncEngine    *engine,
             guint             pulled,
             SecSyncScheduler *self)
{
  self->pulled = pulled;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
run_engine (SecSyncScheduler *self)
{
  g_autofree char *url = get_url (self);
  g_autofree char *user = g_settings_get_string (self->settings, "sync-user");
  g_autofree char *office = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, user, self->password, &error);

  if (client == NULL)
    {
      set_problem (self, SEC_SYNC_FAILED, error->message, error->domain == SEC_COUCH_ERROR ? error->code : -1);
      return;
    }
  self->engine = sec_sync_engine_new (self->store, client);
  office = g_settings_get_string (self->settings, "office-name");
  sec_sync_engine_set_office (self->engine, office);
  self->pulled = 0;
  g_signal_connect (self->engine, "progress", G_CALLBACK (on_progress), self);
  set_status (self, SEC_SYNC_RUNNING, NULL);
  sec_sync_engine_run_async (self->engine, self->cancellable, on_run_done, g_object_ref (self));
}

static void
on_password (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SecSyncScheduler *self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = sec_credentials_lookup_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_free (self->password);
      self->password = password;
      self->password_known = TRUE;
      run_engine (self);
    }
  g_object_unref (self);
}

static void
start_run (SecSyncScheduler *self)
{
  g_autofree char *url = get_url (self);
  g_autofree char *user = g_settings_get_string (self->settings, "sync-user");

  if (*url == '\0')
    {
      set_status (self, SEC_SYNC_OFF, NULL);
      return;
    }
  if (self->engine != NULL)
    {
      self->again = TRUE;
      return;
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->password_known && *user != '\0')
    {
      set_status (self, SEC_SYNC_RUNNING, NULL);
      sec_credentials_lookup_async (url, user, self->cancellable, on_password, g_object_ref (self));
      return;
    }
  run_engine (self);
}

static void
on_store_changed (SecStore         *store,
                  const SecEntity  *entity,
                  const char       *id,
                  SecSyncScheduler *self)
{
  /* Sync's own writes change the store too; they need no new run. */
  if (self->engine != NULL)
    return;
  if (self->status != SEC_SYNC_OFF)
    run_in (self, DEBOUNCE_SECONDS);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_settings_changed (GSettings        *settings,
                     const char       *key,
                     SecSyncScheduler *self)
{
  self->password_known = FALSE;
  g_clear_pointer (&self->password, g_free);
  self->failures = 0;
  run_in (self, 1);
}

static gboolean
on_period (gpointer user_data)
{
  SecSyncScheduler *self = user_data;

  if (self->status != SEC_SYNC_OFF && self->timeout_id == 0)
    start_run (self);
  return G_SOURCE_CONTINUE;
}

static void
on_network_changed (GNetworkMonitor  *monitor,
                    gboolean          available,
                    SecSyncScheduler *self)
{
  if (available && (self->status == SEC_SYNC_OFFLINE || self->status == SEC_SYNC_FAILED))
    {
      self->failures = 0;
      run_in (self, 1);
    }
}

/* GObject */

static void
sec_sync_scheduler_dispose (GObject *object)
{
  SecSyncScheduler *self = SEC_SYNC_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (g_network_monitor_get_default (), self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->synced_at, g_date_time_unref);
  g_clear_pointer (&self->problem, g_free);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);

  G_OBJECT_CLASS (sec_sync_scheduler_parent_class)->dispose (object);
}

static void
sec_sync_scheduler_class_init (SecSyncSchedulerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sec_sync_scheduler_dispose;

  /**
   * SecSyncScheduler::changed:
   *
   * The status, the count of waiting changes or of conflicts may read
   * differently.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sec_sync_scheduler_init (SecSyncScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->problem_code = -1;
}

/* Public API */

SecSyncScheduler *
sec_sync_scheduler_new (SecStore  *store,
                        GSettings *settings)
{
  SecSyncScheduler *self;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SEC_TYPE_SYNC_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  g_signal_connect (settings, "changed::sync-url", G_CALLBACK (on_settings_changed), self);
  g_signal_connect (settings, "changed::sync-user", G_CALLBACK (on_settings_changed), self);
  g_signal_connect (g_network_monitor_get_default (), "network-changed", G_CALLBACK (on_network_changed), self);
  self->period_id = g_timeout_add_seconds (PERIOD_SECONDS, on_period, self);
  {
    g_autofree char *url = get_url (self);
    self->status = *url == '\0' ? SEC_SYNC_OFF : SEC_SYNC_IDLE;
  }
  run_in (self, 1);
  return self;
}

SecStore *
sec_sync_scheduler_get_store (SecSyncScheduler *self)
{
  g_return_val_if_fail (SEC_IS_SYNC_SCHEDULER (self), NULL);
  return self->store;
}

void
sec_sync_scheduler_sync_now (SecSyncScheduler *self)
{
  g_return_if_fail (SEC_IS_SYNC_SCHEDULER (self));

  self->failures = 0;
  start_run (self);
}

/* The password typed in the preferences: kept for this session and in the
 * Secret Service; the next run uses it. */
void
sec_sync_scheduler_set_password (SecSyncScheduler *self,
                                 const char       *password)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;

  g_return_if_fail (SEC_IS_SYNC_SCHEDULER (self));

  url = get_url (self);
  user = g_settings_get_string (self->settings, "sync-user");
  g_free (self->password);
  self->password = g_strdup (password);
  self->password_known = TRUE;
  if (*url != '\0' && *user != '\0')
    sec_credentials_store_async (url, user, password, NULL, NULL, NULL);
  self->failures = 0;
  run_in (self, 1);
}

SecSyncStatus
sec_sync_scheduler_get_status (SecSyncScheduler *self)
{
  g_return_val_if_fail (SEC_IS_SYNC_SCHEDULER (self), SEC_SYNC_OFF);
  return self->status;
}

guint
sec_sync_scheduler_get_waiting (SecSyncScheduler *self)
{
  g_return_val_if_fail (SEC_IS_SYNC_SCHEDULER (self), 0);
  return sec_store_sync_count_dirty (self->store);
}

guint
sec_sync_scheduler_get_conflicts (SecSyncScheduler *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;

  g_return_val_if_fail (SEC_IS_SYNC_SCHEDULER (self), 0);
  conflicts = sec_store_conflicts (self->store);
  return conflicts->len;
}

/* What went wrong, in two words: the header bar has no room for more. */
static const char *
headline_for (int problem_code)
{
  switch (problem_code)
    {
    case SEC_COUCH_ERROR_RESOLVE:
      return _("Server not found");
    case SEC_COUCH_ERROR_CONNECT:
      return _("Server unreachable");
    case SEC_COUCH_ERROR_UNAUTHORIZED:
    case SEC_COUCH_ERROR_FORBIDDEN:
      return _("Wrong password");
    case SEC_COUCH_ERROR_BAD_URL:
    case SEC_COUCH_ERROR_INSECURE:
    case SEC_COUCH_ERROR_NOT_FOUND:
    case SEC_COUCH_ERROR_NOT_COUCHDB:
      return _("Check the server address");
    case SEC_COUCH_ERROR_TLS:
      return _("Certificate not trusted");
    case SEC_COUCH_ERROR_SERVER:
      return _("Server error");
    default:
      return _("Sync failed");
    }
}

/* The whole story for the sync menu: the reason, and what waits. */
char *
sec_sync_scheduler_explain (SecSyncScheduler *self)
{
  g_autofree char *headline = NULL;
  g_autofree char *waits = NULL;
  guint waiting;

  g_return_val_if_fail (SEC_IS_SYNC_SCHEDULER (self), NULL);

  headline = sec_sync_scheduler_describe (self);
  if (self->status != SEC_SYNC_FAILED && self->status != SEC_SYNC_OFFLINE)
    return g_steal_pointer (&headline);
  waiting = sec_sync_scheduler_get_waiting (self);
  waits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u change waits to be sent. Secretariat tries again by itself.",
                                        "%u changes wait to be sent. Secretariat tries again by itself.",
                                        waiting), waiting);
  return g_strdup_printf ("%s\n%s\n%s", headline,
                          self->status == SEC_SYNC_OFFLINE ? _("There is no network connection.")
                                                           : (self->problem ? self->problem : ""),
                          waits);
}

/* One line for the header bar: "Synced at 14:05", "3 changes waiting",
 * "Offline, 3 changes waiting", "Server unreachable". */
char *
sec_sync_scheduler_describe (SecSyncScheduler *self)
{
  guint waiting;

  g_return_val_if_fail (SEC_IS_SYNC_SCHEDULER (self), NULL);

  waiting = sec_sync_scheduler_get_waiting (self);
  switch (self->status)
    {
    case SEC_SYNC_OFF:
      return g_strdup (_("Sync is off"));
    case SEC_SYNC_RUNNING:
      if (self->pulled > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing… %u change received", "Syncing… %u changes received",
                                             self->pulled), self->pulled);
      return g_strdup (_("Syncing…"));
    case SEC_SYNC_OFFLINE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline, %u change waiting", "Offline, %u changes waiting",
                                           waiting), waiting);
    case SEC_SYNC_FAILED:
      return g_strdup (headline_for (self->problem_code));
    case SEC_SYNC_IDLE:
    default:
      if (waiting > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting", waiting), waiting);
      if (self->synced_at != NULL)
        {
          g_autofree char *time = g_date_time_format (self->synced_at, "%H:%M");
          return g_strdup_printf (_("Synced at %s"), time);
        }
      return g_strdup (_("Not synced yet"));
    }
}
