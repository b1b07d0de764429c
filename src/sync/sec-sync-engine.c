/* sec-sync-engine.c: replication between the store and a CouchDB database
 *
 * One run pulls, then pushes, generic over the entity descriptions:
 *
 * - pull: _changes since the checkpoint, in batches; each batch and the new
 *   checkpoint are applied in one transaction, so a cut connection loses
 *   nothing and repeats nothing. A remote change to a clean record replaces
 *   it; to a dirty record it is merged field by field against the base, and
 *   a field both sides changed is kept as a conflict.
 * - push: dirty records as _bulk_docs batches, each with its _rev. An ok
 *   stores the new rev and clears dirty (unless the record changed again
 *   meanwhile); a conflict fetches the remote document, merges it and
 *   retries; any other refusal is reported and the record stays dirty.
 */

#include <glib/gi18n.h>

#include "sec-json.h"
#include "sec-store-sync.h"
#include "sec-sync-document.h"
#include "sec-sync-engine.h"

#define BATCH 500
#define MAX_CONFLICT_ROUNDS 3

struct _SecSyncEngine
{
  GObject         parent_instance;
  SecStore       *store;
  SecCouchClient *client;
};

G_DEFINE_FINAL_TYPE (SecSyncEngine, sec_sync_engine, G_TYPE_OBJECT)

enum { PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  SecSyncReport   *report;
  char            *since;
  guint            entity;        /* push cursor: index in sec_entity_all () */
  gint64           after_rowid;
  GPtrArray       *batch;         /* SecSyncState being pushed */
  GPtrArray       *documents;     /* JsonObject, same order */
  GPtrArray       *to_fetch;      /* document ids the remote had newer */
  GPtrArray       *losing;        /* SecLosingRev the server holds in conflict */
  GPtrArray       *discards;      /* SecLosingRev being deleted on the server */
  guint            rounds;
} Run;

static void push_next (GTask *task);

void
sec_sync_report_free (SecSyncReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_free (report);
}

static void
run_free (Run *run)
{
  sec_sync_report_free (run->report);
  g_free (run->since);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->documents, g_ptr_array_unref);
  g_clear_pointer (&run->to_fetch, g_ptr_array_unref);
  g_clear_pointer (&run->losing, g_ptr_array_unref);
  g_clear_pointer (&run->discards, g_ptr_array_unref);
  g_free (run);
}

/* Applying remote documents */

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

static gboolean
note_conflict (SecSyncEngine   *self,
               Run             *run,
               const SecEntity *entity,
               const char      *id,
               const char      *field,
               const char      *local,
               const char      *remote,
               const char      *rev,
               GError         **error)
{
  run->report->conflicts++;
  return sec_store_add_conflict (self->store, entity, id, field, local, remote, rev, error);
}

/* A remote change to a record with local changes: merge, keep conflicts,
 * and stay dirty so the merged record goes back. */
