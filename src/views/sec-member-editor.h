/* sec-member-editor.h: details and editor of one member and its contacts */
#pragma once

#include <adwaita.h>

#include "sec-record-form.h"
#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_MEMBER_EDITOR (sec_member_editor_get_type ())
G_DECLARE_FINAL_TYPE (SecMemberEditor, sec_member_editor, SEC, MEMBER_EDITOR, GtkWidget)

void           sec_member_editor_set_store    (SecMemberEditor *self,
                                               SecStore        *store);
void           sec_member_editor_edit         (SecMemberEditor *self,
                                               const char      *member_id);
gboolean       sec_member_editor_is_modified  (SecMemberEditor *self);
const char    *sec_member_editor_get_id       (SecMemberEditor *self);
SecRecordForm *sec_member_editor_get_form     (SecMemberEditor *self);
SecRecordForm *sec_member_editor_add_contact  (SecMemberEditor *self);
gboolean       sec_member_editor_save         (SecMemberEditor *self);

G_END_DECLS
