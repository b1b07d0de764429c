/* sec-assembly-panel.h: what an assembly adds to an event */
#pragma once

#include <adwaita.h>

#include "sec-agenda-view.h"
#include "sec-quorum.h"

G_BEGIN_DECLS

#define SEC_TYPE_ASSEMBLY_PANEL (sec_assembly_panel_get_type ())
G_DECLARE_FINAL_TYPE (SecAssemblyPanel, sec_assembly_panel, SEC, ASSEMBLY_PANEL, GtkWidget)

gboolean       sec_assembly_panel_is_meeting      (SecRecord        *event);
void           sec_assembly_panel_set_meeting     (SecAssemblyPanel *self,
                                                   SecStore         *store,
                                                   const char       *event_id);
SecAgendaView *sec_assembly_panel_get_agenda      (SecAssemblyPanel *self);
void           sec_assembly_panel_get_quorum      (SecAssemblyPanel *self,
                                                   SecQuorum        *quorum);
const char    *sec_assembly_panel_get_quorum_text (SecAssemblyPanel *self);
guint          sec_assembly_panel_get_n_proposals (SecAssemblyPanel *self);
const char    *sec_assembly_panel_get_proposal    (SecAssemblyPanel *self,
                                                   guint             index);
gboolean       sec_assembly_panel_accept          (SecAssemblyPanel *self,
                                                   guint             index);

G_END_DECLS
