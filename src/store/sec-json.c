/* sec-json.c: records as JSON, walking the entity description
 *
 * JSON carries the stored form of each field: integers as numbers, every
 * other value as a string. Sync documents and the sample network share it.
 */

#include <glib/gi18n.h>

#include "sec-field.h"
#include "sec-json.h"
#include "sec-store-resources.h"

#define SAMPLE_RESOURCE "/org/asec/Secretariat/sample-network.json"

JsonObject *
sec_record_to_json (SecRecord *record)
{
  const SecEntity *entity = sec_record_get_entity (record);
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const SecField *field = &entity->fields[i];
      const char *value = sec_record_get_nth (record, i);

      if (value == NULL)
        json_object_set_null_member (object, field->name);
      else if (field->integer)
        json_object_set_int_member (object, field->name, g_ascii_strtoll (value, NULL, 10));
      else
        json_object_set_string_member (object, field->name, value);
    }
  return object;
}

/* A JSON value in a record's stored form: numbers as integers, booleans
 * as 1 or 0; %NULL for null, "", lists and objects. */
char *
sec_json_node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return *json_node_get_string (node) ? g_strdup (json_node_get_string (node)) : NULL;
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    case G_TYPE_DOUBLE:
      /* Whole numbers only; one past what an integer holds is no value. */
      if (!(json_node_get_double (node) > -9.2e18 && json_node_get_double (node) < 9.2e18))
        return NULL;
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) json_node_get_double (node));
    default:
      return NULL;
    }
}

/* Sets every field the entity knows from @object, unchecked; a field
 * missing from @object is cleared. */
void
sec_record_fill_from_json (SecRecord  *record,
                           JsonObject *object)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_autofree char *text = sec_json_node_text (json_object_get_member (object, entity->fields[i].name));
      sec_record_set_nth (record, i, text);
    }
}

/* Reads the fields the entity knows from @object and checks the record. */
SecRecord *
sec_record_from_json (const SecEntity  *entity,
                      JsonObject       *object,
                      GError          **error)
{
  g_autoptr(SecRecord) record = sec_record_new (entity);

  sec_record_fill_from_json (record, object);
  if (!sec_record_validate (record, NULL, error))
    return NULL;
  return g_steal_pointer (&record);
}

/* A sample record may carry a fixed "id", so that others can refer to it
 * (a session to the roadmap item it discussed), and two offices that load
 * the sample share it rather than sync two copies. */
static SecRecord *
sample_record (const SecEntity  *entity,
               JsonObject       *object,
               GError          **error)
{
  SecRecord *record = sec_record_from_json (entity, object, error);

  if (record != NULL && json_object_has_member (object, "id"))
    sec_record_set_id (record, json_object_get_string_member (object, "id"));
  return record;
}

static gboolean
load_children (SecStore    *store,
               SecRecord   *parent,
               JsonObject  *object,
               GError     **error)
{
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *key = NULL;
      JsonArray *children;

      if ((*e)->parent != sec_record_get_entity (parent))
        continue;
      key = g_strconcat ((*e)->name, "s", NULL);
      children = json_object_has_member (object, key) ? json_object_get_array_member (object, key) : NULL;
      for (guint i = 0; children != NULL && i < json_array_get_length (children); i++)
        {
          JsonObject *child_object = json_array_get_object_element (children, i);
          g_autoptr(SecRecord) child = NULL;

          json_object_set_string_member (child_object, (*e)->parent_field, sec_record_get_id (parent));
          if ((child = sample_record (*e, child_object, error)) == NULL ||
              !sec_store_save (store, child, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Adds the records of one top-level list ("members", "events") that are
 * not in the store yet, each with its children. */
static gboolean
load_list (SecStore         *store,
           const SecEntity  *entity,
           JsonObject       *root,
           guint            *added,
           GError          **error)
{
  g_autofree char *key = g_strconcat (entity->name, "s", NULL);
  JsonArray *list = json_object_has_member (root, key) ? json_object_get_array_member (root, key) : NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *object = json_array_get_object_element (list, i);
      g_autoptr(SecRecord) record = sample_record (entity, object, error);
      g_autofree char *existing = NULL;

      if (record == NULL)
        return FALSE;
      existing = sec_store_find_id (store, entity, entity->identity[0], sec_record_get (record, entity->identity[0]),
                                    entity->identity[1], sec_record_get (record, entity->identity[1]));
      if (existing != NULL)
        continue;
      if (!sec_store_save (store, record, error) || !load_children (store, record, object, error))
        return FALSE;
      (*added)++;
    }
  return TRUE;
}

/* Adds the sample network (from the seeds) to @store, in one transaction,
 * leaving out records already there (by the fields that identify them).
 * Returns how many members and events it added; 0 with @error set on
 * failure. */
guint
sec_store_load_sample (SecStore  *store,
                       GError   **error)
{
  g_autoptr(GBytes) bytes = g_resource_lookup_data (sec_store_resources_get_resource (), SAMPLE_RESOURCE, 0, error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  guint added = 0;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), error) ||
      !sec_store_begin (store, error))
    return 0;
  root = json_node_get_object (json_parser_get_root (parser));
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    if ((*e)->parent == NULL && !load_list (store, *e, root, &added, error))
      {
        sec_store_rollback (store);
        return 0;
      }
  if (!sec_store_commit (store, error))
    return 0;
  return added;
}

/* JSON from the network, where any member may hold anything: json-glib's
 * own getters warn, or crash, when a member is not of the type they read.
 * These give the fallback, NULL or FALSE instead. */

static JsonNode *
member_of (JsonObject *object,
           const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

/* @name's string, or @fallback if it is not a string. */
const char *
sec_json_string (JsonObject *object,
                 const char *name,
                 const char *fallback)
{
  JsonNode *node = member_of (object, name);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : fallback;
}

/* Whether @name is the boolean true. */
gboolean
sec_json_true (JsonObject *object,
               const char *name)
{
  JsonNode *node = member_of (object, name);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

/* @name's array, or NULL if it is not an array. */
JsonArray *
sec_json_array (JsonObject *object,
                const char *name)
{
  JsonNode *node = member_of (object, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* @node's object, or NULL if it is not an object. */
JsonObject *
sec_json_object (JsonNode *node)
{
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
