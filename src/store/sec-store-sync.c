/* sec-store-sync.c: the store's side of sync
 *
 * Part of SecStore, split off for size: what the replication engine reads
 * (dirty records with their sync columns) and writes (remote documents,
 * pushed revisions, checkpoints, conflicts). Every write here goes through
 * the same row writer as local saves, so search and change notifications
 * follow.
 */

#include <glib/gi18n.h>

#include "sec-store-private.h"
#include "sec-store-sync.h"

#define SYNC_COLUMNS ", rev, base, deleted, dirty"

void
sec_sync_state_free (SecSyncState *state)
{
  if (state == NULL)
    return;
  g_clear_object (&state->record);
  g_free (state->rev);
  g_free (state->base);
  g_free (state->updated_at);
  g_free (state);
}

void
sec_conflict_free (SecConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->record_id);
  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->remote_value);
  g_free (conflict->remote_rev);
  g_free (conflict);
}

void
sec_losing_rev_free (SecLosingRev *losing)
{
  if (losing == NULL)
    return;
  g_free (losing->record_id);
  g_free (losing->rev);
  g_free (losing);
}

/* Helpers */

static SecSyncState *
state_from_row (const SecEntity *entity,
                sqlite3_stmt    *stmt)
{
  SecSyncState *state = g_new0 (SecSyncState, 1);
  int column = (int) entity->n_fields + 3;

  state->record = sec_store_record_from_row (entity, stmt);
  state->updated_at = g_strdup (sec_record_get_updated_at (state->record));
  state->rev = g_strdup ((const char *) sqlite3_column_text (stmt, column));
  state->base = g_strdup ((const char *) sqlite3_column_text (stmt, column + 1));
  state->deleted = sqlite3_column_int (stmt, column + 2);
  state->dirty = sqlite3_column_int (stmt, column + 3);
  return state;
}

static char *
state_sql (const SecEntity *entity,
           const char      *where)
{
  g_autofree char *head = sec_store_select_sql (entity, TRUE);
  g_autoptr(GString) sql = g_string_new (head);

  /* The sync columns go after the fields, before FROM. */
  g_string_replace (sql, " FROM ", SYNC_COLUMNS " FROM ", 1);
  g_string_append (sql, where);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Public API */

/* The record @id with its sync columns, deleted or not; %NULL if the store
 * never had it. */
SecSyncState *
sec_store_sync_state (SecStore        *self,
                      const SecEntity *entity,
                      const char      *id)
{
  g_autofree char *sql = state_sql (entity, "id = ?");
  sqlite3_stmt *stmt;
  SecSyncState *state = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = state_from_row (entity, stmt);
  sqlite3_reset (stmt);
  return state;
}

/* Up to @limit records of @entity changed since their last push, after the
 * row @after_rowid (0 to start), in row order. */
GPtrArray *
sec_store_sync_dirty (SecStore        *self,
                      const SecEntity *entity,
                      gint64           after_rowid,
                      guint            limit)
{
  g_autofree char *sql = state_sql (entity, "dirty = 1 AND rowid > ? ORDER BY rowid LIMIT ?");
  GPtrArray *states = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_sync_state_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), states);

  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return states;
  sqlite3_bind_int64 (stmt, 1, after_rowid);
  sqlite3_bind_int64 (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (states, state_from_row (entity, stmt));
  sqlite3_reset (stmt);
  return states;
}

/* How many records, of every entity, wait to be pushed. */
guint
sec_store_sync_count_dirty (SecStore *self)
{
  guint n = 0;

  g_return_val_if_fail (SEC_IS_STORE (self), 0);

  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE dirty = 1", (*e)->name);
      sqlite3_stmt *stmt = sec_store_prepare (self, sql, NULL);

      if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
        n += (guint) sqlite3_column_int64 (stmt, 0);
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
  return n;
}

/* Writes a record as sync found it: its values, whether it is deleted, and
 * its sync columns. The record keeps its own update stamp. */
gboolean
sec_store_sync_write (SecStore   *self,
                      SecRecord  *record,
                      gboolean    deleted,
                      const char *rev,
                      const char *base,
                      gboolean    dirty,
                      GError    **error)
{
  SecSyncColumns sync = { deleted, dirty, rev, base };
  g_autofree char *now = sec_store_now ();
  const char *stamp = sec_record_get_updated_at (record);

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (!sec_store_exec (self, "SAVEPOINT sec_sync_write", error))
    return FALSE;
  if (!sec_store_write_record (self, record, stamp ? stamp : now, &sync, error) ||
      !sec_store_update_search_of (self, record, error))
    {
      sec_store_exec (self, "ROLLBACK TO sec_sync_write; RELEASE sec_sync_write", NULL);
      return FALSE;
    }
  if (!sec_store_exec (self, "RELEASE sec_sync_write", error))
    return FALSE;
  sec_store_queue_change (self, sec_record_get_entity (record), sec_record_get_id (record));
  return TRUE;
}

/* After the remote took a push: stores its revision and the document as
 * agreed, and clears dirty unless the record changed again meanwhile. */
gboolean
sec_store_sync_mark_pushed (SecStore        *self,
                            const SecEntity *entity,
                            const char      *id,
                            const char      *pushed_updated_at,
                            const char      *rev,
                            const char      *base,
                            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET rev = ?1, base = ?2, dirty = (updated_at IS NOT ?3) "
                                          "WHERE id = ?4", entity->name);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rev, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 2, base);
  sec_store_bind_text (stmt, 3, pushed_updated_at);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_TRANSIENT);
  return sec_store_step_done (self, stmt, error);
}

/* The last _changes sequence applied from @remote, or %NULL. */
char *
sec_store_sync_checkpoint (SecStore   *self,
                           const char *remote)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, "SELECT seq FROM sync_checkpoint WHERE remote = ?", NULL);
  char *seq = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, remote, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return seq;
}

