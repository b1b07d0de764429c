/* sec-conflicts-dialog.h: settling the fields two offices changed at once */
#pragma once

#include <adwaita.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_CONFLICTS_DIALOG (sec_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SecConflictsDialog, sec_conflicts_dialog, SEC, CONFLICTS_DIALOG, AdwWindow)

SecConflictsDialog *sec_conflicts_dialog_new      (GtkWindow          *parent,
                                                   SecStore           *store);
guint               sec_conflicts_dialog_get_rows (SecConflictsDialog *self);
gboolean            sec_conflicts_dialog_settle   (SecConflictsDialog *self,
                                                   guint               row,
                                                   gboolean            take_remote);

G_END_DECLS
