/* sec-coverage-view.c: which of the 17 SDGs the network works on
 *
 * One bar a goal, as long as the members, events and roadmap items that
 * name it, with the three counts written out beside the goal's name. Kept
 * up to date as records change.
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sec-bar-chart.h"
#include "sec-count-text.h"
#include "sec-coverage-view.h"
#include "sec-coverage.h"
#include "sec-event-stats.h"
#include "sec-store-watch.h"

struct _SecCoverageView
{
  GtkWidget    parent_instance;
  GtkWidget   *scrolled;
  GtkLabel    *summary;
  SecBarChart *chart;
  SecStore    *store;
  GPtrArray   *lines;   /* char *, index goal - 1 */
};

G_DEFINE_FINAL_TYPE (SecCoverageView, sec_coverage_view, GTK_TYPE_WIDGET)

static void
fill (SecCoverageView *self)
{
  g_autoptr(GArray) coverage = sec_store_sdg_coverage (self->store);
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_count_free);
  g_autoptr(GStrvBuilder) details = g_strv_builder_new ();
  g_auto(GStrv) detail_texts = NULL;
  guint addressed = 0;
  g_autofree char *summary = NULL;

  g_ptr_array_set_size (self->lines, 0);
  for (guint i = 0; i < coverage->len; i++)
    {
      SecSdgCoverage *goal = &g_array_index (coverage, SecSdgCoverage, i);
      SecCount *count = g_new0 (SecCount, 1);

      const guint of_kind[SEC_NETWORK_KINDS] = { goal->members, goal->events, goal->items };
      g_autofree char *listed = sec_count_network_text (of_kind);
      g_autofree char *detail = g_strdup (*listed ? listed : _("none"));

      count->count = goal->members + goal->events + goal->items;
      count->label = g_strdup_printf ("%u %s", goal->goal, _(sec_sdg_names[goal->goal]));
      g_ptr_array_add (self->lines, g_strdup_printf ("%s: %s", count->label, detail));
      g_strv_builder_add (details, detail);
      g_ptr_array_add (counts, count);
      addressed += count->count > 0;
    }
  detail_texts = g_strv_builder_end (details);
  sec_bar_chart_set_counts (self->chart, counts);
  sec_bar_chart_set_details (self->chart, (const char *const *) detail_texts);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The network’s members, events and roadmap items address %u of the 17 goals.",
                                          "The network’s members, events and roadmap items address %u of the 17 goals.",
                                          addressed), addressed);
  gtk_label_set_text (self->summary, summary);
}

static void
sec_coverage_view_dispose (GObject *object)
{
  SecCoverageView *self = SEC_COVERAGE_VIEW (object);

  sec_store_unwatch (self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  G_OBJECT_CLASS (sec_coverage_view_parent_class)->dispose (object);
}

static void
sec_coverage_view_class_init (SecCoverageViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sec_coverage_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
sec_coverage_view_init (SecCoverageView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *title = gtk_label_new (_("Sustainable Development Goals"));

  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  self->chart = SEC_BAR_CHART (sec_bar_chart_new ());
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Members, events and roadmap items by goal"), -1);
  g_object_set (box, "margin-top", 18, "margin-bottom", 18, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
sec_coverage_view_new (SecStore *store)
{
  SecCoverageView *self = g_object_new (SEC_TYPE_COVERAGE_VIEW, NULL);

  self->store = g_object_ref (store);
  sec_store_watch (self, store, NULL, (SecWatchFunc) fill);
  fill (self);
  return GTK_WIDGET (self);
}

/* "1 No poverty: 3 members, 1 roadmap item", as the chart shows it. */
const char *
sec_coverage_view_get_line (SecCoverageView *self,
                            guint            goal)
{
  g_return_val_if_fail (SEC_IS_COVERAGE_VIEW (self), NULL);
  g_return_val_if_fail (goal >= 1 && goal <= self->lines->len, NULL);
  return g_ptr_array_index (self->lines, goal - 1);
}
