/* sec-store-sync.c: the store's side of sync
 *
 * Part of SecStore, split off for size: what the replication engine reads
 * (dirty records with their sync columns) and writes (remote documents,
 * pushed revisions, checkpoints, conflicts). Every write here goes through
 * the same row writer as local saves, so search and change notifications
 * follow.
 */

#include <glib/gi18n.h>

#include "sec-json.h"
#include "sec-store-private.h"
#include "sec-store-sync.h"

#define SYNC_COLUMNS ", rev, base, deleted, dirty"
/* An open conflict that holds a record of table %s back from the push. */
#define HELD_BY_CONFLICT "SELECT 1 FROM conflict AS c WHERE c.entity = '%s' AND c.record_id = %s.id AND " \
                         "c.settled = 0 AND (c.leaf = 1 OR c.field = '_deleted')"
/* Whether the parent of a child of table %s is to be kept or deleted: the
 * child waits for that answer too. */
#define HELD_WITH_PARENT "SELECT 1 FROM conflict AS c WHERE c.entity = '%s' AND c.record_id = %s.%s AND " \
                         "c.settled = 0 AND c.field = '_deleted'"
/* Agreed bodies kept for each record, newest revisions first. */
#define BODIES_KEPT 10

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
  g_free (conflict->base_value);
  g_free (conflict->local_office);
  g_free (conflict->local_at);
  g_free (conflict->remote_office);
  g_free (conflict->remote_at);
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

/* Binds a record's entity and id, and unless %NULL a revision, to ?1, ?2
 * and ?3: the key of every table of sync's own. */
static sqlite3_stmt *
prepare_for_record (SecStore        *self,
                    const char      *sql,
                    const SecEntity *entity,
                    const char      *record_id,
                    const char      *rev,
                    GError         **error)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  if (rev != NULL)
    sqlite3_bind_text (stmt, 3, rev, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
run_on_record (SecStore        *self,
               const char      *sql,
               const SecEntity *entity,
               const char      *record_id,
               const char      *rev,
               GError         **error)
{
  sqlite3_stmt *stmt = prepare_for_record (self, sql, entity, record_id, rev, error);

  return stmt != NULL && sec_store_step_done (self, stmt, error);
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
 * row @after_rowid (0 to start), in row order. A record waiting for a
 * person to choose between leaves, or between a deletion and an edit,
 * waits: pushing it would decide for them. */
GPtrArray *
sec_store_sync_dirty (SecStore        *self,
                      const SecEntity *entity,
                      gint64           after_rowid,
                      guint            limit)
{
  g_autoptr(GString) where = g_string_new ("dirty = 1 AND rowid > ? AND NOT EXISTS (");
  g_autofree char *sql = NULL;
  GPtrArray *states = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_sync_state_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), states);

  g_string_append_printf (where, HELD_BY_CONFLICT ")", entity->name, entity->name);
  if (entity->parent != NULL)
    g_string_append_printf (where, " AND NOT EXISTS (" HELD_WITH_PARENT ")",
                            entity->parent->name, entity->name, entity->parent_field);
  g_string_append (where, " ORDER BY rowid LIMIT ?");
  sql = state_sql (entity, where->str);
  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return states;
  sqlite3_bind_int64 (stmt, 1, after_rowid);
  sqlite3_bind_int64 (stmt, 2, limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (states, state_from_row (entity, stmt));
  sqlite3_reset (stmt);
  return states;
}

/* The first kind of child of @id that has live children changed here since
 * the last push, and when the newest of them changed; %NULL if none. */
const SecEntity *
sec_store_sync_changed_child (SecStore        *self,
                              const SecEntity *entity,
                              const char      *id,
                              char           **changed_at)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if ((*e)->parent != entity)
        continue;
      sql = g_strdup_printf ("SELECT max(updated_at) FROM %s WHERE %s = ? AND deleted = 0 AND dirty = 1",
                             (*e)->name, (*e)->parent_field);
      if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        {
          if (changed_at != NULL)
            *changed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
          return *e;
        }
      sqlite3_reset (stmt);
    }
  return NULL;
}

