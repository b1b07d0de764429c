/* sec-sync-button.c: the header bar's sync status and menu
 *
 * Shows what sync is doing in a few words ("Synced at 14:05", "3 changes
 * waiting", "Offline", "Server unreachable"), with a spinner while it
 * runs, and opens a menu that tells the whole reason, to sync now, settle
 * conflicts or change the settings. A sync the user asked for that fails
 * says so in a toast: a click must never seem to do nothing.
 */

#include <glib/gi18n.h>

#include "sec-conflicts-dialog.h"
#include "sec-sync-button.h"
#include "sec-window.h"

struct _SecSyncButton
{
  GtkWidget         parent_instance;

  GtkWidget        *menu_button;
  GtkImage         *icon;
  GtkSpinner       *spinner;
  GtkLabel         *label;
  GtkLabel         *detail;
  GtkWidget        *conflicts_button;

  SecSyncScheduler *scheduler;
  gboolean          asked;   /* Sync Now was chosen and has not ended */
};

G_DEFINE_FINAL_TYPE (SecSyncButton, sec_sync_button, GTK_TYPE_WIDGET)

static const char *
icon_for (SecSyncStatus status,
          guint         conflicts)
{
  if (conflicts > 0)
    return "dialog-warning-symbolic";
  switch (status)
    {
    case SEC_SYNC_OFFLINE:
      return "network-offline-symbolic";
    case SEC_SYNC_FAILED:
      return "dialog-warning-symbolic";
    case SEC_SYNC_OFF:
      return "network-server-symbolic";
    default:
      return "emblem-synchronizing-symbolic";
    }
}

static void
tell_failure (SecSyncButton *self,
              const char    *headline)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = g_strdup_printf (_("Sync failed: %s"), headline);

  if (SEC_IS_WINDOW (root))
    sec_window_add_toast (SEC_WINDOW (root), adw_toast_new (text));
}

static void
update (SecSyncButton *self)
{
  SecSyncStatus status = sec_sync_scheduler_get_status (self->scheduler);
  guint conflicts = sec_sync_scheduler_get_conflicts (self->scheduler);
  g_autofree char *text = sec_sync_scheduler_describe (self->scheduler);
  g_autofree char *conflicts_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Settle %u _Conflict…",
                                                                  "Settle %u _Conflicts…", conflicts), conflicts);

  g_autofree char *explanation = sec_sync_scheduler_explain (self->scheduler);
  gboolean running = status == SEC_SYNC_RUNNING;

  gtk_label_set_text (self->label, text);
  gtk_label_set_text (self->detail, explanation);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_tooltip_text (self->menu_button, text);
  gtk_image_set_from_icon_name (self->icon, icon_for (status, conflicts));
  gtk_button_set_label (GTK_BUTTON (self->conflicts_button), conflicts_text);
  gtk_widget_set_visible (self->conflicts_button, conflicts > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now",
                                 status != SEC_SYNC_OFF && status != SEC_SYNC_RUNNING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (status == SEC_SYNC_FAILED || conflicts > 0)
    gtk_widget_add_css_class (self->menu_button, "sync-problem");
  else
    gtk_widget_remove_css_class (self->menu_button, "sync-problem");
  if (self->asked && !running)
    {
      self->asked = FALSE;
      if (status == SEC_SYNC_FAILED || status == SEC_SYNC_OFFLINE)
        tell_failure (self, text);
    }
}

static void
sync_now_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  SecSyncButton *self = SEC_SYNC_BUTTON (widget);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
  self->asked = TRUE;
  sec_sync_scheduler_sync_now (self->scheduler);
}

static void
conflicts_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  SecSyncButton *self = SEC_SYNC_BUTTON (widget);
  SecConflictsDialog *dialog;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
  dialog = sec_conflicts_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                     sec_sync_scheduler_get_store (self->scheduler));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sec_sync_button_dispose (GObject *object)
{
  SecSyncButton *self = SEC_SYNC_BUTTON (object);
  GtkWidget *child;

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEC_TYPE_SYNC_BUTTON);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sec_sync_button_parent_class)->dispose (object);
}

static void
sec_sync_button_class_init (SecSyncButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sec_sync_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/asec/Secretariat/sec-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, SecSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SecSyncButton, icon);
  gtk_widget_class_bind_template_child (widget_class, SecSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, SecSyncButton, label);
  gtk_widget_class_bind_template_child (widget_class, SecSyncButton, detail);
  gtk_widget_class_bind_template_child (widget_class, SecSyncButton, conflicts_button);
  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now_activated);
  gtk_widget_class_install_action (widget_class, "sync.conflicts", NULL, conflicts_activated);
}

static void
sec_sync_button_init (SecSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
sec_sync_button_set_scheduler (SecSyncButton    *self,
                               SecSyncScheduler *scheduler)
{
  g_return_if_fail (SEC_IS_SYNC_BUTTON (self));

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->scheduler, scheduler);
  g_signal_connect_swapped (scheduler, "changed", G_CALLBACK (update), self);
  update (self);
}

/* What the button says now. */
const char *
sec_sync_button_get_text (SecSyncButton *self)
{
  g_return_val_if_fail (SEC_IS_SYNC_BUTTON (self), NULL);
  return gtk_label_get_text (self->label);
}

/* Icon only, for narrow windows; the words stay in the tooltip, the menu
 * and the accessible label. */
void
sec_sync_button_set_compact (SecSyncButton *self,
                             gboolean       compact)
{
  g_return_if_fail (SEC_IS_SYNC_BUTTON (self));
  gtk_widget_set_visible (GTK_WIDGET (self->label), !compact);
}
