/* sec-links.c: the records a record refers to, and those that refer to it
 *
 * Walks the entity descriptions: a field that suggests records of another
 * entity is a link, by id (references) or by title (an owner's name). Each
 * link is found from both ends; the far end uses the field's reverse label.
 * A child (a session) stands for its parent (the event), which is what a
 * user can open. The links of a record's children count as its own, so an
 * event lists the roadmap items its sessions discussed.
 */

#include <glib/gi18n.h>

#include "sec-links.h"
#include "sec-store-private.h"

static void
link_free (gpointer data)
{
  SecLink *link = data;

  g_free (link->id);
  g_free (link->title);
  g_free (link);
}

/* Adds the record @id of @entity, or its parent, unless already listed
 * (an event whose session discussed a roadmap item and whose agenda holds
 * it links to it once). */
static void
add_link (SecStore        *store,
          GPtrArray       *links,
          const SecEntity *entity,
          const char      *id,
          const char      *relation)
{
  g_autoptr(SecRecord) record = id ? sec_store_load (store, entity, id, NULL) : NULL;
  SecLink *link;

  if (record != NULL && entity->parent != NULL)
    {
      g_autofree char *parent_id = g_strdup (sec_record_get (record, entity->parent_field));

      entity = entity->parent;
      g_clear_object (&record);
      record = sec_store_load (store, entity, parent_id, NULL);
    }
  if (record == NULL)
    return;
  for (guint i = 0; i < links->len; i++)
    {
      SecLink *seen = g_ptr_array_index (links, i);
      if (seen->entity == entity && g_str_equal (seen->id, sec_record_get_id (record)))
        return;   /* one link a record: the first way found names it */
    }
  link = g_new0 (SecLink, 1);
  link->entity = entity;
  link->id = g_strdup (sec_record_get_id (record));
  link->title = g_strdup (sec_record_get (record, sec_entity_title_field (entity)->name));
  link->relation = relation;
  g_ptr_array_add (links, link);
}

/* The value @field holds to name @record: its id, or its title. */
static const char *
key_of (const SecField *field,
        SecRecord      *record)
{
  return field->type == SEC_FIELD_REFERENCE ? sec_record_get_id (record)
         : sec_record_get (record, sec_entity_title_field (field->suggest)->name);
}

/* What @record's own fields point at. */
static void
add_outgoing (SecStore  *store,
              GPtrArray *links,
              SecRecord *record)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const SecField *field = &entity->fields[i];
      const char *value = sec_record_get (record, field->name);
      g_autofree char *id = NULL;

      if (field->suggest == NULL || field->reverse == NULL || value == NULL)
        continue;
      id = field->type == SEC_FIELD_REFERENCE ? g_strdup (value)
           : sec_store_find_id (store, field->suggest, sec_entity_title_field (field->suggest)->name, value, NULL, NULL);
      add_link (store, links, field->suggest, id, field->label);
    }
}

/* The records whose fields point at @record. */
static void
add_incoming (SecStore  *store,
              GPtrArray *links,
              SecRecord *record)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (const SecEntity *const *other = sec_entity_all (); *other != NULL; other++)
    for (guint i = 0; i < (*other)->n_fields; i++)
      {
        const SecField *field = &(*other)->fields[i];
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt;

        if (field->suggest != entity || field->reverse == NULL || key_of (field, record) == NULL)
          continue;
        sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0 AND %s = ?%s ORDER BY rowid",
                               (*other)->name, field->name,
                               field->type == SEC_FIELD_REFERENCE ? "" : " COLLATE NOCASE");
        if ((stmt = sec_store_prepare (store, sql, NULL)) == NULL)
          continue;
        sqlite3_bind_text (stmt, 1, key_of (field, record), -1, SQLITE_TRANSIENT);
        {
          g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          sqlite3_reset (stmt);
          for (guint j = 0; j < ids->len; j++)
            add_link (store, links, *other, g_ptr_array_index (ids, j), field->reverse);
        }
      }
}

/**
 * sec_links_for:
 *
 * Returns: (transfer full) (element-type SecLink): the records linked to
 * @record, its own links first, then its children's, then those pointing at
 * it. Deleted records and dangling references are left out.
 */
GPtrArray *
sec_links_for (SecStore  *store,
               SecRecord *record)
{
  const SecEntity *entity = sec_record_get_entity (record);
  GPtrArray *links = g_ptr_array_new_with_free_func (link_free);

  g_return_val_if_fail (SEC_IS_STORE (store), links);

  add_outgoing (store, links, record);
  if (sec_record_get_id (record) != NULL)
    for (const SecEntity *const *child = sec_entity_all (); *child != NULL; child++)
      if ((*child)->parent == entity)
        {
          g_autoptr(GPtrArray) children = sec_store_load_children (store, *child, sec_record_get_id (record));

          for (guint i = 0; children && i < children->len; i++)
            add_outgoing (store, links, g_ptr_array_index (children, i));
        }
  add_incoming (store, links, record);
  return links;
}
