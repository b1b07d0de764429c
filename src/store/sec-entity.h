/* sec-entity.h: the one description of each record type
 *
 * The store, CSV, JSON (sample data, sync) and the editors walk these tables
 * instead of naming fields one by one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SEC_FIELD_TEXT,
  SEC_FIELD_MULTILINE,
  SEC_FIELD_CHOICE,     /* one of field->choices */
  SEC_FIELD_COUNTRY,    /* ISO 3166-1 alpha-2 */
  SEC_FIELD_CURRENCY,   /* ISO 4217 alpha-3 */
  SEC_FIELD_EMAIL,
  SEC_FIELD_URL,
  SEC_FIELD_PHONE,
  SEC_FIELD_DATE,       /* YYYY-MM-DD */
  SEC_FIELD_MONEY,      /* integer minor units of the entity's currency field */
  SEC_FIELD_BOOL,       /* 0 or 1 */
  SEC_FIELD_SDGS,       /* ascending comma-separated goals, "1,8,17" */
  SEC_FIELD_PARENT,     /* id of the parent record */
} SecFieldType;

typedef struct {
  const char *id;       /* stored value */
  const char *label;    /* translatable, N_() */
} SecChoice;

typedef struct {
  const char      *name;        /* column, CSV header and JSON key */
  const char      *label;       /* N_() */
  SecFieldType     type;
  const SecChoice *choices;     /* NULL-terminated, for SEC_FIELD_CHOICE */
  guint            required : 1;
  guint            searchable : 1;
  guint            integer : 1; /* stored as an SQLite integer */
  const char      *section;     /* N_(), starts a group in editors */
} SecField;

/* A value the store computes in SQL, such as a member's status. Its SQL may
 * use the parameters :today and :grace (days). */
typedef struct {
  const char      *name;
  const char      *label;       /* N_() */
  const char      *sql;
  const SecChoice *choices;
} SecComputed;

typedef struct _SecEntity SecEntity;
struct _SecEntity {
  const char      *name;        /* table */
  const char      *label;       /* N_() */
  const SecField  *fields;
  guint            n_fields;
  const SecEntity *parent;      /* children are searched and exported with it */
  const char      *parent_field;
  const SecComputed *computed;  /* NULL-terminated, or NULL */
};

extern const char *const sec_sdg_names[18];   /* N_(), index 1–17 */

extern const SecEntity sec_entity_member;
extern const SecEntity sec_entity_contact;

const SecEntity *sec_entity_lookup       (const char      *name);
const SecEntity *const *sec_entity_all   (void);
const SecField  *sec_entity_get_field    (const SecEntity *entity,
                                          const char      *name);
const SecComputed *sec_entity_get_computed (const SecEntity *entity,
                                          const char      *name);
int              sec_entity_field_index  (const SecEntity *entity,
                                          const char      *name);
const char      *sec_field_choice_label  (const SecField  *field,
                                          const char      *id);
const char      *sec_field_choice_id     (const SecField  *field,
                                          const char      *text);

G_END_DECLS
