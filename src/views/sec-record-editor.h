/* sec-record-editor.h: the editor of a record with no children of its own */
#pragma once

#include <gtk/gtk.h>

#include "sec-editor.h"

G_BEGIN_DECLS

#define SEC_TYPE_RECORD_EDITOR (sec_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (SecRecordEditor, sec_record_editor, SEC, RECORD_EDITOR, GtkWidget)

SecRecordEditor *sec_record_editor_new (const SecEntity *entity);

G_END_DECLS
