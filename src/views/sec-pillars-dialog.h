/* sec-pillars-dialog.h: renames, reorders, adds and archives the pillars */
#pragma once

#include <adwaita.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_PILLARS_DIALOG (sec_pillars_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SecPillarsDialog, sec_pillars_dialog, SEC, PILLARS_DIALOG, AdwWindow)

SecPillarsDialog *sec_pillars_dialog_new       (SecStore         *store);
const char       *sec_pillars_dialog_get_error (SecPillarsDialog *self);

G_END_DECLS
