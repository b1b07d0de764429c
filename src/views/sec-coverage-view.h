/* sec-coverage-view.h: which of the 17 SDGs the network works on */
#pragma once

#include <gtk/gtk.h>

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_TYPE_COVERAGE_VIEW (sec_coverage_view_get_type ())
G_DECLARE_FINAL_TYPE (SecCoverageView, sec_coverage_view, SEC, COVERAGE_VIEW, GtkWidget)

GtkWidget  *sec_coverage_view_new      (SecStore        *store);
const char *sec_coverage_view_get_line (SecCoverageView *self,
                                        guint            goal);

G_END_DECLS
