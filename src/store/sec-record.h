/* sec-record.h: one record of any entity, its values as text */
#pragma once

#include <glib-object.h>

#include "sec-entity.h"

G_BEGIN_DECLS

#define SEC_TYPE_RECORD (sec_record_get_type ())
G_DECLARE_FINAL_TYPE (SecRecord, sec_record, SEC, RECORD, GObject)

SecRecord       *sec_record_new          (const SecEntity *entity);
SecRecord       *sec_record_copy         (SecRecord       *self);
const SecEntity *sec_record_get_entity   (SecRecord       *self);
const char      *sec_record_get_id       (SecRecord       *self);
void             sec_record_set_id       (SecRecord       *self,
                                          const char      *id);
gint64           sec_record_get_rowid    (SecRecord       *self);
void             sec_record_set_rowid    (SecRecord       *self,
                                          gint64           rowid);
const char      *sec_record_get_updated_at (SecRecord     *self);
void             sec_record_set_updated_at (SecRecord     *self,
                                            const char    *stamp);
const char      *sec_record_get          (SecRecord       *self,
                                          const char      *field);
const char      *sec_record_get_nth      (SecRecord       *self,
                                          guint            index);
void             sec_record_set          (SecRecord       *self,
                                          const char      *field,
                                          const char      *value);
void             sec_record_set_nth      (SecRecord       *self,
                                          guint            index,
                                          const char      *value);
gboolean         sec_record_equal        (SecRecord       *a,
                                          SecRecord       *b);

G_END_DECLS
