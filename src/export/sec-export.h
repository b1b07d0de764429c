/* sec-export.h: what the calendar and PDF exports share */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_EXPORT_ERROR (sec_export_error_quark ())

typedef enum {
  SEC_EXPORT_ERROR_NOT_FOUND,   /* no event or participant matches */
  SEC_EXPORT_ERROR_AMBIGUOUS,   /* several events match */
  SEC_EXPORT_ERROR_EMPTY,       /* nothing to put in the document */
  SEC_EXPORT_ERROR_RENDER,      /* cairo or libical failed */
} SecExportError;

GQuark     sec_export_error_quark     (void);
GPtrArray *sec_export_list_events     (SecStore    *store);
char      *sec_export_find_event      (SecStore    *store,
                                       const char  *id_or_title,
                                       GError     **error);
char      *sec_export_find_participant (SecStore   *store,
                                       const char  *event_id,
                                       const char  *id_or_name,
                                       GError     **error);
SecRecord *sec_export_load_event      (SecStore    *store,
                                       const char  *event_id,
                                       GError     **error);
char      *sec_export_format_date     (const char  *date);
char      *sec_export_format_dates    (const char  *starts_on,
                                       const char  *ends_on);
char      *sec_export_join            (const char  *separator,
                                       guint        n_parts,
                                       const char *const *parts);
gboolean   sec_export_write           (const char  *path,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);
char      *sec_export_display         (SecRecord   *record,
                                       const char  *field);

GdkPixbuf *sec_export_load_image (const char  *path,
                                  GError     **error);

G_END_DECLS