/* Whether a person is yet to choose if @id stays or goes. */
gboolean
sec_store_deletion_in_question (SecStore        *self,
                                const SecEntity *entity,
                                const char      *id)
{
  sqlite3_stmt *stmt = prepare_for_record (self, "SELECT 1 FROM conflict WHERE entity = ? AND record_id = ? AND "
                                                 "field = '_deleted' AND settled = 0", entity, id, NULL, NULL);
  gboolean open;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (stmt == NULL)
    return FALSE;
  open = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return open;
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

/* Before a record's revision moves on, keeps the body this office agreed
 * on for the old one, if its base is that body (not a merge of leaves,
 * which no server holds), and lets the oldest go. */
static gboolean
keep_agreed_body (SecStore        *self,
                  const SecEntity *entity,
                  const char      *id,
                  const char      *new_rev,
                  GError         **error)
{
  g_autofree char *keep = g_strdup_printf ("INSERT OR IGNORE INTO sync_body (entity, record_id, rev, body) "
                                           "SELECT '%s', id, rev, base FROM %s WHERE id = ?1 AND rev IS NOT ?2 "
                                           "AND json_valid (base) AND json_extract (base, '$._rev') = rev",
                                           entity->name, entity->name);
  sqlite3_stmt *stmt = sec_store_prepare (self, keep, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 2, new_rev);
  if (!sec_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (sec_store_get_db (self)) == 0)
    return TRUE;
  return run_on_record (self, "DELETE FROM sync_body WHERE entity = ?1 AND record_id = ?2 AND rev NOT IN "
                             "(SELECT rev FROM sync_body WHERE entity = ?1 AND record_id = ?2 "
                             "ORDER BY CAST (rev AS INTEGER) DESC LIMIT " G_STRINGIFY (BODIES_KEPT) ")",
                       entity, id, NULL, error);
}

/* Before sync writes a record it had agreed on before under a new
 * revision: keeps the old body a while. */
gboolean
sec_store_sync_keep_body (SecStore        *self,
                          const SecEntity *entity,
                          const char      *id,
                          const char      *new_rev,
                          GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  return keep_agreed_body (self, entity, id, new_rev, error);
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

  if (!keep_agreed_body (self, entity, id, rev, error) || (stmt = sec_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rev, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 2, base);
  sec_store_bind_text (stmt, 3, pushed_updated_at);
  sqlite3_bind_text (stmt, 4, id, -1, SQLITE_TRANSIENT);
  if (!sec_store_step_done (self, stmt, error))
    return FALSE;
  /* The winner moved on: settled conflicts that named it are done with. */
  return run_on_record (self, "DELETE FROM conflict WHERE entity = ?1 AND record_id = ?2 AND settled = 1 AND "
                              "remote_rev NOT IN (SELECT rev FROM sync_losing WHERE entity = ?1 AND "
                              "record_id = ?2)", entity, id, NULL, error);
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

static gboolean
run_on_field (SecStore          *self,
              const char        *sql,
              const SecConflict *c,
              GError           **error)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c->field, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 4, c->local_value);
  sec_store_bind_text (stmt, 5, c->remote_value);
  return sec_store_step_done (self, stmt, error);
}

/* Keeps a conflict for a person to settle. Every value another office
 * sent for a field in question is kept, each against what this office
 * holds now; a value this office came to hold is no longer in question.
 * A leaf conflict is kept once for its field and leaf, and one settled
 * before stays so. */
gboolean
sec_store_add_conflict (SecStore          *self,
                        const SecConflict *c,
                        GError           **error)
{
  g_autofree char *now = sec_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (!c->leaf &&
      (!run_on_field (self, "DELETE FROM conflict WHERE entity = ?1 AND record_id = ?2 AND field = ?3 AND leaf = 0 "
                            "AND (remote_value IS ?4 OR remote_value IS ?5)", c, error) ||
       !run_on_field (self, "UPDATE conflict SET local_value = ?4 WHERE entity = ?1 AND record_id = ?2 AND "
                            "field = ?3 AND leaf = 0 AND remote_value IS NOT ?5", c, error)))
    return FALSE;
  stmt = sec_store_prepare (self,
    "INSERT INTO conflict (entity, record_id, field, local_value, remote_value, remote_rev, created_at, "
    "base_value, local_office, local_at, remote_office, remote_at, leaf) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT (entity, record_id, field, remote_rev, leaf) DO UPDATE SET local_value = ?4, remote_value = ?5, "
    "base_value = ?8, local_office = ?9, local_at = ?10, remote_office = ?11, remote_at = ?12 "
    "WHERE settled = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->entity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c->field, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 4, c->local_value);
  sec_store_bind_text (stmt, 5, c->remote_value);
  sec_store_bind_text (stmt, 6, c->remote_rev);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  sec_store_bind_text (stmt, 8, c->base_value);
  sec_store_bind_text (stmt, 9, c->local_office);
  sec_store_bind_text (stmt, 10, c->local_at);
  sec_store_bind_text (stmt, 11, c->remote_office);
  sec_store_bind_text (stmt, 12, c->remote_at);
  sqlite3_bind_int (stmt, 13, c->leaf);
  if (!sec_store_step_done (self, stmt, error))
    return FALSE;
  sec_store_queue_change (self, c->entity, c->record_id);
  return TRUE;
}

static gboolean
in_strv (GStrv       strv,
         const char *text)
{
  return text != NULL && strv != NULL && g_strv_contains ((const char *const *) strv, text);
}

static gboolean
forget_rows_not_in (SecStore        *self,
                    const char      *select,
                    const char      *delete,
                    const SecEntity *entity,
                    const char      *record_id,
                    GStrv            leaves,
                    GError         **error)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare_for_record (self, select, entity, record_id, NULL, error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!in_strv (leaves, (const char *) sqlite3_column_text (stmt, 0)))
      g_ptr_array_add (gone, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  for (guint i = 0; i < gone->len; i++)
    if (!run_on_record (self, delete, entity, record_id, g_ptr_array_index (gone, i), error))
      return FALSE;
  return TRUE;
}

/* Whether any record has a field in question between leaves. */
gboolean
sec_store_any_open_leaf (SecStore *self)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, "SELECT 1 FROM conflict WHERE leaf = 1 AND settled = 0 LIMIT 1", NULL);
  gboolean any;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (stmt == NULL)
    return TRUE;
  any = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return any;
}