static gboolean
merge_into (SecSyncEngine   *self,
            Run             *run,
            SecSyncState    *state,
            JsonObject      *document,
            GError         **error)
{
  SecRecord *record = state->record;
  const SecEntity *entity = sec_record_get_entity (record);
  const char *id = sec_record_get_id (record);
  const char *rev = sec_json_string (document, "_rev", NULL);
  gboolean remote_deleted = sec_json_true (document, "_deleted");
  g_autofree char *text = object_to_text (document);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) conflicts = NULL;
  JsonObject *base = NULL;

  if (remote_deleted != state->deleted)
    {
      /* Deleted on one side, changed on the other: keep the local state and
       * let a person decide. The base stays the last version with values. */
      if (!sec_store_sync_write (self->store, record, state->deleted, rev,
                                 remote_deleted ? state->base : text, TRUE, error))
        return FALSE;
      return note_conflict (self, run, entity, id, "_deleted", state->deleted ? "deleted" : "changed",
                            remote_deleted ? "deleted" : "changed", rev, error);
    }
  if (state->base != NULL && json_parser_load_from_data (parser, state->base, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    base = json_node_get_object (json_parser_get_root (parser));
  conflicts = sec_sync_merge (record, base, document);
  if (!sec_store_sync_write (self->store, record, state->deleted, rev, text, TRUE, error))
    return FALSE;
  for (guint i = 0; i < conflicts->len; i++)
    {
      SecMergeConflict *c = g_ptr_array_index (conflicts, i);
      if (!note_conflict (self, run, entity, id, c->field, c->local, c->remote, rev, error))
        return FALSE;
    }
  return TRUE;
}

/* Applies one remote document. A document that cannot be a record fails
 * the whole batch, which then changes nothing; documents of record types
 * this version does not know are left to the versions that do. */
static gboolean
apply_document (SecSyncEngine  *self,
                Run            *run,
                JsonObject     *document,
                GError        **error)
{
  const char *id = NULL;
  const SecEntity *entity = sec_sync_document_entity (document, &id);
  const char *rev = sec_json_string (document, "_rev", NULL);
  gboolean deleted = sec_json_true (document, "_deleted");
  g_autoptr(SecSyncState) state = NULL;
  g_autoptr(SecRecord) record = NULL;
  g_autofree char *text = NULL;

  if (entity == NULL)
    {
      if (!g_str_has_prefix (sec_json_string (document, "_id", ""), "_design/"))
        run->report->skipped++;
      return TRUE;
    }
  if (rev == NULL)
    {
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_BAD_DOCUMENT,
                   _("The server sent %s:%s without a revision"), entity->name, id);
      return FALSE;
    }
  if (!sec_sync_document_check (entity, document, error))
    return FALSE;
  state = sec_store_sync_state (self->store, entity, id);
  if (state != NULL && g_strcmp0 (state->rev, rev) == 0)
    return TRUE;   /* our own push coming back */
  run->report->pulled++;
  if (state != NULL && state->dirty)
    return merge_into (self, run, state, document, error);
  if (deleted && state == NULL)
    return TRUE;
  /* A tombstone keeps the last values and the base that had them. */
  record = deleted ? g_object_ref (state->record) : sec_sync_document_record (entity, id, document);
  text = deleted ? g_strdup (state->base) : object_to_text (document);
  if (!sec_store_sync_write (self->store, record, deleted, rev, text, FALSE, error))
    {
      g_prefix_error (error, _("Cannot store %s:%s from the server: "), entity->name, id);
      return FALSE;
    }
  return TRUE;
}

/* Documents the server itself holds in conflict list their losing
 * revisions; each is fetched after the pull and compared with the winner. */
static void
note_losing_revs (Run        *run,
                  JsonObject *document)
{
  const char *id = NULL;
  const SecEntity *entity = sec_sync_document_entity (document, &id);
  JsonArray *revs = sec_json_array (document, "_conflicts");

  for (guint i = 0; entity != NULL && revs != NULL && i < json_array_get_length (revs); i++)
    {
      JsonNode *rev = json_array_get_element (revs, i);
      SecLosingRev *losing;

      if (!JSON_NODE_HOLDS_VALUE (rev) || json_node_get_value_type (rev) != G_TYPE_STRING)
        continue;
      losing = g_new0 (SecLosingRev, 1);
      losing->entity = entity;
      losing->record_id = g_strdup (id);
      losing->rev = g_strdup (json_node_get_string (rev));
      g_ptr_array_add (run->losing, losing);
    }
}

/* Keeps each field where the losing revision differs from the record (the
 * winner) as a conflict, so a person can choose; nothing is lost. */
static gboolean
compare_losing (SecSyncEngine  *self,
                Run            *run,
                SecLosingRev   *losing,
                JsonObject     *document,
                GError        **error)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (self->store, losing->entity, losing->record_id);
  g_autoptr(SecRecord) theirs = sec_sync_document_record (losing->entity, losing->record_id, document);
  const SecEntity *entity = losing->entity;

  if (state == NULL)
    return TRUE;
  for (guint i = 0; i < entity->n_fields; i++)
    if (g_strcmp0 (sec_record_get_nth (state->record, i), sec_record_get_nth (theirs, i)) != 0 &&
        !note_conflict (self, run, entity, losing->record_id, entity->fields[i].name,
                        sec_record_get_nth (state->record, i), sec_record_get_nth (theirs, i), losing->rev, error))
      return FALSE;
  return sec_store_add_losing_rev (self->store, entity, losing->record_id, losing->rev, error);
}

