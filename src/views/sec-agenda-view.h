/* sec-agenda-view.h: the agenda of a meeting, built item by item */
#pragma once

#include <adwaita.h>

#include "sec-record-dialog.h"
#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_AGENDA_VIEW (sec_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (SecAgendaView, sec_agenda_view, SEC, AGENDA_VIEW, GtkWidget)

GtkWidget       *sec_agenda_view_new         (void);
void             sec_agenda_view_set_meeting (SecAgendaView *self,
                                              SecStore      *store,
                                              const char    *event_id);
SecRecordDialog *sec_agenda_view_add         (SecAgendaView *self,
                                              const char    *kind);
SecRecordDialog *sec_agenda_view_edit        (SecAgendaView *self,
                                              const char    *item_id);
guint            sec_agenda_view_get_n_rows  (SecAgendaView *self);
char            *sec_agenda_view_describe_row (SecAgendaView *self,
                                              guint          index);
const char      *sec_agenda_view_get_summary (SecAgendaView *self);

G_END_DECLS
