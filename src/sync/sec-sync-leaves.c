/* sec-sync-leaves.c: merging the leaves of a document the server holds in conflict
 *
 * Any CouchDB replicator (CouchDB, Cloudant, PouchDB) leaves a document
 * with two or more leaves when two replicas changed it apart. The server
 * picks one as the winner by a rule that knows nothing of the content. Here
 * the live leaves are merged three-way against their common ancestor,
 * field by field, over every field a leaf has, also those no entity
 * describes: a field one side changed takes that value; a field changed to
 * different values keeps the latest and is a conflict. Nothing in the
 * result depends on which leaf won. A deleted leaf against live ones is a
 * conflict of its own, unless its tombstone says it was already dealt with.
 */

#include <string.h>

#include <glib/gi18n.h>

#include "sec-couch-client.h"
#include "sec-json.h"
#include "sec-sync-leaves.h"

static void
leaf_free (gpointer data)
{
  SecLeaf *leaf = data;

  json_object_unref (leaf->body);
  g_strfreev (leaf->history);
  g_free (leaf);
}

static void
leaf_conflict_free (gpointer data)
{
  SecLeafConflict *conflict = data;

  g_free (conflict->field);
  g_clear_pointer (&conflict->kept, json_node_unref);
  g_clear_pointer (&conflict->other, json_node_unref);
  g_clear_pointer (&conflict->ancestor, json_node_unref);
  g_free (conflict);
}

void
sec_leaf_merge_free (SecLeafMerge *merge)
{
  if (merge == NULL)
    return;
  g_free (merge->ancestor);
  g_clear_pointer (&merge->merged, json_object_unref);
  g_ptr_array_unref (merge->conflicts);
  g_ptr_array_unref (merge->losing);
  g_ptr_array_unref (merge->settled);
  g_free (merge);
}

/* Reading the leaves */

/* "3-c0ffee" from _revisions {start: 3, ids: ["c0ffee", …]}, newest first;
 * just the leaf's own revision if it came without them. */
static GStrv
history_of (JsonObject *body,
            const char *rev)
{
  JsonObject *revisions = sec_json_object (json_object_get_member (body, "_revisions"));
  JsonArray *ids = sec_json_array (revisions, "ids");
  JsonNode *start = revisions ? json_object_get_member (revisions, "start") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gint64 generation;

  if (ids == NULL || start == NULL || !JSON_NODE_HOLDS_VALUE (start) ||
      json_node_get_value_type (start) != G_TYPE_INT64)
    {
      g_strv_builder_add (builder, rev);
      return g_strv_builder_end (builder);
    }
  generation = json_node_get_int (start);
  for (guint i = 0; i < json_array_get_length (ids); i++, generation--)
    {
      const char *id = json_node_get_string (json_array_get_element (ids, i));
      g_autofree char *rev_id = id ? g_strdup_printf ("%" G_GINT64_FORMAT "-%s", generation, id) : NULL;

      if (rev_id != NULL)
        g_strv_builder_add (builder, rev_id);
    }
  return g_strv_builder_end (builder);
}

/* The leaves in the answer to GET doc?open_revs=all&revs=true: a list of
 * {"ok": document} and {"missing": rev}. */
GPtrArray *
sec_sync_leaves_parse (JsonNode  *open_revs,
                       GError   **error)
{
  g_autoptr(GPtrArray) leaves = g_ptr_array_new_with_free_func (leaf_free);
  JsonArray *rows = JSON_NODE_HOLDS_ARRAY (open_revs) ? json_node_get_array (open_revs) : NULL;

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = sec_json_object (json_array_get_element (rows, i));
      JsonObject *body = sec_json_object (row ? json_object_get_member (row, "ok") : NULL);
      const char *rev = sec_json_string (body, "_rev", NULL);
      SecLeaf *leaf;

      if (body == NULL || rev == NULL)
        continue;   /* {"missing": rev}: a leaf gone meanwhile */
      leaf = g_new0 (SecLeaf, 1);
      leaf->body = json_object_ref (body);
      leaf->rev = rev;
      leaf->deleted = sec_json_true (body, "_deleted");
      leaf->history = history_of (body, rev);
      g_ptr_array_add (leaves, leaf);
    }
  if (rows == NULL || leaves->len == 0)
    {
      g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_COUCHDB,
                   _("The server’s list of a document’s revisions is not CouchDB’s"));
      return NULL;
    }
  return g_steal_pointer (&leaves);
}

static gint64
generation_of (const char *rev)
{
  return g_ascii_strtoll (rev, NULL, 10);
}

