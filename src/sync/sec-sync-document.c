/* sec-sync-document.c: records as CouchDB documents, and three-way merges
 *
 * A record is the document {"_id": "member:<uuid>", "_rev", "type",
 * "schema", "updated_at", …fields}. A document is built on top of the last
 * agreed one (the record's base), so the fields another version of the app
 * added travel back unchanged.
 */

#include <string.h>

#include <glib/gi18n.h>

#include "sec-couch-client.h"
#include "sec-json.h"
#include "sec-sync-document.h"

/* Helpers */

static char *
member_text (JsonObject *object,
             const char *name)
{
  return object ? sec_json_node_text (json_object_get_member (object, name)) : NULL;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root)) : NULL;
}

static void
conflict_free (gpointer data)
{
  SecMergeConflict *conflict = data;

  g_free (conflict->local);
  g_free (conflict->remote);
  g_free (conflict);
}

/* Public API */

char *
sec_sync_document_id (const SecEntity *entity,
                      const char      *record_id)
{
  return g_strconcat (entity->name, ":", record_id, NULL);
}

/* The entity and record id a document stands for, or %NULL for documents
 * that are not records of this app (design documents, other types). */
const SecEntity *
sec_sync_document_entity (JsonObject  *document,
                          const char **record_id)
{
  const char *id = sec_json_string (document, "_id", "");
  const char *colon = strchr (id, ':');
  g_autofree char *type = NULL;
  const SecEntity *entity;

  if (colon == NULL || colon[1] == '\0')
    return NULL;
  type = g_strndup (id, (gsize) (colon - id));
  entity = sec_entity_lookup (type);
  if (entity != NULL && record_id != NULL)
    *record_id = colon + 1;
  return entity;
}

/* The document to push for @state: its base with the record's values, id,
 * revision and type on top, and the @office that wrote it; a deleted record
 * is a tombstone that says who deleted it and when. */
JsonObject *
sec_sync_document_new (SecSyncState *state,
                       const char   *office)
{
  SecRecord *record = state->record;
  const SecEntity *entity = sec_record_get_entity (record);
  g_autofree char *id = sec_sync_document_id (entity, sec_record_get_id (record));
  JsonObject *document = state->deleted ? NULL : parse_object (state->base);
  g_autoptr(JsonObject) values = NULL;
  GList *members;

  if (document == NULL)
    document = json_object_new ();
  json_object_set_string_member (document, "_id", id);
  if (state->rev != NULL)
    json_object_set_string_member (document, "_rev", state->rev);
  else
    json_object_remove_member (document, "_rev");
  json_object_set_string_member (document, "type", entity->name);
  json_object_set_string_member (document, "updated_at", state->updated_at);
  if (office != NULL)
    json_object_set_string_member (document, "office", office);
  if (state->deleted)
    {
      json_object_set_boolean_member (document, "_deleted", TRUE);
      return document;
    }
  json_object_remove_member (document, "_conflicts");
  json_object_remove_member (document, "_deleted_conflicts");
  json_object_remove_member (document, "_revisions");
  json_object_remove_member (document, "_deleted");
  json_object_set_int_member (document, "schema", SEC_SYNC_SCHEMA);
  values = sec_record_to_json (record);
  members = json_object_get_members (values);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (document, l->data, json_object_dup_member (values, l->data));
  g_list_free (members);
  return document;
}

static gboolean
has_text (JsonObject *object,
          const char *name)
{
  g_autofree char *text = member_text (object, name);
  return text != NULL;
}

static gboolean
bad_document (GError    **error,
              JsonObject *document,
              const char *why)
{
  g_set_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_BAD_DOCUMENT, _("The server sent %s, which %s"),
               sec_json_string (document, "_id", _("a document")), why);
  return FALSE;
}

/* Checks a document from the server before any of it is applied: not
 * oversized, every field this app knows a plain value, and, unless it is a
 * tombstone, the required fields there. Values are not held to the
 * editors' rules: another version of the app may write values this one
 * would refuse, and sync loses none. */
gboolean
sec_sync_document_check (const SecEntity *entity,
                         JsonObject      *document,
                         GError         **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), document);
  g_autofree char *text = json_to_string (node, FALSE);

  if (strlen (text) > SEC_SYNC_MAX_DOCUMENT)
    return bad_document (error, document, _("is larger than 1 MB"));
  if (sec_json_true (document, "_deleted"))
    return TRUE;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      const SecField *field = &entity->fields[i];
      JsonNode *value = json_object_get_member (document, field->name);
      g_autofree char *why = NULL;

      if (value != NULL && !JSON_NODE_HOLDS_VALUE (value) && !JSON_NODE_HOLDS_NULL (value))
        why = g_strdup_printf (_("has a list or an object as its %s"), field->name);
      else if (field->required && !has_text (document, field->name))
        why = g_strdup_printf (_("has no %s"), field->name);
      if (why != NULL)
        return bad_document (error, document, why);
    }
  return TRUE;
}

/* A record holding the values of @document, unchecked: another version of
 * the app may write values this one would refuse, and sync loses none. */
SecRecord *
sec_sync_document_record (const SecEntity *entity,
                          const char      *record_id,
                          JsonObject      *document)
{
  SecRecord *record = sec_record_new (entity);
  const char *updated_at = sec_json_string (document, "updated_at", NULL);

  sec_record_set_id (record, record_id);
  sec_record_fill_from_json (record, document);
  sec_record_set_updated_at (record, updated_at);
  return record;
}

/* Merges @remote into @local, field by field, against @base (the last
 * version both agreed on, or %NULL): a field only one side changed takes
 * that side's value; a field both changed differently keeps the local value
 * and is returned as a conflict, with both values. */
GPtrArray *
sec_sync_merge (SecRecord  *local,
                JsonObject *base,
                JsonObject *remote)
{
  const SecEntity *entity = sec_record_get_entity (local);
  GPtrArray *conflicts = g_ptr_array_new_with_free_func (conflict_free);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const char *name = entity->fields[i].name;
      const char *mine = sec_record_get_nth (local, i);
      g_autofree char *theirs = member_text (remote, name);
      g_autofree char *agreed = member_text (base, name);
      SecMergeConflict *conflict;

      if (g_strcmp0 (mine, theirs) == 0 || g_strcmp0 (theirs, agreed) == 0)
        continue;
      if (g_strcmp0 (mine, agreed) == 0)
        {
          sec_record_set_nth (local, i, theirs);
          continue;
        }
      conflict = g_new0 (SecMergeConflict, 1);
      conflict->field = name;
      conflict->local = g_strdup (mine);
      conflict->remote = g_steal_pointer (&theirs);
      g_ptr_array_add (conflicts, conflict);
    }
  return conflicts;
}
