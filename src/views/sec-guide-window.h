/* sec-guide-window.h: a short guide to the app */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEC_TYPE_GUIDE_WINDOW (sec_guide_window_get_type ())
G_DECLARE_FINAL_TYPE (SecGuideWindow, sec_guide_window, SEC, GUIDE_WINDOW, AdwWindow)

GtkWindow *sec_guide_window_new            (GtkWindow      *parent);
guint      sec_guide_window_get_n_sections (SecGuideWindow *self);

G_END_DECLS
