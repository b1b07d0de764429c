/* sec-record-dialog.h: a window to edit one record of any entity */
#pragma once

#include <adwaita.h>

#include "sec-record-form.h"
#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_RECORD_DIALOG (sec_record_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SecRecordDialog, sec_record_dialog, SEC, RECORD_DIALOG, AdwWindow)

SecRecordDialog *sec_record_dialog_new       (GtkWindow       *parent,
                                              SecStore        *store,
                                              SecRecord       *record,
                                              const char      *title);
SecRecordForm   *sec_record_dialog_get_form  (SecRecordDialog *self);
void             sec_record_dialog_add_extra (SecRecordDialog *self,
                                              GtkWidget       *widget);
gboolean         sec_record_dialog_save      (SecRecordDialog *self);

G_END_DECLS
