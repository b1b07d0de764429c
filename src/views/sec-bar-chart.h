/* sec-bar-chart.h: a horizontal bar chart of labelled counts */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEC_TYPE_BAR_CHART (sec_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (SecBarChart, sec_bar_chart, SEC, BAR_CHART, GtkWidget)

GtkWidget *sec_bar_chart_new         (void);
void       sec_bar_chart_set_counts  (SecBarChart *self,
                                      GPtrArray   *counts);
void       sec_bar_chart_set_details (SecBarChart        *self,
                                      const char * const *details);
guint      sec_bar_chart_get_n_bars  (SecBarChart *self);

G_END_DECLS
