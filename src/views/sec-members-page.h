/* sec-members-page.h: the member registry */
#pragma once

#include <adwaita.h>

#include "sec-member-editor.h"
#include "sec-query-model.h"

G_BEGIN_DECLS

#define SEC_TYPE_MEMBERS_PAGE (sec_members_page_get_type ())
G_DECLARE_FINAL_TYPE (SecMembersPage, sec_members_page, SEC, MEMBERS_PAGE, GtkWidget)

void           sec_members_page_set_store    (SecMembersPage *self,
                                              SecStore       *store,
                                              GSettings      *settings);
GActionGroup  *sec_members_page_get_actions  (SecMembersPage *self);
SecQueryModel *sec_members_page_get_model    (SecMembersPage *self);
void           sec_members_page_show_member  (SecMembersPage *self,
                                              const char     *id);
SecMemberEditor *sec_members_page_get_editor (SecMembersPage *self);
GtkSearchEntry *sec_members_page_get_search_entry (SecMembersPage *self);
const char    *sec_members_page_get_summary  (SecMembersPage *self);

G_END_DECLS
