/* sec-agenda-document.h: an agenda as the printed and mailed copies show it */
#pragma once

#include "sec-quorum.h"
#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  char     *number;      /* "2.1", or NULL for a break */
  char     *time;        /* "10:45–11:30" */
  char     *title;
  char     *minutes;     /* "45" */
  char     *presenter;   /* or NULL */
  char     *background;  /* the item's own, then its record's; or NULL */
  guint     depth;
  gboolean  pause;       /* a break */
  char     *decision;    /* the minutes: what was decided, or NULL */
  char     *votes;       /* "14 for, 0 against, 1 abstaining", or NULL */
  char     *outcome;     /* "Adopted", or NULL */
  char     *quorum;      /* "Quorum present, 12 voting members represented", or NULL */
} SecAgendaLine;

typedef struct {
  SecRecord *event;
  GPtrArray *lines;      /* SecAgendaLine */
  char      *summary;    /* "From 09:00 to about 14:15: 5 h 15 min" */
  GPtrArray *present;    /* "Name, Organisation (voting delegate)", of those checked in */
  SecQuorumRule rule;
  SecQuorum  quorum;
  char      *quorum_text; /* "Quorum: 12 of 21 voting members represented; 11 required (…). Met." */
} SecAgendaDocument;

SecAgendaDocument *sec_agenda_document_new      (SecStore          *store,
                                                 const char        *event_id,
                                                 SecQuorumRule      rule,
                                                 GError           **error);
void               sec_agenda_document_free     (SecAgendaDocument *document);
char              *sec_agenda_document_markdown (SecAgendaDocument *document);
char              *sec_agenda_document_minutes_markdown (SecAgendaDocument *document);
gboolean           sec_agenda_export_markdown   (SecStore          *store,
                                                 const char        *event_id,
                                                 SecQuorumRule      rule,
                                                 gboolean           minutes,
                                                 const char        *path,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecAgendaDocument, sec_agenda_document_free)

G_END_DECLS
