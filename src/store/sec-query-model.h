/* sec-query-model.h: a lazy list model over one SQL query */
#pragma once

#include <gio/gio.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_QUERY_MODEL (sec_query_model_get_type ())
G_DECLARE_FINAL_TYPE (SecQueryModel, sec_query_model, SEC, QUERY_MODEL, GObject)

SecQueryModel *sec_query_model_new             (SecStore        *store,
                                                const SecEntity *entity);
SecStore      *sec_query_model_get_store       (SecQueryModel   *self);
void           sec_query_model_set_search      (SecQueryModel   *self,
                                                const char      *text);
const char    *sec_query_model_get_search      (SecQueryModel   *self);
void           sec_query_model_set_filter      (SecQueryModel   *self,
                                                const char      *field,
                                                const char      *value);
void           sec_query_model_set_sort        (SecQueryModel   *self,
                                                const char      *field,
                                                gboolean         descending);
gint64         sec_query_model_count_distinct  (SecQueryModel   *self,
                                                const char      *field);
int            sec_query_model_find            (SecQueryModel   *self,
                                                const char      *id);
void           sec_query_model_refresh         (SecQueryModel   *self);
gboolean       sec_query_model_is_loading      (SecQueryModel   *self);
void           sec_query_model_set_sync_limit  (SecQueryModel   *self,
                                                guint            limit);

G_END_DECLS
