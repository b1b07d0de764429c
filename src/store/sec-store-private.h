/* sec-store-private.h: for the store layer's own models */
#pragma once

#include <sqlite3.h>

#include "sec-store.h"

G_BEGIN_DECLS

sqlite3      *sec_store_get_db        (SecStore    *self);
sqlite3_stmt *sec_store_prepare       (SecStore    *self,
                                       const char  *sql,
                                       GError     **error);
gboolean      sec_store_set_sql_error (SecStore    *self,
                                       GError     **error);

G_END_DECLS