static void fetch_losing_next (GTask *task);

static void
on_losing_fetched (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(SecLosingRev) losing = g_ptr_array_steal_index (run->losing, run->losing->len - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);

  if (node == NULL && !g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND))
    return g_task_return_error (task, g_steal_pointer (&error));
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!sec_store_begin (self->store, &error) ||
          !compare_losing (self, run, losing, json_node_get_object (node), &error) ||
          !sec_store_commit (self->store, &error))
        {
          sec_store_rollback (self->store);
          return g_task_return_error (task, g_steal_pointer (&error));
        }
    }
  fetch_losing_next (g_steal_pointer (&task));
}

static void
fetch_losing_next (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  SecLosingRev *losing;
  g_autofree char *id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *path = NULL;

  if (run->losing->len == 0)
    {
      push_next (task);
      return;
    }
  losing = g_ptr_array_index (run->losing, run->losing->len - 1);
  id = sec_sync_document_id (losing->entity, losing->record_id);
  escaped = g_uri_escape_string (id, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH_ELEMENT, FALSE);
  rev = g_uri_escape_string (losing->rev, NULL, FALSE);
  path = g_strdup_printf ("%s?rev=%s", escaped, rev);
  sec_couch_client_request_async (self->client, "GET", path, NULL, g_task_get_cancellable (task),
                                  on_losing_fetched, task);
}

/* Pull */

static char *
seq_text (JsonObject *changes)
{
  JsonNode *seq = json_object_get_member (changes, "last_seq");

  if (seq == NULL || !JSON_NODE_HOLDS_VALUE (seq))
    return NULL;
  if (json_node_get_value_type (seq) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (seq));
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (seq));
}

static gboolean
apply_changes (SecSyncEngine  *self,
               Run            *run,
               JsonArray      *results,
               const char     *last_seq,
               GError        **error)
{
  if (!sec_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *node = json_array_get_element (results, i);
      JsonObject *change = sec_json_object (node);
      JsonNode *doc = change ? json_object_get_member (change, "doc") : NULL;
      JsonObject *document = sec_json_object (doc);

      if (change == NULL || (doc != NULL && document == NULL))
        {
          g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB, _("The server’s list of changes is not CouchDB’s"));
          goto fail;
        }
      if (document != NULL && !apply_document (self, run, document, error))
        goto fail;
      if (document != NULL)
        note_losing_revs (run, document);
    }
  if (!sec_store_sync_set_checkpoint (self->store, sec_couch_client_get_url (self->client), last_seq, error) ||
      !sec_store_commit (self->store, error))
    goto fail;
  return TRUE;

fail:
  sec_store_rollback (self->store);
  return FALSE;
}

static void pull_next (GTask *task);

