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
 * - leaves: a document the server holds in conflict (two leaves or more,
 *   left by any replicator) is noted during the pull and merged after it:
 *   its leaves and their histories, three-way against their common
 *   ancestor (sec-sync-leaves.c). The merge goes on the winner, and the
 *   merged leaves are deleted in the same _bulk_docs, once no conflict of
 *   theirs waits for a person.
 *
 * Every document says which office wrote it (the office property).
 */

#include <glib/gi18n.h>

#include "sec-json.h"
#include "sec-store-sync.h"
#include "sec-sync-document.h"
#include "sec-sync-engine.h"
#include "sec-sync-leaves.h"

#define BATCH 500
#define MAX_CONFLICT_ROUNDS 3

struct _SecSyncEngine
{
  GObject         parent_instance;
  SecStore       *store;
  SecCouchClient *client;
  char           *office;
};

G_DEFINE_FINAL_TYPE (SecSyncEngine, sec_sync_engine, G_TYPE_OBJECT)

enum { PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_OFFICE, N_PROPS };
static GParamSpec *properties[N_PROPS];

typedef struct {
  SecSyncReport   *report;
  char            *since;
  guint            entity;        /* push cursor: index in sec_entity_all () */
  gint64           after_rowid;
  GPtrArray       *batch;         /* SecSyncState being pushed */
  GPtrArray       *documents;     /* JsonObject, same order */
  GPtrArray       *tombstones;    /* SecLosingRev deleted with the batch, after its documents */
  GPtrArray       *to_fetch;      /* document ids the remote had newer */
  GPtrArray       *discards;      /* SecLosingRev being deleted on the server */
  GPtrArray       *leaves;        /* SecLeaf of the document being merged */
  GPtrArray       *arrivals;      /* SecConflict: children of the batch, asking about their parents */
  const SecEntity *merging;
  char            *merging_id;
  gboolean         open_leaves;   /* some field is in question between leaves */
  guint            rounds;
} Run;

static void push_next (GTask *task);
static void merge_next (GTask *task);

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
  g_clear_pointer (&run->tombstones, g_ptr_array_unref);
  g_clear_pointer (&run->to_fetch, g_ptr_array_unref);
  g_clear_pointer (&run->discards, g_ptr_array_unref);
  g_clear_pointer (&run->leaves, g_ptr_array_unref);
  g_clear_pointer (&run->arrivals, g_ptr_array_unref);
  g_free (run->merging_id);
  g_free (run);
}

/* Applying remote documents */

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

/* A field's value as a conflict keeps it: the record's text for a plain
 * value, JSON for a list or an object that only another client knows. */
static char *
value_text (JsonNode *node)
{
  if (node != NULL && !JSON_NODE_HOLDS_VALUE (node) && !JSON_NODE_HOLDS_NULL (node))
    return json_to_string (node, FALSE);
  return sec_json_node_text (node);
}

static char *
member_text (JsonObject *object,
             const char *name)
{
  return object ? value_text (json_object_get_member (object, name)) : NULL;
}