/* CouchDB's order of leaves: live before deleted, then the longer branch,
 * then the greater revision id; the first is the winner. */
static int
compare_for_winner (const SecLeaf *a,
                    const SecLeaf *b)
{
  gint64 ga = generation_of (a->rev), gb = generation_of (b->rev);
  const char *ha = strchr (a->rev, '-'), *hb = strchr (b->rev, '-');

  if (a->deleted != b->deleted)
    return a->deleted ? 1 : -1;
  if (ga != gb)
    return ga > gb ? -1 : 1;
  return -g_strcmp0 (ha, hb);
}

const SecLeaf *
sec_sync_leaves_winner (GPtrArray *leaves)
{
  const SecLeaf *winner = NULL;

  for (guint i = 0; i < leaves->len; i++)
    if (winner == NULL || compare_for_winner (g_ptr_array_index (leaves, i), winner) < 0)
      winner = g_ptr_array_index (leaves, i);
  return winner;
}

/* The newest revision in the history of every live leaf, or %NULL when
 * they share none the server still lists (a short revs_limit, or records
 * created apart). */
char *
sec_sync_leaves_ancestor (GPtrArray *leaves)
{
  const SecLeaf *winner = sec_sync_leaves_winner (leaves);

  for (guint h = 0; winner != NULL && winner->history[h] != NULL; h++)
    {
      gboolean shared = TRUE;

      for (guint i = 0; shared && i < leaves->len; i++)
        {
          const SecLeaf *leaf = g_ptr_array_index (leaves, i);
          shared = leaf->deleted || g_strv_contains ((const char *const *) leaf->history, winner->history[h]);
        }
      if (shared)
        return g_strdup (winner->history[h]);
    }
  return NULL;
}

/* Merging */

/* Absent, null and "" are the same empty value, as they are in a record. */
static JsonNode *
value_of (JsonObject *body,
          const char *name)
{
  JsonNode *node = body ? json_object_get_member (body, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
       *json_node_get_string (node) == '\0'))
    return NULL;
  return node;
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  g_autofree char *ta = NULL, *tb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  ta = json_to_string (a, FALSE);
  tb = json_to_string (b, FALSE);
  return g_str_equal (ta, tb);
}

/* Fields of the record, not of CouchDB or of who wrote it last. */
static gboolean
is_content (const char *name)
{
  return name[0] != '_' && !g_str_equal (name, "updated_at") && !g_str_equal (name, "office");
}

/* Latest first: by updated_at, then revision, so all offices agree. */
static int
compare_latest (gconstpointer a,
                gconstpointer b)
{
  const SecLeaf *la = *(const SecLeaf *const *) a, *lb = *(const SecLeaf *const *) b;
  int by_time = g_strcmp0 (sec_json_string (lb->body, "updated_at", ""), sec_json_string (la->body, "updated_at", ""));

  if (by_time != 0)
    return by_time;
  return compare_for_winner (la, lb);
}

static void
add_names (GHashTable *names,
           JsonObject *body)
{
  GList *members = body ? json_object_get_members (body) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (is_content (l->data))
      g_hash_table_add (names, g_strdup (l->data));
  g_list_free (members);
}

static JsonNode *
copy (JsonNode *node)
{
  return node ? json_node_copy (node) : NULL;
}

/* Merges one field of the live leaves (latest first) into @merge. */
static void
merge_field (SecLeafMerge *merge,
             GPtrArray    *live,
             JsonObject   *ancestor,
             const char   *name)
{
  JsonNode *agreed = value_of (ancestor, name);
  JsonNode *kept = NULL;
  const SecLeaf *kept_leaf = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();   /* leaves holding other changed values */

  for (guint i = 0; i < live->len; i++)
    {
      const SecLeaf *leaf = g_ptr_array_index (live, i);
      JsonNode *value = value_of (leaf->body, name);
      gboolean seen = FALSE;

      if (ancestor != NULL && same_value (value, agreed))
        continue;   /* without an ancestor, every value counts as a change */
      if (kept_leaf == NULL)
        {
          kept = value;
          kept_leaf = leaf;
          continue;
        }
      seen = same_value (value, kept);
      for (guint j = 0; !seen && j < others->len; j++)
        seen = same_value (value, value_of (((const SecLeaf *) g_ptr_array_index (others, j))->body, name));
      if (!seen)
        g_ptr_array_add (others, (gpointer) leaf);
    }
  if (kept_leaf == NULL)
    kept = agreed ? agreed : value_of (((const SecLeaf *) g_ptr_array_index (live, 0))->body, name);
  if (kept != NULL)
    json_object_set_member (merge->merged, name, json_node_copy (kept));
  for (guint j = 0; j < others->len; j++)
    {
      SecLeafConflict *conflict = g_new0 (SecLeafConflict, 1);
      const SecLeaf *other = g_ptr_array_index (others, j);

      conflict->field = g_strdup (name);
      conflict->kept = copy (kept);
      conflict->other = copy (value_of (other->body, name));
      conflict->ancestor = copy (agreed);
      conflict->kept_leaf = kept_leaf;
      conflict->other_leaf = other;
      g_ptr_array_add (merge->conflicts, conflict);
    }
}