gboolean
sec_store_sync_set_checkpoint (SecStore    *self,
                               const char  *remote,
                               const char  *seq,
                               GError     **error)
{
  g_autofree char *now = sec_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  stmt = sec_store_prepare (self, "INSERT INTO sync_checkpoint (remote, seq, updated_at) VALUES (?1, ?2, ?3) "
                                  "ON CONFLICT (remote) DO UPDATE SET seq = ?2, updated_at = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, remote, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, seq, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return sec_store_step_done (self, stmt, error);
}

/* Keeps the remote value of a field both sides changed; a later conflict on
 * the same field replaces it. */
gboolean
sec_store_add_conflict (SecStore        *self,
                        const SecEntity *entity,
                        const char      *record_id,
                        const char      *field,
                        const char      *local_value,
                        const char      *remote_value,
                        const char      *remote_rev,
                        GError         **error)
{
  g_autofree char *now = sec_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  stmt = sec_store_prepare (self,
    "INSERT INTO conflict (entity, record_id, field, local_value, remote_value, remote_rev, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (entity, record_id, field) DO UPDATE SET "
    "local_value = ?4, remote_value = ?5, remote_rev = ?6, created_at = ?7", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 4, local_value);
  sec_store_bind_text (stmt, 5, remote_value);
  sec_store_bind_text (stmt, 6, remote_rev);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!sec_store_step_done (self, stmt, error))
    return FALSE;
  sec_store_queue_change (self, entity, record_id);
  return TRUE;
}

/* The conflicts waiting for someone to choose, oldest first. */
GPtrArray *
sec_store_conflicts (SecStore *self)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_conflict_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), conflicts);

  stmt = sec_store_prepare (self, "SELECT id, entity, record_id, field, local_value, remote_value, remote_rev "
                                  "FROM conflict ORDER BY id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SecConflict *c = g_new0 (SecConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->entity = sec_entity_lookup ((const char *) sqlite3_column_text (stmt, 1));
      c->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->field = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->local_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      c->remote_value = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      c->remote_rev = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      if (c->entity != NULL)
        g_ptr_array_add (conflicts, c);
      else
        sec_conflict_free (c);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return conflicts;
}

static SecConflict *
find_conflict (SecStore *self,
               gint64    conflict_id)
{
  g_autoptr(GPtrArray) conflicts = sec_store_conflicts (self);

  for (guint i = 0; i < conflicts->len; i++)
    if (((SecConflict *) g_ptr_array_index (conflicts, i))->id == conflict_id)
      return g_ptr_array_steal_index (conflicts, i);
  return NULL;
}

/* Settles a conflict: the remote value replaces the local one (and is
 * pushed as a local change), or the local value stays. */
gboolean
sec_store_resolve_conflict (SecStore  *self,
                            gint64     conflict_id,
                            gboolean   take_remote,
                            GError   **error)
{
  g_autoptr(SecConflict) conflict = find_conflict (self, conflict_id);
  g_autoptr(SecRecord) record = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (conflict == NULL)
    {
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND, _("That conflict is already settled"));
      return FALSE;
    }
  if (!sec_store_exec (self, "SAVEPOINT sec_resolve", error))
    return FALSE;
  if (take_remote && sec_entity_get_field (conflict->entity, conflict->field) != NULL)
    {
      if ((record = sec_store_load (self, conflict->entity, conflict->record_id, error)) == NULL)
        goto fail;
      sec_record_set (record, conflict->field, conflict->remote_value);
      if (!sec_store_save (self, record, error))
        goto fail;
    }
  stmt = sec_store_prepare (self, "DELETE FROM conflict WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!sec_store_step_done (self, stmt, error))
    goto fail;
  sec_store_queue_change (self, conflict->entity, conflict->record_id);
  return sec_store_exec (self, "RELEASE sec_resolve", error);

fail:
  sec_store_exec (self, "ROLLBACK TO sec_resolve; RELEASE sec_resolve", NULL);
  return FALSE;
}

/* Notes a revision the server keeps in conflict with the record's winner. */
gboolean
sec_store_add_losing_rev (SecStore        *self,
                          const SecEntity *entity,
                          const char      *record_id,
                          const char      *rev,
                          GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  stmt = sec_store_prepare (self, "INSERT OR IGNORE INTO sync_losing (entity, record_id, rev) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_TRANSIENT);
  return sec_store_step_done (self, stmt, error);
}

/* The losing revisions whose differences are all settled: the server may
 * now forget them. */
GPtrArray *
sec_store_settled_losing_revs (SecStore *self)
{
  GPtrArray *settled = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_losing_rev_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), settled);

  stmt = sec_store_prepare (self, "SELECT entity, record_id, rev FROM sync_losing AS l WHERE NOT EXISTS "
                                  "(SELECT 1 FROM conflict AS c WHERE c.entity = l.entity AND "
                                  "c.record_id = l.record_id AND c.remote_rev = l.rev)", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SecLosingRev *losing = g_new0 (SecLosingRev, 1);

      losing->entity = sec_entity_lookup ((const char *) sqlite3_column_text (stmt, 0));
      losing->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      losing->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (losing->entity != NULL)
        g_ptr_array_add (settled, losing);
      else
        sec_losing_rev_free (losing);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return settled;
}

gboolean
sec_store_forget_losing_rev (SecStore      *self,
                             SecLosingRev  *losing,
                             GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  stmt = sec_store_prepare (self, "DELETE FROM sync_losing WHERE entity = ? AND record_id = ? AND rev = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, losing->entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, losing->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, losing->rev, -1, SQLITE_TRANSIENT);
  return sec_store_step_done (self, stmt, error);
}
