/* sec-event-editor.h: an event, its programme and its participants, and a
 * meeting's agenda */
#pragma once

#include <adwaita.h>

#include "sec-assembly-panel.h"
#include "sec-record-dialog.h"
#include "sec-record-form.h"
#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_EVENT_EDITOR (sec_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (SecEventEditor, sec_event_editor, SEC, EVENT_EDITOR, GtkWidget)

void             sec_event_editor_set_default_kind (SecEventEditor *self,
                                                   const char     *kind);
SecAssemblyPanel *sec_event_editor_get_assembly_panel (SecEventEditor *self);
SecRecordDialog *sec_event_editor_add_session     (SecEventEditor *self);
SecRecordDialog *sec_event_editor_edit_session    (SecEventEditor *self,
                                                   const char     *session_id);
SecRecordDialog *sec_event_editor_add_participant (SecEventEditor *self);
gboolean         sec_event_editor_check_in        (SecEventEditor *self,
                                                   const char     *name_part);
gboolean         sec_event_editor_export          (SecEventEditor *self,
                                                   const char     *what,
                                                   const char     *path,
                                                   GError        **error);
guint            sec_event_editor_get_countries   (SecEventEditor *self);
guint            sec_event_editor_get_overlaps    (SecEventEditor *self);
const char      *sec_event_editor_get_attendance  (SecEventEditor *self);

G_END_DECLS
