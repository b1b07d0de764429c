/* sec-editor.h: what a list page asks of the editor beside it */
#pragma once

#include <gtk/gtk.h>

#include "sec-record-form.h"
#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_EDITOR (sec_editor_get_type ())
G_DECLARE_INTERFACE (SecEditor, sec_editor, SEC, EDITOR, GtkWidget)

struct _SecEditorInterface
{
  GTypeInterface parent_iface;

  void           (*set_store)   (SecEditor  *self,
                                 SecStore   *store);
  void           (*edit)        (SecEditor  *self,
                                 const char *id);
  const char    *(*get_id)      (SecEditor  *self);
  gboolean       (*is_modified) (SecEditor  *self);
  gboolean       (*save)        (SecEditor  *self);
  SecRecordForm *(*get_form)    (SecEditor  *self);
};

void           sec_editor_set_store   (SecEditor  *self,
                                       SecStore   *store);
void           sec_editor_edit        (SecEditor  *self,
                                       const char *id);
const char    *sec_editor_get_id      (SecEditor  *self);
gboolean       sec_editor_is_modified (SecEditor  *self);
gboolean       sec_editor_save        (SecEditor  *self);
SecRecordForm *sec_editor_get_form    (SecEditor  *self);
void           sec_editor_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