static gboolean
note_conflict (SecSyncEngine  *self,
               Run            *run,
               SecConflict    *conflict,
               GError        **error)
{
  run->report->conflicts++;
  return sec_store_add_conflict (self->store, conflict, error);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Writes what sync found for a record; the body agreed before, if any,
 * is kept a while, for merges of leaves that branched from it. */
static gboolean
write_synced (SecSyncEngine *self,
              SecSyncState  *state,
              SecRecord     *record,
              gboolean       deleted,
              const char    *rev,
              const char    *base,
              gboolean       dirty,
              GError       **error)
{
  const SecEntity *entity = sec_record_get_entity (record);

  if (state != NULL && state->base != NULL &&
      !sec_store_sync_keep_body (self->store, entity, sec_record_get_id (record), rev, error))
    return FALSE;
  return sec_store_sync_write (self->store, record, deleted, rev, base, dirty, error);
}

/* Whether @record holds the values of @document in every field. */
static gboolean
holds_document (SecRecord  *record,
                JsonObject *document)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_autofree char *theirs = member_text (document, entity->fields[i].name);
      if (g_strcmp0 (sec_record_get_nth (record, i), theirs) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The parent of @child, if it has one and the store has it. */
static SecSyncState *
parent_state (SecSyncEngine *self,
              SecRecord     *child)
{
  const SecEntity *entity = sec_record_get_entity (child);
  const char *parent_id = entity->parent ? sec_record_get (child, entity->parent_field) : NULL;

  return parent_id ? sec_store_sync_state (self->store, entity->parent, parent_id) : NULL;
}

/* Whether a person is to choose if the parent of @child stays, with its
 * children changed here, or goes with them: that answer decides for the
 * child too. */
static gboolean
parent_in_question (SecSyncEngine *self,
                    SecRecord     *child)
{
  g_autoptr(SecSyncState) parent = parent_state (self, child);

  return parent != NULL &&
         sec_store_deletion_in_question (self->store, sec_record_get_entity (parent->record),
                                         sec_record_get_id (parent->record));
}

/* Whether @state is a child deleted here, whose parent is deleted here
 * too, that changed elsewhere: the child then takes the change, and the
 * question is the parent's (restoring the child alone would leave it under
 * a deleted parent). */
static gboolean
deleted_with_parent (SecSyncEngine *self,
                     SecSyncState  *state,
                     JsonObject    *document)
{
  g_autoptr(SecSyncState) parent = NULL;

  if (state == NULL || !state->deleted || sec_json_true (document, "_deleted"))
    return FALSE;
  parent = parent_state (self, state->record);
  return parent != NULL && parent->deleted;
}

/* A remote change to a record with local changes: merge, keep conflicts,
 * and stay dirty so the merged record goes back. @base is what to keep as
 * the record's base: the remote document, or a merge of leaves, whose own
 * conflicts ask about the fields in @in_question, and which @unwritten
 * when no server holds it yet. */
static gboolean
merge_into (SecSyncEngine   *self,
            Run             *run,
            SecSyncState    *state,
            JsonObject      *document,
            const char      *base,
            GStrv            in_question,
            gboolean         unwritten,
            GError         **error)
{
  SecRecord *record = state->record;
  const SecEntity *entity = sec_record_get_entity (record);
  const char *rev = sec_json_string (document, "_rev", NULL);
  gboolean remote_deleted = sec_json_true (document, "_deleted");
  g_autoptr(JsonObject) agreed = parse_object (state->base);
  g_autoptr(GPtrArray) merged = NULL;
  SecConflict conflict = {
    .entity = entity, .record_id = (char *) sec_record_get_id (record), .remote_rev = (char *) rev,
    .remote_office = (char *) sec_json_string (document, "office", NULL),
    .remote_at = (char *) sec_json_string (document, "updated_at", NULL),
    .local_at = state->updated_at,
  };

  if (remote_deleted && state->deleted)   /* deleted on both sides: agreed */
    return write_synced (self, state, record, TRUE, rev, state->base, FALSE, error);
  if (remote_deleted && parent_in_question (self, record))
    return write_synced (self, state, record, FALSE, rev, state->base, TRUE, error);
  if (remote_deleted != state->deleted)
    {
      /* Deleted on one side, changed on the other: keep the local state and
       * let a person decide, holding the record back until then. The base
       * stays the last version with values. */
      if (!write_synced (self, state, record, state->deleted, rev, remote_deleted ? state->base : base, TRUE, error))
        return FALSE;
      conflict.field = "_deleted";
      conflict.local_value = state->deleted ? "deleted" : "changed";
      conflict.remote_value = remote_deleted ? "deleted" : "changed";
      return note_conflict (self, run, &conflict, error);
    }
  merged = sec_sync_merge (record, agreed, document);
  /* Stays dirty unless the merge left nothing the remote lacks. */
  if (!write_synced (self, state, record, state->deleted, rev, base,
                     unwritten || merged->len > 0 || !holds_document (record, document), error))
    return FALSE;
  for (guint i = 0; i < merged->len; i++)
    {
      SecMergeConflict *c = g_ptr_array_index (merged, i);
      g_autofree char *was = member_text (agreed, c->field);

      if (in_question != NULL && g_strv_contains ((const char *const *) in_question, c->field))
        continue;
      conflict.field = (char *) c->field;
      conflict.local_value = c->local;
      conflict.remote_value = c->remote;
      conflict.base_value = was;
      if (!note_conflict (self, run, &conflict, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether @document stands for more than one leaf that needs a merge: live
 * leaves in conflict, or a deletion not yet dealt with. @changes is the
 * _changes row's list of leaves, or %NULL. */
static gboolean
has_leaves_to_merge (SecSyncEngine   *self,
                     Run             *run,
                     const SecEntity *entity,
                     const char      *id,
                     JsonObject      *document,
                     JsonArray       *changes)
{
  JsonArray *conflicts = sec_json_array (document, "_conflicts");
  JsonArray *deleted = sec_json_array (document, "_deleted_conflicts");
  const char *rev = sec_json_string (document, "_rev", NULL);
  g_auto(GStrv) in_question = run->open_leaves ? sec_store_open_leaf_fields (self->store, entity, id) : NULL;

  if (in_question != NULL)
    return TRUE;   /* what is in question here may have been settled elsewhere */
  if (sec_json_true (document, "_deleted"))
    return FALSE;   /* every leaf is deleted */
  if (conflicts != NULL && json_array_get_length (conflicts) > 0)
    return TRUE;
  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      const char *leaf = sec_json_string (sec_json_object (json_array_get_element (changes, i)), "rev", NULL);
      if (leaf != NULL && g_strcmp0 (leaf, rev) != 0 && !sec_store_is_settled_leaf (self->store, entity, id, leaf))
        return TRUE;
    }
  for (guint i = 0; deleted != NULL && i < json_array_get_length (deleted); i++)
    {
      const char *leaf = json_node_get_string (json_array_get_element (deleted, i));
      if (leaf != NULL && !sec_store_is_settled_leaf (self->store, entity, id, leaf))
        return TRUE;
    }
  return FALSE;
}

/* A record deleted elsewhere while its children changed here: it stays
 * as it is here, and a person chooses whether it goes with them. */
static gboolean
keep_for_children (SecSyncEngine   *self,
                   Run             *run,
                   SecSyncState    *state,
                   JsonObject      *document,
                   const SecEntity *child,
                   const char      *changed_at,
                   GError         **error)
{
  const char *rev = sec_json_string (document, "_rev", NULL);
  SecConflict conflict = {
    .entity = sec_record_get_entity (state->record), .record_id = (char *) sec_record_get_id (state->record),
    .field = "_deleted", .local_value = "changed", .remote_value = "deleted", .remote_rev = (char *) rev,
    .base_value = (char *) child->name, .local_at = (char *) changed_at,
    .remote_office = (char *) sec_json_string (document, "office", NULL),
    .remote_at = (char *) sec_json_string (document, "updated_at", NULL),
  };

  /* A child's tombstone that came before the parent's asked about the
   * child alone: the parent's question now speaks for it. */
  return write_synced (self, state, state->record, FALSE, rev, state->base, TRUE, error) &&
         sec_store_drop_deletion_questions_of_children (self->store, conflict.entity, conflict.record_id, error) &&
         note_conflict (self, run, &conflict, error);
}

/* A child written from elsewhere: if its parent is deleted here, the
 * parent is asked about at the end of the batch, once every document of
 * it is in (the parent may come back in the same batch). */
static void
note_arrival (Run        *run,
              SecRecord  *child,
              JsonObject *document)
{
  const SecEntity *entity = sec_record_get_entity (child);
  SecConflict *question = g_new0 (SecConflict, 1);

  question->entity = entity->parent;
  question->record_id = g_strdup (sec_record_get (child, entity->parent_field));
  question->field = g_strdup ("_deleted");
  question->base_value = g_strdup (entity->name);
  question->remote_office = g_strdup (sec_json_string (document, "office", NULL));
  question->remote_at = g_strdup (sec_json_string (document, "updated_at", NULL));
  g_ptr_array_add (run->arrivals, question);
}

/* Children that came from elsewhere while their parent is deleted here: a
 * person chooses whether the parent comes back with them or they go with
 * it. (Also a child that outlived its parent on a client that deletes a
 * record without its children, changed since: it would be lost from view
 * otherwise.) */
static gboolean
ask_about_arrivals (SecSyncEngine  *self,
                    Run            *run,
                    GError        **error)
{
  for (guint i = 0; i < run->arrivals->len; i++)
    {
      SecConflict *question = g_ptr_array_index (run->arrivals, i);
      g_autoptr(SecSyncState) parent = sec_store_sync_state (self->store, question->entity, question->record_id);

      if (parent == NULL || !parent->deleted ||
          sec_store_deletion_in_question (self->store, question->entity, question->record_id))
        continue;
      question->local_value = g_strdup ("deleted");
      question->remote_value = g_strdup ("changed");
      question->remote_rev = g_strdup (parent->rev);
      question->local_at = g_strdup (parent->updated_at);
      if (!note_conflict (self, run, question, error))
        return FALSE;
    }
  g_ptr_array_set_size (run->arrivals, 0);
  return TRUE;
}

/* Writes the winning document as it is. A tombstone keeps the last values
 * and the base that had them, and the time of the deletion, which its
 * children deleted with it share. */
static gboolean
take_winner (SecSyncEngine   *self,
             Run             *run,
             const SecEntity *entity,
             const char      *id,
             SecSyncState    *state,
             JsonObject      *document,
             GError         **error)
{
  gboolean deleted = sec_json_true (document, "_deleted");
  const char *deleted_at = deleted ? sec_json_string (document, "updated_at", NULL) : NULL;
  g_autofree char *changed_at = NULL;
  const SecEntity *changed_child = NULL;
  g_autoptr(SecRecord) record = NULL;
  g_autofree char *text = NULL;

  if (deleted && state == NULL)
    return TRUE;
  if (deleted && !state->deleted &&
      (changed_child = sec_store_sync_changed_child (self->store, entity, id, &changed_at)) != NULL)
    return keep_for_children (self, run, state, document, changed_child, changed_at, error);
  record = deleted ? g_object_ref (state->record) : sec_sync_document_record (entity, id, document);
  if (deleted_at != NULL)
    sec_record_set_updated_at (record, deleted_at);
  text = deleted ? g_strdup (state->base) : object_to_text (document);
  if (!write_synced (self, state, record, deleted, sec_json_string (document, "_rev", NULL), text, FALSE, error) ||
      (deleted && !sec_store_settle_conflicts_of (self->store, entity, id, error)))
    {
      g_prefix_error (error, _("Cannot store %s:%s from the server: "), entity->name, id);
      return FALSE;
    }
  /* Back from elsewhere: whether it stays is no longer a question here. */
  if (!deleted && state != NULL && state->deleted &&
      !sec_store_settle_deletion_of (self->store, entity, id, error))
    return FALSE;
  if (!deleted && entity->parent != NULL)
    note_arrival (run, record, document);
  return TRUE;
}

/* Applies the winning document, merged into this office's changes if it
 * has any. */
static gboolean
apply_winner (SecSyncEngine   *self,
              Run             *run,
              const SecEntity *entity,
              const char      *id,
              SecSyncState    *state,
              JsonObject      *document,
              GError         **error)
{
  run->report->pulled++;
  if (state != NULL && state->dirty && !deleted_with_parent (self, state, document))
    {
      g_autofree char *base = object_to_text (document);
      return merge_into (self, run, state, document, base, NULL, FALSE, error);
    }
  return take_winner (self, run, entity, id, state, document, error);
}

/* Applies one remote document. A document that cannot be a record fails
 * the whole batch, which then changes nothing; documents of record types
 * this version does not know are left to the versions that do. One with
 * leaves to merge waits for the merge, after the pull. */
static gboolean
apply_document (SecSyncEngine  *self,
                Run            *run,
                JsonObject     *document,
                JsonArray      *changes,
                GError        **error)
{
  const char *id = NULL;
  const SecEntity *entity = sec_sync_document_entity (document, &id);
  const char *rev = sec_json_string (document, "_rev", NULL);
  g_autoptr(SecSyncState) state = NULL;

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
  if (has_leaves_to_merge (self, run, entity, id, document, changes))
    return sec_store_sync_queue_merge (self->store, entity, id, error);
  state = sec_store_sync_state (self->store, entity, id);
  if (state != NULL && g_strcmp0 (state->rev, rev) == 0)
    return TRUE;   /* our own push coming back */
  return apply_winner (self, run, entity, id, state, document, error);
}

/* Merging the leaves of a document */

static const char *
office_of (const SecLeaf *leaf)
{
  return leaf ? sec_json_string (leaf->body, "office", NULL) : NULL;
}

static const char *
time_of (const SecLeaf *leaf)
{
  return leaf ? sec_json_string (leaf->body, "updated_at", NULL) : NULL;
}

/* A deletion against edits, from this office's side: what it holds is
 * local, the leaf of the other side remote. */
static gboolean
note_deletion (SecSyncEngine   *self,
               Run             *run,
               SecRecord       *record,
               gboolean         deleted_here,
               SecLeafConflict *c,
               GError         **error)
{
  const SecLeaf *local = deleted_here ? c->other_leaf : c->kept_leaf;
  const SecLeaf *remote = deleted_here ? c->kept_leaf : c->other_leaf;
  SecConflict conflict = {
    .entity = sec_record_get_entity (record), .record_id = (char *) sec_record_get_id (record),
    .field = "_deleted", .leaf = TRUE, .remote_rev = (char *) c->other_leaf->rev,
    .local_value = deleted_here ? "deleted" : "changed", .remote_value = deleted_here ? "changed" : "deleted",
    .local_office = (char *) office_of (local), .local_at = (char *) time_of (local),
    .remote_office = (char *) office_of (remote), .remote_at = (char *) time_of (remote),
  };

  return note_conflict (self, run, &conflict, error);
}

/* One value of a field the leaves changed apart, held by @holder, against
 * what the record now holds; after a local merge that may be this office's
 * own value, and then the kept value is in question too. */
static gboolean
note_leaf_value (SecSyncEngine   *self,
                 Run             *run,
                 SecRecord       *record,
                 SecLeafConflict *c,
                 JsonNode        *value,
                 const SecLeaf   *holder,
                 GError         **error)
{
  const SecEntity *entity = sec_record_get_entity (record);
  int index = sec_entity_field_index (entity, c->field);
  g_autofree char *kept = value_text (c->kept);
  g_autofree char *text = value_text (value);
  g_autofree char *ancestor = value_text (c->ancestor);
  const char *local = index >= 0 ? sec_record_get_nth (record, (guint) index) : kept;
  gboolean local_is_kept = g_strcmp0 (local, kept) == 0;
  SecConflict conflict = {
    .entity = entity, .record_id = (char *) sec_record_get_id (record), .field = c->field, .leaf = TRUE,
    .local_value = (char *) local, .remote_value = text, .remote_rev = (char *) holder->rev,
    .base_value = ancestor,
    .local_office = local_is_kept ? (char *) office_of (c->kept_leaf) : NULL,
    .local_at = local_is_kept ? (char *) time_of (c->kept_leaf) : NULL,
    .remote_office = (char *) office_of (holder), .remote_at = (char *) time_of (holder),
  };

  if (g_strcmp0 (local, text) == 0)
    return TRUE;   /* this office already holds that value */
  return note_conflict (self, run, &conflict, error);
}

static gboolean
note_leaf_conflict (SecSyncEngine   *self,
                    Run             *run,
                    SecRecord       *record,
                    SecLeafConflict *c,
                    GError         **error)
{
  return note_leaf_value (self, run, record, c, c->other, c->other_leaf, error) &&
         note_leaf_value (self, run, record, c, c->kept, c->kept_leaf, error);
}

/* A field that was in question here, and that another office settled
 * while this one holds a value of its own: still a question, now between
 * this office and the server. */
static gboolean
note_answered_elsewhere (SecSyncEngine  *self,
                         Run            *run,
                         SecRecord      *record,
                         JsonObject     *document,
                         GStrv           was_in_question,
                         GStrv           in_question,
                         GError        **error)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (guint i = 0; was_in_question != NULL && was_in_question[i] != NULL; i++)
    {
      const char *field = was_in_question[i];
      int index = sec_entity_field_index (entity, field);
      g_autofree char *theirs = member_text (document, field);
      const char *mine = index >= 0 ? sec_record_get_nth (record, (guint) index) : theirs;
      SecConflict conflict = {
        .entity = entity, .record_id = (char *) sec_record_get_id (record), .field = (char *) field,
        .local_value = (char *) mine, .remote_value = theirs,
        .remote_rev = (char *) sec_json_string (document, "_rev", NULL),
        .remote_office = (char *) sec_json_string (document, "office", NULL),
        .remote_at = (char *) sec_json_string (document, "updated_at", NULL),
      };

      if ((in_question != NULL && g_strv_contains ((const char *const *) in_question, field)) ||
          g_strcmp0 (mine, theirs) == 0)
        continue;
      if (!note_conflict (self, run, &conflict, error))
        return FALSE;
    }
  return TRUE;
}

/* The fields the leaves changed apart: the leaf conflicts speak for them,
 * not a merge of this office's changes. */
static GStrv
leaf_conflict_fields (SecLeafMerge *merge)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < merge->conflicts->len; i++)
    g_strv_builder_add (builder, ((SecLeafConflict *) g_ptr_array_index (merge->conflicts, i))->field);
  return g_strv_builder_end (builder);
}

static GStrv
leaf_revs (GPtrArray *leaves)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < leaves->len; i++)
    g_strv_builder_add (builder, ((SecLeaf *) g_ptr_array_index (leaves, i))->rev);
  return g_strv_builder_end (builder);
}

