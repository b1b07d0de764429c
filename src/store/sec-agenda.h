/* sec-agenda.h: an agenda's numbers and planned times */
#pragma once

#include "sec-quorum.h"

G_BEGIN_DECLS

typedef struct {
  SecRecord *item;      /* an agenda_item */
  char      *number;    /* "1", "1.2"; NULL for a break */
  int        starts;    /* minutes after midnight of the meeting's day */
  int        ends;
} SecAgendaEntry;

/* How many records of one kind the assistant proposes one by one. */
#define SEC_AGENDA_PROPOSALS_EACH 20

/* Something the agenda assistant proposes to put on the agenda. */
typedef struct {
  const SecEntity *entity;    /* the record it is about: a roadmap item or a
                               * member; NULL for many records as one item */
  char            *id;
  char            *title;     /* the agenda item's title, ready to use */
  const char      *reason;    /* N_(), "Overdue", "Application waiting" */
} SecAgendaProposal;

void       sec_agenda_entry_free (SecAgendaEntry *entry);
char      *sec_agenda_start      (SecStore       *store,
                                  const char     *event_id);
void       sec_agenda_proposal_free (SecAgendaProposal *proposal);
GPtrArray *sec_agenda_proposals  (SecStore          *store,
                                  const char        *event_id,
                                  GError           **error);
gboolean   sec_agenda_accept     (SecStore          *store,
                                  const char        *event_id,
                                  SecAgendaProposal *proposal,
                                  GError           **error);
SecRecord *sec_agenda_new_item   (SecStore          *store,
                                  const char        *event_id,
                                  const char        *kind);
gboolean   sec_agenda_step       (SecStore          *store,
                                  const char        *event_id,
                                  const char        *item_id,
                                  int                direction,
                                  GError           **error);
gboolean   sec_agenda_move       (SecStore          *store,
                                  const char        *event_id,
                                  const char        *item_id,
                                  const char        *target_id,
                                  gboolean           after,
                                  GError           **error);
gboolean   sec_agenda_set_level  (SecStore          *store,
                                  const char        *item_id,
                                  int                depth,
                                  GError           **error);
gboolean   sec_agenda_decide     (SecStore          *store,
                                  SecRecord         *agenda_item,
                                  SecQuorumRule      rule,
                                  int               *bad,
                                  GError           **error);
char      *sec_agenda_quorum_text (SecRecord        *agenda_item);
GPtrArray *sec_agenda_items      (SecStore       *store,
                                  const char     *event_id);
GPtrArray *sec_agenda_plan       (GPtrArray      *items,
                                  const char     *starts_at);

G_END_DECLS
