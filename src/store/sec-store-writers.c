/* sec-store-writers.c: seeing what other connections write to the file
 *
 * Part of SecStore, split off for size. SQLite's data_version tells a
 * connection that another one committed; table_writes tells which tables
 * it wrote, counted by triggers that each store makes on its own
 * connection. A writer that does not count (the sqlite3 shell, a file put
 * back) changed every table, as far as anyone can tell.
 */

#include "sec-store-private.h"

#define WATCH_KEY "sec-store-writers"
#define INTERVAL_MS 1000   /* a commit elsewhere shows within this, and the refresh */

typedef struct {
  SecStore   *store;       /* not a reference: the store owns the watch */
  guint       timer;
  gint64      data_version;
  GHashTable *writes;      /* entity name → count last seen */
  gboolean    wrote;       /* this store wrote since the counts were read */
} Watch;

static gboolean
count_writes_of (SecStore   *self,
                 const char *table,
                 const char *entity,
                 GError    **error)
{
  static const char *const events[][2] = { { "INSERT", "NEW" }, { "UPDATE", "NEW" }, { "DELETE", "OLD" } };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *name = entity ? g_strdup (entity) : g_strdup_printf ("%s.entity", events[i][1]);
      g_autofree char *sql = g_strdup_printf ("CREATE TEMP TRIGGER %s_counted_%s AFTER %s ON main.%s BEGIN "
                                              "INSERT INTO table_writes (entity, writes) VALUES (%s%s%s, 1) "
                                              "ON CONFLICT (entity) DO UPDATE SET writes = writes + 1; END",
                                              table, events[i][0], events[i][0], table,
                                              entity ? "'" : "", name, entity ? "'" : "");
      if (!sec_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* Makes this connection count its writes of every table a window lists. */
gboolean
sec_store_count_writes (SecStore  *self,
                        GError   **error)
{
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    if (!count_writes_of (self, (*e)->name, (*e)->name, error))
      return FALSE;
  return count_writes_of (self, "conflict", NULL, error);
}

static gint64
data_version (SecStore *self)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

/* Reads table_writes; returns the entities whose count moved since last. */
static GPtrArray *
read_writes (Watch *watch)
{
  GPtrArray *changed = g_ptr_array_new ();
  sqlite3_stmt *stmt = sec_store_prepare (watch->store, "SELECT entity, writes FROM table_writes", NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const SecEntity *entity = sec_entity_lookup ((const char *) sqlite3_column_text (stmt, 0));
      gint64 writes = sqlite3_column_int64 (stmt, 1);
      gpointer seen = NULL;

      if (entity == NULL)
        continue;
      if (!g_hash_table_lookup_extended (watch->writes, entity->name, NULL, &seen) ||
          *(gint64 *) seen != writes)
        {
          gint64 *count = g_new (gint64, 1);
          *count = writes;
          g_hash_table_insert (watch->writes, (gpointer) entity->name, count);
          g_ptr_array_add (changed, (gpointer) entity);
        }
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return changed;
}

static gboolean
on_tick (gpointer data)
{
  Watch *watch = data;
  g_autoptr(GPtrArray) changed = NULL;
  gint64 version;

  if (sec_store_in_transaction (watch->store))
    return G_SOURCE_CONTINUE;
  version = data_version (watch->store);
  if (version == watch->data_version && !watch->wrote)
    return G_SOURCE_CONTINUE;
  changed = read_writes (watch);
  watch->wrote = FALSE;
  if (version == watch->data_version)
    return G_SOURCE_CONTINUE;   /* the counts moved by this store's own writes, which it told */
  watch->data_version = version;
  if (changed->len == 0)
    for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
      g_ptr_array_add (changed, (gpointer) *e);
  for (guint i = 0; i < changed->len; i++)
    sec_store_emit_changed (watch->store, g_ptr_array_index (changed, i), NULL);
  return G_SOURCE_CONTINUE;
}

/* The store's own writes move the counts too: they are read again, and
 * not told again, at the next tick. */
static void
on_own_change (SecStore        *store,
               const SecEntity *entity,
               const char      *id,
               Watch           *watch)
{
  watch->wrote = TRUE;
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  /* Freed with the store, whose handlers, its own among them, are gone. */
  g_clear_handle_id (&watch->timer, g_source_remove);
  g_hash_table_unref (watch->writes);
  g_free (watch);
}

/* From now on, tells the models of each table another connection wrote,
 * within a second of its commit. The main loop must run. */
void
sec_store_watch_writers (SecStore *self)
{
  Watch *watch;

  g_return_if_fail (SEC_IS_STORE (self));

  if (g_object_get_data (G_OBJECT (self), WATCH_KEY) != NULL)
    return;
  watch = g_new0 (Watch, 1);
  watch->store = self;
  watch->writes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  watch->data_version = data_version (self);
  g_ptr_array_unref (read_writes (watch));
  g_signal_connect (self, "changed", G_CALLBACK (on_own_change), watch);
  watch->timer = g_timeout_add (INTERVAL_MS, on_tick, watch);
  g_source_set_name_by_id (watch->timer, "[secretariat] other writers");
  g_object_set_data_full (G_OBJECT (self), WATCH_KEY, watch, watch_free);
}
