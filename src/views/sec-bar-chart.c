/* sec-bar-chart.c: a horizontal bar chart of labelled counts
 *
 * One row a group: its name, a bar as long as its share of the largest
 * group, and the count. Drawn with the theme's accent and text colours, so
 * it follows dark style and high contrast; its accessible description
 * reads the figures out.
 */

#include <glib/gi18n.h>

#include "sec-bar-chart.h"
#include "sec-event-stats.h"

#define ROW_HEIGHT 26
#define GAP 8

struct _SecBarChart
{
  GtkWidget  parent_instance;
  GPtrArray *counts;   /* SecCount, own copies */
  GStrv      details;  /* written after each count, or NULL */
};

G_DEFINE_FINAL_TYPE (SecBarChart, sec_bar_chart, GTK_TYPE_WIDGET)

static PangoLayout *
layout_for (SecBarChart *self,
            const char  *text)
{
  return gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
}

static int
label_width (SecBarChart *self,
             int          available)
{
  int widest = 0;

  for (guint i = 0; i < self->counts->len; i++)
    {
      g_autoptr(PangoLayout) layout = layout_for (self, ((SecCount *) g_ptr_array_index (self->counts, i))->label);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return MIN (widest, available * 2 / 5);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           int            x,
           int            y,
           const GdkRGBA *color)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (ROW_HEIGHT - height) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
sec_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SecBarChart *self = SEC_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int labels = label_width (self, width);
  guint largest = 1;
  GdkRGBA text, bar;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_bg_color", &bar))
    bar = text;
  for (guint i = 0; i < self->counts->len; i++)
    largest = MAX (largest, ((SecCount *) g_ptr_array_index (self->counts, i))->count);

  for (guint i = 0; i < self->counts->len; i++)
    {
      SecCount *count = g_ptr_array_index (self->counts, i);
      g_autoptr(PangoLayout) name = layout_for (self, count->label);
      g_autofree char *figure = self->details && i < g_strv_length (self->details)
                                ? g_strdup_printf ("%u · %s", count->count, self->details[i])
                                : g_strdup_printf ("%u", count->count);
      g_autoptr(PangoLayout) number = layout_for (self, figure);
      int figure_width;
      int y = (int) i * ROW_HEIGHT, room;

      /* On a narrow window the details give way to the bars, which keep
       * two fifths of the room: the rest of the text is ellipsized. */
      pango_layout_set_width (number, MAX ((width - labels - 3 * GAP) * 3 / 5, 10) * PANGO_SCALE);
      pango_layout_set_ellipsize (number, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (number, &figure_width, NULL);
      room = MAX (width - labels - 3 * GAP - figure_width, 2);
      int length = MAX (2, (int) (room * (double) count->count / largest));

      pango_layout_set_width (name, labels * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      draw_text (snapshot, name, 0, y, &text);
      gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (labels + GAP, y + 5, length, ROW_HEIGHT - 10));
      draw_text (snapshot, number, labels + 2 * GAP + length, y, &text);
    }
}

static void
sec_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SecBarChart *self = SEC_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = (int) self->counts->len * ROW_HEIGHT;
  else
    {
      *minimum = 160;
      *natural = 360;
    }
}

static void
sec_bar_chart_finalize (GObject *object)
{
  g_ptr_array_unref (SEC_BAR_CHART (object)->counts);
  g_strfreev (SEC_BAR_CHART (object)->details);
  G_OBJECT_CLASS (sec_bar_chart_parent_class)->finalize (object);
}

static void
sec_bar_chart_class_init (SecBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sec_bar_chart_finalize;
  widget_class->snapshot = sec_bar_chart_snapshot;
  widget_class->measure = sec_bar_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sec_bar_chart_init (SecBarChart *self)
{
  self->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_count_free);
}

GtkWidget *
sec_bar_chart_new (void)
{
  return g_object_new (SEC_TYPE_BAR_CHART, NULL);
}

/* What a screen reader says of the chart: each bar's label with its
 * details ("4 Quality education: 1 roadmap item"), or its count. */
static void
describe (SecBarChart *self)
{
  g_autoptr(GString) description = g_string_new (NULL);
  guint n_details = self->details ? g_strv_length (self->details) : 0;

  for (guint i = 0; i < self->counts->len; i++)
    {
      SecCount *count = g_ptr_array_index (self->counts, i);

      g_string_append_printf (description, "%s%s: ", i ? "; " : "", count->label);
      if (i < n_details)
        g_string_append (description, self->details[i]);
      else
        g_string_append_printf (description, "%u", count->count);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
}

/* Shows @counts (SecCount), in their order. */
void
sec_bar_chart_set_counts (SecBarChart *self,
                          GPtrArray   *counts)
{
  g_return_if_fail (SEC_IS_BAR_CHART (self));

  g_ptr_array_set_size (self->counts, 0);
  for (guint i = 0; i < counts->len; i++)
    {
      SecCount *source = g_ptr_array_index (counts, i);
      SecCount *copy = g_new0 (SecCount, 1);

      copy->label = g_strdup (source->label);
      copy->count = source->count;
      g_ptr_array_add (self->counts, copy);
    }
  describe (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* A text for each bar, written after its count: "20 members, 4 items". */
void
sec_bar_chart_set_details (SecBarChart        *self,
                           const char * const *details)
{
  g_return_if_fail (SEC_IS_BAR_CHART (self));

  g_strfreev (self->details);
  self->details = g_strdupv ((char **) details);
  describe (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sec_bar_chart_get_n_bars (SecBarChart *self)
{
  g_return_val_if_fail (SEC_IS_BAR_CHART (self), 0);
  return self->counts->len;
}
