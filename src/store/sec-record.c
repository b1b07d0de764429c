/* sec-record.c: one record of any entity
 *
 * Values are kept as text, indexed like the entity's fields, so every walker
 * of the description (store, CSV, JSON, editors) handles every field the same
 * way. An empty string is stored as NULL: a field is either set or not.
 */

#include "sec-record.h"

struct _SecRecord
{
  GObject          parent_instance;
  const SecEntity *entity;
  char            *id;
  gint64           rowid;
  char            *updated_at;
  char           **values;
};

G_DEFINE_FINAL_TYPE (SecRecord, sec_record, G_TYPE_OBJECT)

static void
sec_record_finalize (GObject *object)
{
  SecRecord *self = SEC_RECORD (object);

  for (guint i = 0; self->entity != NULL && i < self->entity->n_fields; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_free (self->id);
  g_free (self->updated_at);

  G_OBJECT_CLASS (sec_record_parent_class)->finalize (object);
}

static void
sec_record_class_init (SecRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sec_record_finalize;
}

static void
sec_record_init (SecRecord *self)
{
}

SecRecord *
sec_record_new (const SecEntity *entity)
{
  SecRecord *self;

  g_return_val_if_fail (entity != NULL, NULL);

  self = g_object_new (SEC_TYPE_RECORD, NULL);
  self->entity = entity;
  self->id = g_uuid_string_random ();
  self->values = g_new0 (char *, entity->n_fields);
  return self;
}

SecRecord *
sec_record_copy (SecRecord *self)
{
  SecRecord *copy;

  g_return_val_if_fail (SEC_IS_RECORD (self), NULL);

  copy = sec_record_new (self->entity);
  sec_record_set_id (copy, self->id);
  copy->rowid = self->rowid;
  copy->updated_at = g_strdup (self->updated_at);
  for (guint i = 0; i < self->entity->n_fields; i++)
    copy->values[i] = g_strdup (self->values[i]);
  return copy;
}

const SecEntity *
sec_record_get_entity (SecRecord *self)
{
  g_return_val_if_fail (SEC_IS_RECORD (self), NULL);
  return self->entity;
}

const char *
sec_record_get_id (SecRecord *self)
{
  g_return_val_if_fail (SEC_IS_RECORD (self), NULL);
  return self->id;
}

void
sec_record_set_id (SecRecord  *self,
                   const char *id)
{
  g_return_if_fail (SEC_IS_RECORD (self));
  g_return_if_fail (id != NULL);
  id = g_strdup (id);   /* @id may be our own */
  g_free (self->id);
  self->id = (char *) id;
}

gint64
sec_record_get_rowid (SecRecord *self)
{
  g_return_val_if_fail (SEC_IS_RECORD (self), 0);
  return self->rowid;
}

void
sec_record_set_rowid (SecRecord *self,
                      gint64     rowid)
{
  g_return_if_fail (SEC_IS_RECORD (self));
  self->rowid = rowid;
}

const char *
sec_record_get_updated_at (SecRecord *self)
{
  g_return_val_if_fail (SEC_IS_RECORD (self), NULL);
  return self->updated_at;
}

void
sec_record_set_updated_at (SecRecord  *self,
                           const char *stamp)
{
  char *copy = g_strdup (stamp);   /* @stamp may be our own */

  g_return_if_fail (SEC_IS_RECORD (self));
  g_free (self->updated_at);
  self->updated_at = copy;
}

const char *
sec_record_get_nth (SecRecord *self,
                    guint      index)
{
  g_return_val_if_fail (SEC_IS_RECORD (self), NULL);
  g_return_val_if_fail (index < self->entity->n_fields, NULL);
  return self->values[index];
}

const char *
sec_record_get (SecRecord  *self,
                const char *field)
{
  int i;

  g_return_val_if_fail (SEC_IS_RECORD (self), NULL);

  i = sec_entity_field_index (self->entity, field);
  g_return_val_if_fail (i >= 0, NULL);
  return self->values[i];
}

void
sec_record_set_nth (SecRecord  *self,
                    guint       index,
                    const char *value)
{
  g_return_if_fail (SEC_IS_RECORD (self));
  g_return_if_fail (index < self->entity->n_fields);

  value = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;   /* may be our own */
  g_free (self->values[index]);
  self->values[index] = (char *) value;
}

void
sec_record_set (SecRecord  *self,
                const char *field,
                const char *value)
{
  int i;

  g_return_if_fail (SEC_IS_RECORD (self));

  i = sec_entity_field_index (self->entity, field);
  g_return_if_fail (i >= 0);
  sec_record_set_nth (self, (guint) i, value);
}

gboolean
sec_record_equal (SecRecord *a,
                  SecRecord *b)
{
  g_return_val_if_fail (SEC_IS_RECORD (a) && SEC_IS_RECORD (b), FALSE);

  if (a->entity != b->entity || g_strcmp0 (a->id, b->id) != 0)
    return FALSE;
  for (guint i = 0; i < a->entity->n_fields; i++)
    if (g_strcmp0 (a->values[i], b->values[i]) != 0)
      return FALSE;
  return TRUE;
}
