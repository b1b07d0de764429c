/* sec-preferences-window.h: the preferences */
#pragma once

#include <adwaita.h>

#include "sec-sync-scheduler.h"

G_BEGIN_DECLS

#define SEC_TYPE_PREFERENCES_WINDOW (sec_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SecPreferencesWindow, sec_preferences_window, SEC, PREFERENCES_WINDOW, AdwPreferencesWindow)

SecPreferencesWindow *sec_preferences_window_new           (GSettings            *settings,
                                                            SecStore             *store,
                                                            SecSyncScheduler     *scheduler);
void                  sec_preferences_window_set_address   (SecPreferencesWindow *self,
                                                            const char           *server,
                                                            const char           *database,
                                                            const char           *user);
void                  sec_preferences_window_apply_password (SecPreferencesWindow *self,
                                                            const char           *password);
const char           *sec_preferences_window_get_problem   (SecPreferencesWindow *self);
gboolean              sec_preferences_window_set_logo      (SecPreferencesWindow *self,
                                                            const char           *path);
void                  sec_preferences_window_test          (SecPreferencesWindow *self);
const char           *sec_preferences_window_get_test_result (SecPreferencesWindow *self);

G_END_DECLS