static void
on_changes (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);
  JsonObject *changes = sec_json_object (node);
  JsonArray *results = sec_json_array (changes, "results");
  g_autofree char *last_seq = changes ? seq_text (changes) : NULL;

  if (node == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (results == NULL || last_seq == NULL)
    return g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                                    _("The server’s list of changes is not CouchDB’s"));
  if (!apply_changes (self, run, results, last_seq, &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  g_free (run->since);
  run->since = g_steal_pointer (&last_seq);
  g_signal_emit (self, signals[PROGRESS], 0, run->report->pulled);
  if (json_array_get_length (results) >= BATCH)
    pull_next (g_steal_pointer (&task));
  else
    fetch_losing_next (g_steal_pointer (&task));
}

static void
pull_next (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *since = g_uri_escape_string (run->since ? run->since : "0", NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("_changes?style=all_docs&include_docs=true&conflicts=true&limit=%u&since=%s",
                                           BATCH, since);

  sec_couch_client_request_async (self->client, "GET", path, NULL, g_task_get_cancellable (task), on_changes, task);
}

/* Push */

static gboolean
record_results (SecSyncEngine  *self,
                Run            *run,
                JsonArray      *results,
                GError        **error)
{
  if (!sec_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (results) && i < run->batch->len; i++)
    {
      JsonObject *row = sec_json_object (json_array_get_element (results, i));
      SecSyncState *state = g_ptr_array_index (run->batch, i);
      JsonObject *document = g_ptr_array_index (run->documents, i);
      const char *rev = sec_json_string (row, "rev", NULL);
      const char *problem = row == NULL ? "no answer" : sec_json_string (row, "error", NULL);
      const SecEntity *entity = sec_record_get_entity (state->record);
      g_autofree char *text = NULL;

      if (problem == NULL && rev != NULL)
        {
          json_object_set_string_member (document, "_rev", rev);
          text = state->deleted ? NULL : object_to_text (document);
          if (!sec_store_sync_mark_pushed (self->store, entity, sec_record_get_id (state->record),
                                           state->updated_at, rev, text ? text : state->base, error))
            goto fail;
          run->report->pushed++;
        }
      else if (g_strcmp0 (problem, "conflict") == 0)
        g_ptr_array_add (run->to_fetch, g_strdup (json_object_get_string_member (document, "_id")));
      else
        g_ptr_array_add (run->report->problems,
                         g_strdup_printf (_("%s was refused: %s"), json_object_get_string_member (document, "_id"),
                                          sec_json_string (row, "reason", problem)));
    }
  return sec_store_commit (self->store, error);

fail:
  sec_store_rollback (self->store);
  return FALSE;
}

static void
on_bulk_docs (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);

  if (node == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                                    _("The server’s answer to a push is not CouchDB’s"));
  if (!record_results (self, run, json_node_get_array (node), &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  push_next (g_steal_pointer (&task));
}

/* Fills run->batch with the next dirty records, moving through the
 * entities; FALSE when every entity is done. */
static gboolean
next_batch (SecSyncEngine *self,
            Run           *run)
{
  const SecEntity *const *entities = sec_entity_all ();

  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->documents, g_ptr_array_unref);
  for (; entities[run->entity] != NULL; run->entity++, run->after_rowid = 0)
    {
      run->batch = sec_store_sync_dirty (self->store, entities[run->entity], run->after_rowid, BATCH);
      if (run->batch->len > 0)
        break;
      g_clear_pointer (&run->batch, g_ptr_array_unref);
    }
  if (run->batch == NULL)
    return FALSE;
  run->after_rowid = sec_record_get_rowid (((SecSyncState *) g_ptr_array_index (run->batch, run->batch->len - 1))->record);
  run->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; i < run->batch->len; i++)
    g_ptr_array_add (run->documents, sec_sync_document_new (g_ptr_array_index (run->batch, i)));
  return TRUE;
}

static void fetch_next (GTask *task);

static JsonNode *
bulk_body (JsonArray *docs)
{
  JsonObject *object = json_object_new ();
  JsonNode *body;

  json_object_set_array_member (object, "docs", docs);
  body = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return body;
}

/* Losing revisions whose conflicts are all settled are deleted, which
 * leaves the server with the winner alone. Whatever the answer, they are
 * forgotten: a revision already gone needs no second delete. */
static void
on_discarded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);

  if (node == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  for (guint i = 0; i < run->discards->len; i++)
    if (!sec_store_forget_losing_rev (self->store, g_ptr_array_index (run->discards, i), &error))
      return g_task_return_error (task, g_steal_pointer (&error));
  fetch_next (g_steal_pointer (&task));
}

static void
discard_losing (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  JsonArray *docs;

  if (run->discards != NULL)   /* once a run */
    {
      fetch_next (task);
      return;
    }
  run->discards = sec_store_settled_losing_revs (self->store);
  if (run->discards->len == 0)
    {
      fetch_next (task);
      return;
    }
  docs = json_array_new ();
  for (guint i = 0; i < run->discards->len; i++)
    {
      SecLosingRev *losing = g_ptr_array_index (run->discards, i);
      g_autofree char *id = sec_sync_document_id (losing->entity, losing->record_id);
      JsonObject *tombstone = json_object_new ();

      json_object_set_string_member (tombstone, "_id", id);
      json_object_set_string_member (tombstone, "_rev", losing->rev);
      json_object_set_boolean_member (tombstone, "_deleted", TRUE);
      json_array_add_object_element (docs, tombstone);
    }
  body = bulk_body (docs);
  sec_couch_client_request_async (self->client, "POST", "_bulk_docs", body, g_task_get_cancellable (task),
                                  on_discarded, task);
}

