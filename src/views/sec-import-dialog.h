/* sec-import-dialog.h: CSV import with column mapping, progress and report */
#pragma once

#include <adwaita.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_IMPORT_DIALOG (sec_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SecImportDialog, sec_import_dialog, SEC, IMPORT_DIALOG, AdwWindow)

SecImportDialog *sec_import_dialog_run         (GtkWindow       *parent,
                                                SecStore        *store,
                                                GSettings       *settings,
                                                const SecEntity *entity,
                                                const char      *parent_id,
                                                GFile           *file);
void             sec_import_dialog_start       (SecImportDialog *self);
const char      *sec_import_dialog_get_page    (SecImportDialog *self);
const char      *sec_import_dialog_get_outcome (SecImportDialog *self);

G_END_DECLS
