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
  SEC_FIELD_TIME,       /* HH:MM, 24-hour */
  SEC_FIELD_TIMEZONE,   /* IANA zone, "Asia/Kuala_Lumpur" */
  SEC_FIELD_PERCENT,    /* integer 0–100 */
  SEC_FIELD_INTEGER,    /* whole number, 0 or more */
  SEC_FIELD_REFERENCE,  /* id of a record of field->suggest */
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
  guint            automatic : 1; /* set by the app (moving the record in its list, a vote
                                  * recording its quorum): editors leave it out */
  const char      *section;     /* N_(), starts a group in editors */
  const struct _SecEntity *suggest;  /* offer the titles of these records while typing */
  const char      *reverse;     /* N_(), the link as the suggested record shows it */
} SecField;

struct _SecRecord;

/* A value the store computes in SQL, such as a member's status. Its SQL may
 * use the parameters :today and :grace (days). It always has a value. */
typedef struct {
  const char      *name;
  const char      *label;       /* N_() */
  const char      *sql;
  const SecChoice *choices;
  /* If set, the store keeps the value in a column of its name, computed
   * by this as each record is written (and again when the day or the grace
   * period changes); @sql is then that column. */
  const char      *(*stored) (struct _SecRecord *record,
                              const char        *today,
                              guint              grace_days);
} SecComputed;

/* Two fields of one record in order: @later may not come before @earlier
 * (or, if @strict, be equal to it). Dates and times compare as text. */
typedef struct {
  const char *later;
  const char *earlier;
  gboolean    strict;
  const char *message;   /* N_(), shown beside @later */
} SecOrderRule;

/* A field of a child that must lie within two fields of its parent, such
 * as a session's date within its event's dates. */
typedef struct {
  const char *field;
  const char *parent_from;
  const char *parent_to;
  const char *message;   /* N_(); the parent's dates follow it */
} SecWithinRule;

typedef struct _SecEntity SecEntity;
struct _SecEntity {
  const char      *name;        /* table */
  const char      *label;       /* N_() */
  const SecField  *fields;
  guint            n_fields;
  const SecEntity *parent;      /* children are searched and exported with it */
  const char      *parent_field;
  const SecComputed *computed;  /* NULL-terminated, or NULL */
  const SecOrderRule *order_rules;    /* NULL-terminated, or NULL */
  const SecWithinRule *within_rules;  /* NULL-terminated, or NULL */
  const char      *identity[2]; /* fields that tell two records apart for a person */
};

extern const char *const sec_sdg_names[18];   /* N_(), index 1–17 */

extern const SecEntity sec_entity_member;
extern const SecEntity sec_entity_contact;
extern const SecEntity sec_entity_event;
extern const SecEntity sec_entity_session;
extern const SecEntity sec_entity_participant;
extern const SecEntity sec_entity_pillar;
extern const SecEntity sec_entity_roadmap_item;
extern const SecEntity sec_entity_agenda_item;

const SecEntity *sec_entity_lookup       (const char      *name);
const SecEntity *const *sec_entity_all   (void);
const SecField  *sec_entity_get_field    (const SecEntity *entity,
                                          const char      *name);
const SecField  *sec_entity_title_field  (const SecEntity *entity);
const SecComputed *sec_entity_get_computed (const SecEntity *entity,
                                          const char      *name);
int              sec_entity_field_index  (const SecEntity *entity,
                                          const char      *name);
const char      *sec_field_choice_label  (const SecField  *field,
                                          const char      *id);
const char      *sec_field_choice_id     (const SecField  *field,
                                          const char      *text);

G_END_DECLS
