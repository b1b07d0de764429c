/* sec-guide-window.c: a short guide to the app
 *
 * One section a page of the window, and one for sharing and one for the
 * keyboard, all in the template so that they are translated with the rest
 * and need no help viewer.
 */

#include "sec-guide-window.h"

struct _SecGuideWindow
{
  AdwWindow  parent_instance;
  GtkWidget *sections;
};

G_DEFINE_FINAL_TYPE (SecGuideWindow, sec_guide_window, ADW_TYPE_WINDOW)

static void
sec_guide_window_class_init (SecGuideWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-guide-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SecGuideWindow, sections);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sec_guide_window_init (SecGuideWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
sec_guide_window_new (GtkWindow *parent)
{
  return g_object_new (SEC_TYPE_GUIDE_WINDOW, "transient-for", parent, NULL);
}

guint
sec_guide_window_get_n_sections (SecGuideWindow *self)
{
  guint n = 0;

  g_return_val_if_fail (SEC_IS_GUIDE_WINDOW (self), 0);
  for (GtkWidget *child = gtk_widget_get_first_child (self->sections); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}
