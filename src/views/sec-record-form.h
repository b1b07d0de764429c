/* sec-record-form.h: an editor for any entity, built from its description */
#pragma once

#include <adwaita.h>

#include "sec-store.h"

G_BEGIN_DECLS

/* Writes a record, or says which field (an index, or -1) stood in the way. */
typedef gboolean (*SecRecordWriter) (SecStore   *store,
                                     SecRecord  *record,
                                     int        *bad_field,
                                     GError    **error);

#define SEC_TYPE_RECORD_FORM (sec_record_form_get_type ())
G_DECLARE_FINAL_TYPE (SecRecordForm, sec_record_form, SEC, RECORD_FORM, GtkWidget)

SecRecordForm *sec_record_form_new         (const SecEntity *entity);
void           sec_record_form_set_store   (SecRecordForm   *self,
                                            SecStore        *store);
guint          sec_record_form_get_n_suggestions (SecRecordForm *self,
                                            const char      *field);
void           sec_record_form_choose_suggestion (SecRecordForm *self,
                                            const char      *field,
                                            guint            position);
guint          sec_record_form_get_n_links (SecRecordForm   *self);
void           sec_record_form_follow_link (SecRecordForm   *self,
                                            guint            position);
void           sec_record_form_set_record  (SecRecordForm   *self,
                                            SecRecord       *record);
SecRecord     *sec_record_form_get_record  (SecRecordForm   *self);
gboolean       sec_record_form_validate    (SecRecordForm   *self);
gboolean       sec_record_form_is_valid    (SecRecordForm   *self);
gboolean       sec_record_form_is_modified (SecRecordForm   *self);
void           sec_record_form_apply_changes (SecRecordForm *self,
                                            SecRecord       *target);
void           sec_record_form_hide_from   (SecRecordForm   *self,
                                            const char      *field);
void           sec_record_form_set_writer  (SecRecordForm   *self,
                                            SecRecordWriter  writer);
gboolean       sec_record_form_save        (SecRecordForm   *self,
                                            GError         **error);
GtkWidget     *sec_record_form_get_input   (SecRecordForm   *self,
                                            const char      *field);
const char    *sec_record_form_get_error   (SecRecordForm   *self,
                                            const char      *field);
void           sec_record_form_show_problem (SecRecordForm  *self,
                                            guint            index,
                                            const char      *message);
void           sec_record_form_focus       (SecRecordForm   *self,
                                            const char      *field);

G_END_DECLS