typedef struct {
  SecStore        *store;
  const SecEntity *entity;
  const char      *id;
} SettledCheck;

static gboolean
is_settled (const char *rev,
            gpointer    data)
{
  SettledCheck *check = data;
  return sec_store_is_settled_leaf (check->store, check->entity, check->id, rev);
}

/* Writes the merge of the leaves as the record, with this office's own
 * changes merged in if it has any; keeps what a person must settle, and
 * which leaves go once it is settled. */
static gboolean
apply_merge (SecSyncEngine   *self,
             Run             *run,
             const SecEntity *entity,
             const char      *id,
             SecLeafMerge    *merge,
             GError         **error)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (self->store, entity, id);
  g_auto(GStrv) revs = leaf_revs (merge->leaves);
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(SecRecord) record = NULL;
  g_autofree char *base = NULL;
  gboolean edited_here;
  gboolean deleted_here = state != NULL && state->deleted;
  gboolean deletion_open = FALSE;
  gboolean keep_deleted;
  g_auto(GStrv) was_in_question = NULL;
  g_auto(GStrv) in_question = leaf_conflict_fields (merge);

  for (guint i = 0; i < merge->conflicts->len; i++)
    deletion_open |= g_str_equal (((SecLeafConflict *) g_ptr_array_index (merge->conflicts, i))->field, "_deleted");
  keep_deleted = deleted_here && deletion_open;
  was_in_question = sec_store_open_leaf_fields (self->store, entity, id);
  if (!sec_store_forget_leaves (self->store, entity, id, revs, error))
    return FALSE;
  if (merge->merged == NULL)   /* every leaf deleted */
    return apply_winner (self, run, entity, id, state, merge->winner->body, error);
  edited_here = state != NULL && state->dirty && !deleted_with_parent (self, state, merge->merged);
  base = object_to_text (merge->merged);   /* no _rev: no server holds this body */
  document = json_object_ref (merge->merged);
  json_object_set_string_member (document, "_rev", merge->winner->rev);
  if (!sec_sync_document_check (entity, document, error))
    return FALSE;
  run->report->pulled++;
  if (edited_here)
    {
      if (!merge_into (self, run, state, document, base, in_question, merge->changes_winner, error) ||
          !note_answered_elsewhere (self, run, state->record, document, was_in_question, in_question, error))
        return FALSE;
      record = g_object_ref (state->record);
    }
  else
    {
      /* Deleted here and edited elsewhere: it stays deleted until someone
       * chooses; a deletion settled as "restore" brings it back. */
      record = keep_deleted ? g_object_ref (state->record) : sec_sync_document_record (entity, id, document);
      if (!write_synced (self, state, record, keep_deleted, merge->winner->rev, base,
                         merge->changes_winner && !keep_deleted, error))
        return FALSE;
      if (!keep_deleted && entity->parent != NULL)
        note_arrival (run, record, document);
    }
  for (guint i = 0; i < merge->conflicts->len; i++)
    {
      SecLeafConflict *c = g_ptr_array_index (merge->conflicts, i);
      gboolean ok = g_str_equal (c->field, "_deleted")
                    ? note_deletion (self, run, record, deleted_here, c, error)
                    : note_leaf_conflict (self, run, record, c, error);
      if (!ok)
        return FALSE;
    }
  for (guint i = 0; i < merge->losing->len; i++)
    if (!sec_store_add_losing_rev (self->store, entity, id, g_ptr_array_index (merge->losing, i), error))
      return FALSE;
  for (guint i = 0; i < merge->settled->len; i++)
    if (!sec_store_add_settled_leaf (self->store, entity, id, g_ptr_array_index (merge->settled, i), error))
      return FALSE;
  return TRUE;
}

