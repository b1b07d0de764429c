/* sec-field.h: reading, checking and writing field values as text
 *
 * The text form is what a person types and what CSV carries: money in major
 * units ("150.00"), a country as its code or its name, a choice as its id or
 * its label. The stored form is what the database and JSON hold.
 */
#pragma once

#include "sec-record.h"

G_BEGIN_DECLS

#define SEC_FIELD_ERROR (sec_field_error_quark ())

typedef enum {
  SEC_FIELD_ERROR_REQUIRED,
  SEC_FIELD_ERROR_INVALID,
} SecFieldError;

GQuark    sec_field_error_quark   (void);

char     *sec_field_format        (SecRecord  *record,
                                   guint       index);
gboolean  sec_field_parse         (SecRecord  *record,
                                   guint       index,
                                   const char *text,
                                   GError    **error);
char     *sec_field_display       (SecRecord  *record,
                                   guint       index);
gboolean  sec_record_validate     (SecRecord  *record,
                                   int        *bad_field,
                                   GError    **error);

char     *sec_text_fold           (const char *text);
char     *sec_money_format        (gint64      minor,
                                   const char *currency);
gboolean  sec_money_parse         (const char *text,
                                   const char *currency,
                                   gint64     *minor);
gboolean  sec_date_parse          (const char *text,
                                   GDate      *date);

G_END_DECLS
