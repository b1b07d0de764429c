/* sec-window.h: the main window */
#pragma once

#include <adwaita.h>

#include "sec-records-page.h"
#include "sec-roadmap-board.h"
#include "sec-sync-button.h"
#include "sec-store.h"
#include "sec-sync-scheduler.h"

G_BEGIN_DECLS

#define SEC_TYPE_WINDOW (sec_window_get_type ())
G_DECLARE_FINAL_TYPE (SecWindow, sec_window, SEC, WINDOW, AdwApplicationWindow)

SecWindow *sec_window_new        (GtkApplication   *app,
                                  SecStore         *store,
                                  GSettings        *settings,
                                  SecSyncScheduler *scheduler);
SecRecordsPage *sec_window_get_members_page (SecWindow *self);
SecRecordsPage *sec_window_get_assemblies_page (SecWindow *self);
SecRecordsPage *sec_window_get_events_page  (SecWindow *self);
SecRecordsPage *sec_window_get_roadmap_page (SecWindow *self);
SecRoadmapBoard *sec_window_get_roadmap_board (SecWindow *self);
void            sec_window_show_roadmap_view (SecWindow  *self,
                                              const char *view);
GtkWidget      *sec_window_get_roadmap_view  (SecWindow  *self,
                                              const char *view);
const char     *sec_window_get_page         (SecWindow  *self);
void            sec_window_show_page        (SecWindow  *self,
                                             const char *name);
SecSyncButton  *sec_window_get_sync_button  (SecWindow *self);
void       sec_window_add_toast  (SecWindow      *self,
                                  AdwToast       *toast);

G_END_DECLS