static void
push_next (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  JsonArray *docs;

  if (!next_batch (self, run))
    {
      discard_losing (task);
      return;
    }
  docs = json_array_new ();
  for (guint i = 0; i < run->documents->len; i++)
    json_array_add_object_element (docs, json_object_ref (g_ptr_array_index (run->documents, i)));
  body = bulk_body (docs);
  sec_couch_client_request_async (self->client, "POST", "_bulk_docs", body, g_task_get_cancellable (task),
                                  on_bulk_docs, task);
}

/* Conflicts on push: the remote has a newer revision. Fetch it, merge it,
 * and push again, a few rounds at most. */

static void
finish (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  for (guint i = 0; i < run->to_fetch->len; i++)
    g_ptr_array_add (run->report->problems,
                     g_strdup_printf (_("%s keeps changing on the server; it will be pushed next time"),
                                      (char *) g_ptr_array_index (run->to_fetch, i)));
  g_task_return_pointer (task, g_steal_pointer (&run->report), (GDestroyNotify) sec_sync_report_free);
  g_object_unref (task);
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);

  if (node == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      if (!sec_store_begin (self->store, &error) ||
          !apply_document (self, run, json_node_get_object (node), &error) ||
          !sec_store_commit (self->store, &error))
        {
          sec_store_rollback (self->store);
          return g_task_return_error (task, g_steal_pointer (&error));
        }
    }
  if (run->to_fetch->len > 0)
    return fetch_next (g_steal_pointer (&task));
  /* Everything fetched and merged: push again from the start. */
  run->rounds++;
  run->entity = 0;
  run->after_rowid = 0;
  push_next (g_steal_pointer (&task));
}

static void
fetch_next (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  if (run->to_fetch->len == 0 || run->rounds >= MAX_CONFLICT_ROUNDS)
    {
      finish (task);
      return;
    }
  id = g_ptr_array_steal_index (run->to_fetch, run->to_fetch->len - 1);
  path = g_uri_escape_string (id, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH_ELEMENT, FALSE);
  sec_couch_client_request_async (self->client, "GET", path, NULL, g_task_get_cancellable (task), on_fetched, task);
}

/* GObject */

static void
sec_sync_engine_finalize (GObject *object)
{
  SecSyncEngine *self = SEC_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (sec_sync_engine_parent_class)->finalize (object);
}

static void
sec_sync_engine_class_init (SecSyncEngineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sec_sync_engine_finalize;

  /**
   * SecSyncEngine::progress:
   * @pulled: remote changes applied so far in this run
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sec_sync_engine_init (SecSyncEngine *self)
{
}

/* Public API */

SecSyncEngine *
sec_sync_engine_new (SecStore       *store,
                     SecCouchClient *client)
{
  SecSyncEngine *self;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);
  g_return_val_if_fail (SEC_IS_COUCH_CLIENT (client), NULL);

  self = g_object_new (SEC_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  return self;
}

/* Pulls, then pushes. Queued changes stay in the store until the remote
 * took them, whatever happens to this run. */
void
sec_sync_engine_run_async (SecSyncEngine       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Run *run = g_new0 (Run, 1);

  g_return_if_fail (SEC_IS_SYNC_ENGINE (self));

  run->report = g_new0 (SecSyncReport, 1);
  run->report->problems = g_ptr_array_new_with_free_func (g_free);
  run->to_fetch = g_ptr_array_new_with_free_func (g_free);
  run->losing = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_losing_rev_free);
  run->since = sec_store_sync_checkpoint (self->store, sec_couch_client_get_url (self->client));
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  pull_next (task);
}

SecSyncReport *
sec_sync_engine_run_finish (SecSyncEngine  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
