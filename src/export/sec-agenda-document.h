/* sec-agenda-document.h: an agenda as the printed and mailed copies show it */
#pragma once

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
} SecAgendaLine;

typedef struct {
  SecRecord *event;
  GPtrArray *lines;      /* SecAgendaLine */
  char      *summary;    /* "From 09:00 to about 14:15: 5 h 15 min" */
} SecAgendaDocument;

SecAgendaDocument *sec_agenda_document_new      (SecStore          *store,
                                                 const char        *event_id,
                                                 GError           **error);
void               sec_agenda_document_free     (SecAgendaDocument *document);
char              *sec_agenda_document_markdown (SecAgendaDocument *document);
gboolean           sec_agenda_export_markdown   (SecStore          *store,
                                                 const char        *event_id,
                                                 const char        *path,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecAgendaDocument, sec_agenda_document_free)

G_END_DECLS