static gboolean
differs_from (JsonObject *merged,
              JsonObject *winner)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer name;

  add_names (names, merged);
  add_names (names, winner);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!same_value (value_of (merged, name), value_of (winner, name)))
      return TRUE;
  return FALSE;
}

/* Deleted leaves against the live winner: settled ones are noted, any
 * other is a deletion someone made while another office edited. */
static void
weigh_deleted (SecLeafMerge  *merge,
               const SecLeaf *latest,
               gboolean     (*is_settled) (const char *rev, gpointer data),
               gpointer       data)
{
  for (guint i = 0; i < merge->leaves->len; i++)
    {
      const SecLeaf *leaf = g_ptr_array_index (merge->leaves, i);
      SecLeafConflict *conflict;

      if (!leaf->deleted)
        continue;
      if (sec_json_true (leaf->body, SEC_LEAF_SETTLED) || (is_settled && is_settled (leaf->rev, data)))
        {
          g_ptr_array_add (merge->settled, (gpointer) leaf->rev);
          continue;
        }
      conflict = g_new0 (SecLeafConflict, 1);
      conflict->field = g_strdup ("_deleted");
      conflict->kept_leaf = latest;
      conflict->other_leaf = leaf;
      g_ptr_array_add (merge->conflicts, conflict);
      g_ptr_array_add (merge->losing, (gpointer) leaf->rev);
    }
}

/* Merges @leaves (from sec_sync_leaves_parse, which they must outlive)
 * against the body of their common @ancestor (%NULL if there is none:
 * then every difference counts as a change). @is_settled tells deleted
 * leaves already dealt with. With every leaf deleted there is nothing to
 * merge, and merged is %NULL. */
SecLeafMerge *
sec_sync_leaves_merge (GPtrArray   *leaves,
                       JsonObject  *ancestor,
                       gboolean   (*is_settled) (const char *rev, gpointer data),
                       gpointer     data)
{
  SecLeafMerge *merge = g_new0 (SecLeafMerge, 1);
  g_autoptr(GPtrArray) live = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) sorted = NULL;
  const SecLeaf *latest;

  merge->leaves = leaves;
  merge->winner = sec_sync_leaves_winner (leaves);
  merge->ancestor = sec_sync_leaves_ancestor (leaves);
  merge->conflicts = g_ptr_array_new_with_free_func (leaf_conflict_free);
  merge->losing = g_ptr_array_new ();
  merge->settled = g_ptr_array_new ();
  for (guint i = 0; i < leaves->len; i++)
    if (!((SecLeaf *) g_ptr_array_index (leaves, i))->deleted)
      g_ptr_array_add (live, g_ptr_array_index (leaves, i));
  if (live->len == 0)
    return merge;
  g_ptr_array_sort (live, compare_latest);
  latest = g_ptr_array_index (live, 0);
  merge->merged = json_object_new ();
  for (guint i = 0; i < live->len; i++)
    {
      const SecLeaf *leaf = g_ptr_array_index (live, i);
      add_names (names, leaf->body);
      if (leaf != merge->winner)
        g_ptr_array_add (merge->losing, (gpointer) leaf->rev);
    }
  add_names (names, ancestor);
  sorted = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l != NULL; l = l->next)
    merge_field (merge, live, ancestor, l->data);
  json_object_set_string_member (merge->merged, "_id", sec_json_string (latest->body, "_id", ""));
  if (sec_json_string (latest->body, "updated_at", NULL) != NULL)
    json_object_set_string_member (merge->merged, "updated_at", sec_json_string (latest->body, "updated_at", NULL));
  if (sec_json_string (latest->body, "office", NULL) != NULL)
    json_object_set_string_member (merge->merged, "office", sec_json_string (latest->body, "office", NULL));
  merge->changes_winner = differs_from (merge->merged, merge->winner->body);
  weigh_deleted (merge, latest, is_settled, data);
  return merge;
}
