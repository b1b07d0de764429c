/* sec-preferences-window.h: the preferences */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEC_TYPE_PREFERENCES_WINDOW (sec_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SecPreferencesWindow, sec_preferences_window, SEC, PREFERENCES_WINDOW, AdwPreferencesWindow)

SecPreferencesWindow *sec_preferences_window_new (GSettings *settings);

G_END_DECLS
