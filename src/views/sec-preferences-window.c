/* sec-preferences-window.c: the preferences, bound to GSettings */

#include <glib/gi18n.h>

#include "sec-preferences-window.h"

struct _SecPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;
  GtkSpinButton        *grace_days;
};

G_DEFINE_FINAL_TYPE (SecPreferencesWindow, sec_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
sec_preferences_window_class_init (SecPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SecPreferencesWindow, grace_days);
}

static void
sec_preferences_window_init (SecPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SecPreferencesWindow *
sec_preferences_window_new (GSettings *settings)
{
  SecPreferencesWindow *self = g_object_new (SEC_TYPE_PREFERENCES_WINDOW, NULL);

  g_settings_bind (settings, "grace-days", gtk_spin_button_get_adjustment (self->grace_days), "value",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}