static char *
document_path (const SecEntity *entity,
               const char      *record_id,
               const char      *query)
{
  g_autofree char *id = sec_sync_document_id (entity, record_id);
  g_autofree char *escaped = g_uri_escape_string (id, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH_ELEMENT, FALSE);

  return g_strconcat (escaped, query, NULL);
}

static gboolean
merge_leaves (SecSyncEngine  *self,
              Run            *run,
              JsonObject     *ancestor,
              GError        **error)
{
  SettledCheck check = { self->store, run->merging, run->merging_id };
  g_autoptr(SecLeafMerge) merge = sec_sync_leaves_merge (run->leaves, ancestor, is_settled, &check);

  if (!sec_store_begin (self->store, error))
    return FALSE;
  if (!apply_merge (self, run, run->merging, run->merging_id, merge, error) ||
      !ask_about_arrivals (self, run, error) ||
      !sec_store_sync_merged (self->store, run->merging, run->merging_id, error) ||
      !sec_store_commit (self->store, error))
    {
      sec_store_rollback (self->store);
      g_prefix_error (error, _("Cannot merge %s:%s: "), run->merging->name, run->merging_id);
      return FALSE;
    }
  g_clear_pointer (&run->leaves, g_ptr_array_unref);
  g_clear_pointer (&run->merging_id, g_free);
  return TRUE;
}

