/* sec-sync-button.h: the header bar's sync status and menu */
#pragma once

#include <gtk/gtk.h>

#include "sec-sync-scheduler.h"

G_BEGIN_DECLS

#define SEC_TYPE_SYNC_BUTTON (sec_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (SecSyncButton, sec_sync_button, SEC, SYNC_BUTTON, GtkWidget)

void        sec_sync_button_set_scheduler (SecSyncButton    *self,
                                           SecSyncScheduler *scheduler);
const char *sec_sync_button_get_text      (SecSyncButton    *self);
void        sec_sync_button_set_compact   (SecSyncButton    *self,
                                           gboolean          compact);

G_END_DECLS