/* The fields of a record still in question between leaves, or %NULL. */
GStrv
sec_store_open_leaf_fields (SecStore        *self,
                            const SecEntity *entity,
                            const char      *record_id)
{
  sqlite3_stmt *stmt = prepare_for_record (self, "SELECT DISTINCT field FROM conflict WHERE entity = ? AND "
                                                 "record_id = ? AND leaf = 1 AND settled = 0",
                                           entity, record_id, NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      any = TRUE;
    }
  sqlite3_reset (stmt);
  return any ? g_strv_builder_end (builder) : NULL;
}

/* Before the leaves of a record are merged again: its open leaf conflicts
 * go (the merge finds them anew), and so does all that names a revision no
 * longer among @leaves, which someone settled, here or elsewhere. */
gboolean
sec_store_forget_leaves (SecStore        *self,
                         const SecEntity *entity,
                         const char      *record_id,
                         GStrv            leaves,
                         GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (!run_on_record (self, "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND leaf = 1 AND settled = 0",
                      entity, record_id, NULL, error) ||
      !forget_rows_not_in (self, "SELECT DISTINCT remote_rev FROM conflict WHERE entity = ? AND record_id = ? AND leaf = 1",
                           "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND leaf = 1 AND remote_rev = ?",
                           entity, record_id, leaves, error) ||
      !forget_rows_not_in (self, "SELECT rev FROM sync_losing WHERE entity = ? AND record_id = ?",
                           "DELETE FROM sync_losing WHERE entity = ? AND record_id = ? AND rev = ?",
                           entity, record_id, leaves, error))
    return FALSE;
  sec_store_queue_change (self, entity, record_id);
  return TRUE;
}

static SecConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  SecConflict *c = g_new0 (SecConflict, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->entity = sec_entity_lookup ((const char *) sqlite3_column_text (stmt, 1));
  c->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  c->field = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  c->local_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  c->remote_value = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  c->remote_rev = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  c->base_value = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  c->local_office = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  c->local_at = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  c->remote_office = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  c->remote_at = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  c->leaf = sqlite3_column_int (stmt, 12);
  return c;
}

/* The conflicts waiting for someone to choose, oldest first, a record's
 * together. */
GPtrArray *
sec_store_conflicts (SecStore *self)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_conflict_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), conflicts);

  stmt = sec_store_prepare (self, "SELECT id, entity, record_id, field, local_value, remote_value, remote_rev, "
                                  "base_value, local_office, local_at, remote_office, remote_at, leaf "
                                  "FROM conflict AS c WHERE settled = 0 ORDER BY "
                                  "(SELECT min (id) FROM conflict AS o WHERE o.entity = c.entity AND "
                                  "o.record_id = c.record_id AND o.settled = 0), id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SecConflict *c = conflict_from_row (stmt);

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

/* A deletion against an edit: taking the other side deletes the record,
 * or brings it back with the other office's values, kept in its base. */
static gboolean
take_remote_state (SecStore    *self,
                   SecConflict *conflict,
                   GError     **error)
{
  g_autoptr(SecRecord) record = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SecSyncState) state = sec_store_sync_state (self, conflict->entity, conflict->record_id);

  if (state == NULL)
    return TRUE;   /* never here: nothing to take */
  if (g_strcmp0 (conflict->remote_value, "deleted") == 0)
    return state->deleted || sec_store_delete (self, conflict->entity, conflict->record_id, error);
  if (!state->deleted)
    return TRUE;   /* already back, with what was changed here since */
  if (!sec_store_restore (self, conflict->entity, conflict->record_id, error))
    return FALSE;
  record = sec_store_load (self, conflict->entity, conflict->record_id, error);
  if (record == NULL)
    return FALSE;
  if (state->base != NULL && json_parser_load_from_data (parser, state->base, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    sec_record_fill_from_json (record, json_node_get_object (json_parser_get_root (parser)));
  return sec_store_save (self, record, error);
}

/* @base (JSON) with @field set to @value, or without it for none. */
static char *
with_value (const char *base,
            const char *field,
            const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (base == NULL || !json_parser_load_from_data (parser, base, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (base);
  object = json_node_get_object (json_parser_get_root (parser));
  if (value != NULL)
    json_object_set_string_member (object, field, value);
  else
    json_object_remove_member (object, field);
  return json_to_string (json_parser_get_root (parser), FALSE);
}

static gboolean
take_remote_value (SecStore    *self,
                   SecConflict *conflict,
                   GError     **error)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (self, conflict->entity, conflict->record_id);
  SecRecord *record = state ? state->record : NULL;

  /* A field this version does not know stays as the merge left it. */
  if (sec_entity_get_field (conflict->entity, conflict->field) == NULL || record == NULL)
    return TRUE;
  if (state->deleted)
    {
      /* Deleted here, edited elsewhere: the choice waits in the values
       * that restoring it brings back. */
      g_autofree char *base = with_value (state->base, conflict->field, conflict->remote_value);
      sec_record_set (record, conflict->field, conflict->remote_value);
      return sec_store_sync_write (self, record, TRUE, state->rev, base, state->dirty, error);
    }
  sec_record_set (record, conflict->field, conflict->remote_value);
  return sec_store_save (self, record, error);
}

/* Runs each of @sql (two statements) on the conflicts of one record. */
static gboolean
run_on_conflicts (SecStore          *self,
                  const char *const  sql[2],
                  const SecEntity   *entity,
                  const char        *record_id,
                  GError           **error)
{
  if (!run_on_record (self, sql[0], entity, record_id, NULL, error) ||
      !run_on_record (self, sql[1], entity, record_id, NULL, error))
    return FALSE;
  sec_store_queue_change (self, entity, record_id);
  return TRUE;
}

/* Whether a record stays is answered, here or by the record coming back
 * from elsewhere: every question of that kind about it goes. */
gboolean
sec_store_settle_deletion_of (SecStore        *self,
                              const SecEntity *entity,
                              const char      *record_id,
                              GError         **error)
{
  static const char *const sql[] = {
    "UPDATE conflict SET settled = 1 WHERE entity = ? AND record_id = ? AND field = '_deleted' AND leaf = 1",
    "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND field = '_deleted' AND leaf = 0",
  };

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  return run_on_conflicts (self, sql, entity, record_id, error);
}

/* The children of @record_id asked about alone, whether they stay: the
 * question about their parent speaks for them. */
gboolean
sec_store_drop_deletion_questions_of_children (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = NULL;

      if ((*e)->parent != entity)
        continue;
      sql = g_strdup_printf ("DELETE FROM conflict WHERE entity = '%s' AND field = '_deleted' AND leaf = 0 AND "
                             "record_id IN (SELECT id FROM %s WHERE %s = ?2)",
                             (*e)->name, (*e)->name, (*e)->parent_field);
      if (!run_on_record (self, sql, entity, record_id, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Keeping a deletion against edits that won on the server: the record
 * is sent again, as a tombstone on top of them, with the children that
 * came from elsewhere meanwhile. */
static gboolean
push_again (SecStore    *self,
            SecConflict *conflict,
            GError     **error)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (self, conflict->entity, conflict->record_id);
  g_autofree char *now = sec_store_now ();
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET dirty = 1, updated_at = ? WHERE id = ?", conflict->entity->name);
  sqlite3_stmt *stmt;

  if (state != NULL && !state->deleted)   /* back meanwhile: deleted anew */
    return sec_store_delete (self, conflict->entity, conflict->record_id, error);
  if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, conflict->record_id, -1, SQLITE_TRANSIENT);
  return sec_store_step_done (self, stmt, error) &&
         sec_store_set_children_deleted (self, conflict->entity, conflict->record_id, TRUE, NULL, error);
}

/* Keeping a record another office deleted brings back what it deleted
 * along with it: the children that went at the same moment. */
static gboolean
bring_back_children (SecStore    *self,
                     SecConflict *conflict,
                     GError     **error)
{
  g_autoptr(SecRecord) record = NULL;

  if (!sec_store_set_children_deleted (self, conflict->entity, conflict->record_id, FALSE, conflict->remote_at, error))
    return FALSE;
  record = sec_store_load (self, conflict->entity, conflict->record_id, NULL);
  return record == NULL || sec_store_update_search_of (self, record, error);
}

/* A child kept or brought back whose parent is deleted here: the parent
 * comes back too, with the children deleted along with it, or the child
 * would stay under a record no one sees. */
static gboolean
bring_back_parent (SecStore    *self,
                   SecConflict *conflict,
                   GError     **error)
{
  const SecEntity *entity = conflict->entity;
  g_autoptr(SecSyncState) child = entity->parent ? sec_store_sync_state (self, entity, conflict->record_id) : NULL;
  const char *parent_id = child ? sec_record_get (child->record, entity->parent_field) : NULL;
  g_autoptr(SecSyncState) parent = parent_id ? sec_store_sync_state (self, entity->parent, parent_id) : NULL;

  if (parent == NULL || !parent->deleted || child->deleted)
    return TRUE;
  return sec_store_restore (self, entity->parent, parent_id, error) &&
         sec_store_settle_deletion_of (self, entity->parent, parent_id, error);
}

/* A record deleted, by someone's choice here or by another office: the
 * questions about its fields go with it. */
gboolean
sec_store_settle_conflicts_of (SecStore        *self,
                               const SecEntity *entity,
                               const char      *record_id,
                               GError         **error)
{
  static const char *const sql[] = {
    "UPDATE conflict SET settled = 1 WHERE entity = ? AND record_id = ? AND leaf = 1",
    "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND leaf = 0",
  };

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  return run_on_conflicts (self, sql, entity, record_id, error);
}

/* Settles a conflict: the remote value replaces the local one (and is
 * pushed as a local change), or the local value stays. A leaf conflict
 * is kept as settled until its leaf is gone from the server. */
gboolean
sec_store_resolve_conflict (SecStore  *self,
                            gint64     conflict_id,
                            gboolean   take_remote,
                            GError   **error)
{
  g_autoptr(SecConflict) conflict = find_conflict (self, conflict_id);
  gboolean deletion;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (conflict == NULL)
    {
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND, _("That conflict is already settled"));
      return FALSE;
    }
  deletion = g_str_equal (conflict->field, "_deleted");
  if (!sec_store_exec (self, "SAVEPOINT sec_resolve", error))
    return FALSE;
  /* Settled first, so that a save below is no longer held back by it. */
  stmt = sec_store_prepare (self, conflict->leaf ? "UPDATE conflict SET settled = 1 WHERE id = ?"
                                                 : "DELETE FROM conflict WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (!sec_store_step_done (self, stmt, error))
    goto fail;
  if (take_remote && !(deletion ? take_remote_state (self, conflict, error) : take_remote_value (self, conflict, error)))
    goto fail;
  if (!take_remote && deletion &&
      !(g_strcmp0 (conflict->local_value, "deleted") == 0 ? push_again (self, conflict, error)
                                                          : bring_back_children (self, conflict, error)))
    goto fail;
  if (deletion && g_strcmp0 (take_remote ? conflict->remote_value : conflict->local_value, "deleted") == 0 &&
      !sec_store_settle_conflicts_of (self, conflict->entity, conflict->record_id, error))
    goto fail;
  /* One answer to whether the record stays, whichever side asked it. */
  if (deletion && !sec_store_settle_deletion_of (self, conflict->entity, conflict->record_id, error))
    goto fail;
  if (deletion && !bring_back_parent (self, conflict, error))
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
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  return run_on_record (self, "INSERT OR IGNORE INTO sync_losing (entity, record_id, rev) VALUES (?, ?, ?)",
                        entity, record_id, rev, error);
}

/* The losing leaves @sql selects, of one record, or of all with %NULL. */
static GPtrArray *
losing_revs (SecStore        *self,
             const char      *sql,
             const SecEntity *entity,
             const char      *record_id)
{
  GPtrArray *losing = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_losing_rev_free);
  sqlite3_stmt *stmt = entity ? prepare_for_record (self, sql, entity, record_id, NULL, NULL)
                              : sec_store_prepare (self, sql, NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      SecLosingRev *rev = g_new0 (SecLosingRev, 1);

      rev->entity = sec_entity_lookup ((const char *) sqlite3_column_text (stmt, 0));
      rev->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      rev->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (rev->entity != NULL)
        g_ptr_array_add (losing, rev);
      else
        sec_losing_rev_free (rev);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return losing;
}

/* The leaves of one record that go once it is pushed. */
GPtrArray *
sec_store_losing_revs_of (SecStore        *self,
                          const SecEntity *entity,
                          const char      *record_id)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  return losing_revs (self, "SELECT entity, record_id, rev FROM sync_losing WHERE entity = ? AND record_id = ?",
                      entity, record_id);
}

/* The losing leaves whose records no open conflict holds back: their
 * content is in the merge or in someone's choice, and the server may now
 * forget them. */
GPtrArray *
sec_store_settled_losing_revs (SecStore *self)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  return losing_revs (self, "SELECT entity, record_id, rev FROM sync_losing AS l WHERE NOT EXISTS "
                            "(SELECT 1 FROM conflict AS c WHERE c.entity = l.entity AND c.record_id = l.record_id "
                            "AND c.settled = 0 AND (c.leaf = 1 OR c.field = '_deleted'))", NULL, NULL);
}

/* A losing leaf the server deleted: it and the settled conflicts that
 * named it are done with. */
gboolean
sec_store_forget_losing_rev (SecStore      *self,
                             SecLosingRev  *losing,
                             GError       **error)
{
  static const char *const sql[] = {
    "DELETE FROM sync_losing WHERE entity = ? AND record_id = ? AND rev = ?",
    "DELETE FROM conflict WHERE entity = ? AND record_id = ? AND remote_rev = ? AND settled = 1",
  };

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!run_on_record (self, sql[i], losing->entity, losing->record_id, losing->rev, error))
      return FALSE;
  return TRUE;
}

/* A deleted leaf dealt with: a merged branch, or a settled deletion. */
gboolean
sec_store_add_settled_leaf (SecStore        *self,
                            const SecEntity *entity,
                            const char      *record_id,
                            const char      *rev,
                            GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  return run_on_record (self, "INSERT OR IGNORE INTO sync_settled_leaf (entity, record_id, rev) VALUES (?, ?, ?)",
                        entity, record_id, rev, error);
}

gboolean
sec_store_is_settled_leaf (SecStore        *self,
                           const SecEntity *entity,
                           const char      *record_id,
                           const char      *rev)
{
  sqlite3_stmt *stmt = prepare_for_record (self, "SELECT 1 FROM sync_settled_leaf WHERE entity = ? AND "
                                                 "record_id = ? AND rev = ?", entity, record_id, rev, NULL);
  gboolean settled;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (stmt == NULL)
    return FALSE;
  settled = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return settled;
}

/* Notes a document whose leaves are to be merged; written with the pull
 * batch that found it, so a run cut short merges it next time. */
gboolean
sec_store_sync_queue_merge (SecStore        *self,
                            const SecEntity *entity,
                            const char      *record_id,
                            GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  return run_on_record (self, "INSERT OR IGNORE INTO sync_to_merge (entity, record_id) VALUES (?, ?)",
                        entity, record_id, NULL, error);
}

/* The next document waiting for its leaves to be merged; FALSE if none. */
gboolean
sec_store_sync_next_merge (SecStore         *self,
                           const SecEntity **entity,
                           char            **record_id)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, "SELECT entity, record_id FROM sync_to_merge", NULL);
  gboolean found = FALSE;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  while (stmt != NULL && !found && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *entity = sec_entity_lookup ((const char *) sqlite3_column_text (stmt, 0));
      *record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = *entity != NULL;
      if (!found)
        g_clear_pointer (record_id, g_free);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return found;
}

gboolean
sec_store_sync_merged (SecStore        *self,
                       const SecEntity *entity,
                       const char      *record_id,
                       GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  return run_on_record (self, "DELETE FROM sync_to_merge WHERE entity = ? AND record_id = ?",
                        entity, record_id, NULL, error);
}

/* The body of revision @rev of a record as this office agreed on it, or
 * %NULL if it kept none. */
char *
sec_store_sync_body (SecStore        *self,
                     const SecEntity *entity,
                     const char      *record_id,
                     const char      *rev)
{
  g_autofree char *sql = g_strdup_printf ("SELECT body FROM sync_body WHERE entity = ?1 AND record_id = ?2 AND rev = ?3 "
                                          "UNION ALL SELECT base FROM %s WHERE id = ?2 AND rev = ?3 AND "
                                          "json_valid (base) AND json_extract (base, '$._rev') = ?3",
                                          entity->name);
  sqlite3_stmt *stmt = rev ? prepare_for_record (self, sql, entity, record_id, rev, NULL) : NULL;
  char *body = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    body = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return body;
}
