/* sec-agenda.h: an agenda's numbers and planned times */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  SecRecord *item;      /* an agenda_item */
  char      *number;    /* "1", "1.2"; NULL for a break */
  int        starts;    /* minutes after midnight of the meeting's day */
  int        ends;
} SecAgendaEntry;

void       sec_agenda_entry_free (SecAgendaEntry *entry);
GPtrArray *sec_agenda_items      (SecStore       *store,
                                  const char     *event_id);
GPtrArray *sec_agenda_plan       (GPtrArray      *items,
                                  const char     *starts_at);

G_END_DECLS
