/* sec-application.h: the application, its actions and command line */
#pragma once

#include <adwaita.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_APPLICATION (sec_application_get_type ())
G_DECLARE_FINAL_TYPE (SecApplication, sec_application, SEC, APPLICATION, AdwApplication)

SecApplication *sec_application_new          (void);
SecStore       *sec_application_get_store    (SecApplication *self);
GSettings      *sec_application_get_settings (SecApplication *self);
gboolean        sec_application_open_store   (SecApplication *self,
                                              const char     *path,
                                              GError        **error);
char           *sec_application_default_db   (void);

G_END_DECLS
