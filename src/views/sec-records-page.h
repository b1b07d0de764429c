/* sec-records-page.h: a page listing the records of one entity */
#pragma once

#include <adwaita.h>

#include "sec-count-text.h"
#include "sec-editor.h"
#include "sec-query-model.h"

G_BEGIN_DECLS

/* Builds a page's editor, the first time a record is opened. */
typedef SecEditor *(*SecEditorFactory) (void);

typedef struct {
  const char *field;       /* a field or computed value of the entity */
  const char *title;       /* N_() */
  gboolean    expand;
  gboolean    when_wide;   /* hidden when the window is narrow */
} SecColumnSpec;

typedef struct {
  const char *field;       /* a choice, country or computed value */
  const char *all;         /* N_(), "All Countries" */
} SecFilterSpec;

/* What makes one page differ from another: all of it data. */
typedef struct {
  const SecEntity     *entity;
  const char          *actions;          /* action group name, "members" */
  const char          *settings_prefix;  /* "members": keys members-sort-column, … */
  const SecColumnSpec *columns;          /* ended by a { NULL } */
  const SecFilterSpec *filters;          /* ended by a { NULL } */
  const char          *search_placeholder;
  const char          *one;              /* N_("%u member") */
  const char          *many;             /* N_("%u members") */
  const char          *empty_icon;
  const char          *empty_title;
  const char          *empty_description;
  const char          *add_label;        /* N_("_Add Member") */
  const char          *no_results;       /* N_("No Matching Members") */
  gboolean             csv;              /* import and export */
  const char          *scope_field;      /* shows only the records whose field or */
  const char          *scope_value;      /* computed value is this; or NULL */
  int                  editor_width;     /* 0 for 400 */
} SecPageSpec;

#define SEC_TYPE_RECORDS_PAGE (sec_records_page_get_type ())
G_DECLARE_FINAL_TYPE (SecRecordsPage, sec_records_page, SEC, RECORDS_PAGE, GtkWidget)

void              sec_records_page_setup            (SecRecordsPage    *self,
                                                     const SecPageSpec *spec,
                                                     SecEditorFactory   new_editor,
                                                     SecStore          *store,
                                                     GSettings         *settings);
GActionGroup     *sec_records_page_get_actions      (SecRecordsPage    *self);
SecQueryModel    *sec_records_page_get_model        (SecRecordsPage    *self);
SecEditor        *sec_records_page_get_editor       (SecRecordsPage    *self);
GtkSearchEntry   *sec_records_page_get_search_entry (SecRecordsPage    *self);
const char       *sec_records_page_get_summary      (SecRecordsPage    *self);
void              sec_records_page_fit_width        (SecRecordsPage    *self,
                                                     int                width);
void              sec_records_page_show_record      (SecRecordsPage    *self,
                                                     const char        *id);

G_END_DECLS