/* The common ancestor's body: the server's, or if it compacted it away,
 * the one this office agreed on; %NULL if neither has it. */
static void
on_ancestor (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);
  g_autoptr(JsonObject) kept = NULL;
  JsonObject *ancestor = sec_json_object (node);

  if (node == NULL && !g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND))
    return g_task_return_error (task, g_steal_pointer (&error));
  g_clear_error (&error);
  if (ancestor == NULL || sec_json_true (ancestor, "_deleted"))
    {
      g_autofree char *rev = sec_sync_leaves_ancestor (run->leaves);
      g_autofree char *body = sec_store_sync_body (self->store, run->merging, run->merging_id, rev);
      ancestor = kept = parse_object (body);
    }
  if (!merge_leaves (self, run, ancestor, &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  merge_next (g_steal_pointer (&task));
}

static void
on_leaves (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sec_couch_client_request_finish (self->client, result, &error);
  g_autofree char *ancestor = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *query = NULL;
  g_autofree char *path = NULL;
  GCancellable *cancellable;

  if (node == NULL && g_error_matches (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND))
    {
      /* Gone from the server altogether: nothing left to merge. */
      g_clear_error (&error);
      if (!sec_store_sync_merged (self->store, run->merging, run->merging_id, &error))
        return g_task_return_error (task, g_steal_pointer (&error));
      return merge_next (g_steal_pointer (&task));
    }
  if (node == NULL || (run->leaves = sec_sync_leaves_parse (node, &error)) == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if ((ancestor = sec_sync_leaves_ancestor (run->leaves)) == NULL)
    {
      if (!merge_leaves (self, run, NULL, &error))
        return g_task_return_error (task, g_steal_pointer (&error));
      return merge_next (g_steal_pointer (&task));
    }
  rev = g_uri_escape_string (ancestor, NULL, FALSE);
  query = g_strconcat ("?rev=", rev, NULL);
  path = document_path (run->merging, run->merging_id, query);
  cancellable = g_task_get_cancellable (task);
  sec_couch_client_request_async (self->client, "GET", path, NULL, cancellable, on_ancestor, g_steal_pointer (&task));
}

/* Merges, one by one, the documents the pull found with leaves to merge. */
static void
merge_next (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  g_clear_pointer (&run->merging_id, g_free);
  if (!sec_store_sync_next_merge (self->store, &run->merging, &run->merging_id))
    {
      push_next (task);
      return;
    }
  path = document_path (run->merging, run->merging_id, "?open_revs=all&revs=true");
  sec_couch_client_request_async (self->client, "GET", path, NULL, g_task_get_cancellable (task), on_leaves, task);
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
  g_ptr_array_set_size (run->arrivals, 0);   /* a batch that failed asks nothing */
  run->open_leaves = sec_store_any_open_leaf (self->store);
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
      if (document != NULL && !apply_document (self, run, document, sec_json_array (change, "changes"), error))
        goto fail;
    }
  if (!ask_about_arrivals (self, run, error) ||
      !sec_store_sync_set_checkpoint (self->store, sec_couch_client_get_url (self->client), last_seq, error) ||
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
    merge_next (g_steal_pointer (&task));
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

/* Deletes a losing leaf whose content is in the merge or in someone's
 * choice, marked so that every office knows it was dealt with. */
static JsonObject *
settled_tombstone (SecSyncEngine *self,
                   SecLosingRev  *losing)
{
  g_autofree char *id = sec_sync_document_id (losing->entity, losing->record_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  JsonObject *tombstone = json_object_new ();

  json_object_set_string_member (tombstone, "_id", id);
  json_object_set_string_member (tombstone, "_rev", losing->rev);
  json_object_set_boolean_member (tombstone, "_deleted", TRUE);
  json_object_set_boolean_member (tombstone, SEC_LEAF_SETTLED, TRUE);
  json_object_set_string_member (tombstone, "type", losing->entity->name);
  json_object_set_string_member (tombstone, "updated_at", stamp);
  if (self->office != NULL)
    json_object_set_string_member (tombstone, "office", self->office);
  return tombstone;
}

/* The server's answer to a settled tombstone. Deleted, or already gone
 * (a conflict: the leaf changed meanwhile, and comes back to be merged),
 * the leaf is forgotten; a refusal keeps it for the next run. */
static gboolean
record_tombstone (SecSyncEngine  *self,
                  SecLosingRev   *losing,
                  JsonObject     *row,
                  GError        **error)
{
  const char *rev = sec_json_string (row, "rev", NULL);
  const char *problem = row == NULL ? "no answer" : sec_json_string (row, "error", NULL);

  if (problem == NULL && rev != NULL)
    return sec_store_forget_losing_rev (self->store, losing, error) &&
           sec_store_add_settled_leaf (self->store, losing->entity, losing->record_id, rev, error);
  if (g_strcmp0 (problem, "conflict") == 0 || g_strcmp0 (problem, "not_found") == 0)
    return sec_store_forget_losing_rev (self->store, losing, error);
  return TRUE;
}

static gboolean
record_results (SecSyncEngine  *self,
                Run            *run,
                JsonArray      *results,
                GError        **error)
{
  guint n = json_array_get_length (results);

  if (!sec_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < run->tombstones->len && run->batch->len + i < n; i++)
    if (!record_tombstone (self, g_ptr_array_index (run->tombstones, i),
                           sec_json_object (json_array_get_element (results, run->batch->len + i)), error))
      goto fail;
  for (guint i = 0; i < n && i < run->batch->len; i++)
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
  g_clear_pointer (&run->tombstones, g_ptr_array_unref);
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
  run->tombstones = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_losing_rev_free);
  for (guint i = 0; i < run->batch->len; i++)
    {
      SecSyncState *state = g_ptr_array_index (run->batch, i);
      g_autoptr(GPtrArray) losing = sec_store_losing_revs_of (self->store, sec_record_get_entity (state->record),
                                                              sec_record_get_id (state->record));

      g_ptr_array_add (run->documents, sec_sync_document_new (state, self->office));
      g_ptr_array_extend_and_steal (run->tombstones, g_steal_pointer (&losing));
    }
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

/* Losing leaves of records that needed no push, once nothing of theirs
 * waits for a person, are deleted; that leaves the winner alone. */
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
  JsonArray *rows = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (node == NULL)
    return g_task_return_error (task, g_steal_pointer (&error));
  if (rows == NULL)
    return g_task_return_new_error (task, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                                    _("The server’s answer to a push is not CouchDB’s"));
  if (!sec_store_begin (self->store, &error))
    return g_task_return_error (task, g_steal_pointer (&error));
  for (guint i = 0; i < run->discards->len && i < json_array_get_length (rows); i++)
    if (!record_tombstone (self, g_ptr_array_index (run->discards, i),
                           sec_json_object (json_array_get_element (rows, i)), &error))
      {
        sec_store_rollback (self->store);
        return g_task_return_error (task, g_steal_pointer (&error));
      }
  if (!sec_store_commit (self->store, &error))
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
    json_array_add_object_element (docs, settled_tombstone (self, g_ptr_array_index (run->discards, i)));
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
  for (guint i = 0; i < run->tombstones->len; i++)
    json_array_add_object_element (docs, settled_tombstone (self, g_ptr_array_index (run->tombstones, i)));
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
      run->open_leaves = sec_store_any_open_leaf (self->store);
      if (!sec_store_begin (self->store, &error) ||
          !apply_document (self, run, json_node_get_object (node), NULL, &error) ||
          !ask_about_arrivals (self, run, &error) ||
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
  merge_next (g_steal_pointer (&task));
}

static void
fetch_next (GTask *task)
{
  SecSyncEngine *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (run->to_fetch->len == 0 || run->rounds >= MAX_CONFLICT_ROUNDS)
    {
      finish (task);
      return;
    }
  id = g_ptr_array_steal_index (run->to_fetch, run->to_fetch->len - 1);
  escaped = g_uri_escape_string (id, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH_ELEMENT, FALSE);
  path = g_strconcat (escaped, "?conflicts=true&deleted_conflicts=true", NULL);
  sec_couch_client_request_async (self->client, "GET", path, NULL, g_task_get_cancellable (task), on_fetched, task);
}

/* GObject */

static void
sec_sync_engine_finalize (GObject *object)
{
  SecSyncEngine *self = SEC_SYNC_ENGINE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_free (self->office);
  G_OBJECT_CLASS (sec_sync_engine_parent_class)->finalize (object);
}

static void
sec_sync_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SecSyncEngine *self = SEC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_OFFICE:
      g_value_set_string (value, self->office);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sec_sync_engine_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SecSyncEngine *self = SEC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_OFFICE:
      sec_sync_engine_set_office (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sec_sync_engine_class_init (SecSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sec_sync_engine_finalize;
  object_class->get_property = sec_sync_engine_get_property;
  object_class->set_property = sec_sync_engine_set_property;

  /**
   * SecSyncEngine:office:
   *
   * The name of this office, written on every document it sends, so
   * that the others can tell who changed what. Empty: the host's name.
   */
  properties[PROP_OFFICE] = g_param_spec_string ("office", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->office = g_strdup (g_get_host_name ());
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

void
sec_sync_engine_set_office (SecSyncEngine *self,
                            const char    *office)
{
  g_autofree char *name = g_strstrip (g_strdup (office ? office : ""));

  g_return_if_fail (SEC_IS_SYNC_ENGINE (self));

  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_host_name ());
    }
  if (g_strcmp0 (name, self->office) == 0)
    return;
  g_free (self->office);
  self->office = g_steal_pointer (&name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE]);
}

const char *
sec_sync_engine_get_office (SecSyncEngine *self)
{
  g_return_val_if_fail (SEC_IS_SYNC_ENGINE (self), NULL);
  return self->office;
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
  run->arrivals = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_conflict_free);
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
