/* sec-pdf.c: printable documents of an event, and reports, as PDF
 *
 * The programme (each day a timed table), certificates (one landscape page
 * a participant) and a sign-in sheet; the roadmap's progress and the
 * network's SDG coverage as reports. Pages are drawn with cairo and Pango
 * only, so scripts can make them without a display.
 */

#include <glib/gi18n.h>

#include "sec-coverage.h"
#include "sec-export.h"
#include "sec-field.h"
#include "sec-agenda-document.h"
#include "sec-pdf.h"
#include "sec-pdf-writer.h"
#include "sec-programme.h"
#include "sec-query-model.h"

#define MARGIN 48.0
#define LOGO_HEIGHT 44.0   /* points */
#define TABLE_TEXT 8.5

typedef struct {
  const char *field;
  const char *title;      /* N_() */
  double      weight;
  gboolean    bold;
  gboolean    optional;   /* left out when no session has a value */
} Column;

/* "time" is the session's start and end. */
static const Column programme_columns[] = {
  { "time", N_("Time"), 0.12, FALSE, FALSE },
  { "title", N_("Session"), 0.34, TRUE, FALSE },
  { "kind", N_("Kind"), 0.11, FALSE, FALSE },
  { "speakers", N_("Speakers"), 0.23, FALSE, TRUE },
  { "moderator", N_("Moderator"), 0.13, FALSE, TRUE },
  { "room", N_("Room"), 0.09, FALSE, TRUE },
};

/* Private helpers */

static void
paper_size (SecPaper  paper,
            double   *width,
            double   *height)
{
  *width = paper == SEC_PAPER_LETTER ? 612.0 : 595.276;
  *height = paper == SEC_PAPER_LETTER ? 792.0 : 841.89;
}

/* "Kuala Lumpur, Malaysia", with the venue first if @with_venue. */
static char *
event_place (SecRecord *event,
             gboolean   with_venue)
{
  g_autofree char *country = sec_export_display (event, "country");
  const char *parts[] = {
    with_venue ? sec_record_get (event, "venue") : NULL, sec_record_get (event, "city"), country,
  };

  return sec_export_join (", ", G_N_ELEMENTS (parts), parts);
}

/* The event's dates under its title; one day has room for its weekday. */
static char *
event_dates (SecRecord *event)
{
  const char *starts_on = sec_record_get (event, "starts_on");
  const char *ends_on = sec_record_get (event, "ends_on");

  if (g_strcmp0 (starts_on, ends_on) == 0)
    return sec_export_format_date (starts_on);
  return sec_export_format_dates (starts_on, ends_on);
}

/* A line "Organisers: A · B" from a field of one name per line. */
static void
draw_people (SecPdfWriter *writer,
             const char   *label,
             const char   *lines)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *markup = NULL;

  if (lines == NULL)
    return;
  names = g_strsplit (lines, "\n", -1);
  for (guint i = 0; names[i] != NULL; i++)
    g_strstrip (names[i]);
  joined = sec_export_join (" · ", g_strv_length (names), (const char *const *) names);
  markup = g_markup_printf_escaped ("<b>%s</b> %s", label, joined);
  sec_pdf_writer_text (writer, markup, 9.5, PANGO_ALIGN_LEFT, 3);
}

/* @text on lines of its own, in a <span> with @attributes. */
static void
draw_line (SecPdfWriter *writer,
           const char   *text,
           const char   *attributes,
           double        size,
           double        space_after)
{
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;

  if (text == NULL || *text == '\0')
    return;
  escaped = g_markup_escape_text (text, -1);
  markup = g_strdup_printf ("<span %s>%s</span>", attributes, escaped);
  sec_pdf_writer_text (writer, markup, size, PANGO_ALIGN_LEFT, space_after);
}

static void
draw_programme_heading (SecPdfWriter *writer,
                        SecRecord    *event)
{
  g_autofree char *dates = event_dates (event);
  g_autofree char *place = event_place (event, TRUE);
  const char *zone = sec_record_get (event, "timezone");
  g_autofree char *times = g_strdup_printf (_("All times are in the %s time zone."), zone ? zone : "UTC");
  const char *link = sec_record_get (event, "online_link");
  g_autofree char *online = link ? g_strdup_printf (_("Online: %s"), link) : NULL;

  draw_line (writer, sec_record_get (event, "title"), "weight='bold'", 18, 6);
  draw_line (writer, dates, "", 12, 2);
  draw_line (writer, place, "foreground='#444444'", 10, online ? 2 : 8);
  draw_line (writer, online, "foreground='#444444'", 10, 8);
  draw_people (writer, _("Organisers:"), sec_record_get (event, "organisers"));
  draw_people (writer, _("Co-organisers:"), sec_record_get (event, "co_organisers"));
  draw_line (writer, times, "foreground='#666666'", 8.5, 14);
}

static gboolean
any_session_has (GPtrArray  *sessions,
                 const char *field)
{
  for (guint i = 0; i < sessions->len; i++)
    if (sec_record_get (g_ptr_array_index (sessions, i), field) != NULL)
      return TRUE;
  return FALSE;
}

/* The programme's columns: those with something to show. */
static guint
programme_table_init (SecPdfTable  *table,
                      SecPdfWriter *writer,
                      GPtrArray    *sessions,
                      const Column *shown[])
{
  const char *titles[G_N_ELEMENTS (programme_columns)];
  double weights[G_N_ELEMENTS (programme_columns)];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (programme_columns); i++)
    {
      const Column *column = &programme_columns[i];

      if (column->optional && !any_session_has (sessions, column->field))
        continue;
      shown[n] = column;
      titles[n] = _(column->title);
      weights[n++] = column->weight;
    }
  sec_pdf_table_init (table, writer, n, titles, weights, TABLE_TEXT);
  for (guint i = 0; i < n; i++)
    table->bold[i] = shown[i]->bold;
  return n;
}

static char *
session_cell (SecRecord    *session,
              const Column *column)
{
  if (g_strcmp0 (column->field, "time") == 0)
    return g_strdup_printf ("%s–%s", sec_record_get (session, "starts_at"), sec_record_get (session, "ends_at"));
  return sec_export_display (session, column->field);
}

/* Breaks, meals and registration are set off from the talks. */
static gboolean
is_pause (SecRecord *session)
{
  const char *kind = sec_record_get (session, "kind");

  return g_strcmp0 (kind, "break") == 0 || g_strcmp0 (kind, "meal") == 0 ||
         g_strcmp0 (kind, "registration") == 0;
}

/* Each day a table; its date heads it when the event has more than one. */
static void
draw_sessions (SecPdfWriter *writer,
               SecRecord    *event,
               GPtrArray    *sessions)
{
  gboolean one_day = g_strcmp0 (sec_record_get (event, "starts_on"), sec_record_get (event, "ends_on")) == 0;
  g_auto(SecPdfTable) table = { 0, };
  const Column *shown[G_N_ELEMENTS (programme_columns)];
  guint n = programme_table_init (&table, writer, sessions, shown);
  const char *day = NULL;

  for (guint i = 0; i < sessions->len; i++)
    {
      SecRecord *session = g_ptr_array_index (sessions, i);
      char *cells[SEC_PDF_MAX_COLUMNS] = { NULL, };

      if (g_strcmp0 (day, sec_record_get (session, "date")) != 0)
        {
          g_autofree char *heading = sec_export_format_date (sec_record_get (session, "date"));
          g_autofree char *caption = g_markup_printf_escaped ("<b>%s</b>", heading);

          day = sec_record_get (session, "date");
          if (i > 0)
            writer->y += 14;
          sec_pdf_table_begin (&table, one_day ? NULL : caption);
        }
      for (guint c = 0; c < n; c++)
        cells[c] = session_cell (session, shown[c]);
      sec_pdf_table_row (&table, (const char **) cells, is_pause (session));
      for (guint c = 0; c < n; c++)
        g_free (cells[c]);
    }
}

/* Certificates */

typedef struct {
  const char *heading;
  const char *verb;    /* before the event's title */
} Wording;

/* Speakers presented, moderators took part, everyone else attended. */
static Wording
certificate_wording (const char *role)
{
  if (g_strcmp0 (role, "speaker") == 0)
    return (Wording) { _("Certificate of Presentation"), _("presented at") };
  if (g_strcmp0 (role, "moderator") == 0)
    return (Wording) { _("Certificate of Participation"), _("took part as a moderator in") };
  if (g_strcmp0 (role, "online") == 0)
    return (Wording) { _("Certificate of Attendance"), _("attended online") };
  return (Wording) { _("Certificate of Attendance"), _("attended") };
}

/* A centred block at writer->y; a certificate is one page whatever the
 * length of its lines, so nothing here starts a new page. */
static void
draw_centred (SecPdfWriter *writer,
              const char   *markup,
              double        size,
              double        space_after)
{
  double inner = writer->width - 2 * writer->margin;
  g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, markup, size, inner, PANGO_ALIGN_CENTER);
  int height;

  sec_pdf_writer_draw (writer, layout, writer->margin, writer->y);
  pango_layout_get_size (layout, NULL, &height);
  writer->y += (double) height / PANGO_SCALE + space_after;
}

static void
draw_frame (SecPdfWriter *writer)
{
  cairo_t *cr = writer->cr;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.11, 0.33, 0.38);
  cairo_set_line_width (cr, 2.5);
  cairo_rectangle (cr, 24, 24, writer->width - 48, writer->height - 48);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.75);
  cairo_rectangle (cr, 31, 31, writer->width - 62, writer->height - 62);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_signature (SecPdfWriter *writer,
                const char   *network_name)
{
  double middle = writer->width / 2;
  g_autofree char *markup = g_markup_printf_escaped ("<span foreground='#444444'>%s</span>", network_name);

  writer->y = writer->height - 112;
  sec_pdf_writer_rule (writer, middle - 110, middle + 110, writer->y, 0.2, 0.75);
  writer->y += 6;
  draw_centred (writer, markup, 10, 0);
}

typedef struct {
  char   *markup;
  double  size;
  double  space_after;
} Block;

/* Draws @blocks centred in the space between @top and @bottom, so that a
 * short certificate does not leave the lower half of the page empty. */
static void
draw_blocks (SecPdfWriter *writer,
             const Block  *blocks,
             guint         n_blocks,
             double        top,
             double        bottom)
{
  double inner = writer->width - 2 * writer->margin;
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double total = 0;
  int height;

  for (guint i = 0; i < n_blocks; i++)
    {
      PangoLayout *layout = sec_pdf_writer_layout (writer, blocks[i].markup, blocks[i].size, inner,
                                                   PANGO_ALIGN_CENTER);

      pango_layout_get_size (layout, NULL, &height);
      total += (double) height / PANGO_SCALE + blocks[i].space_after;
      g_ptr_array_add (layouts, layout);
    }
  writer->y = top + MAX ((bottom - top - total) / 2, 0);
  for (guint i = 0; i < n_blocks; i++)
    {
      sec_pdf_writer_draw (writer, g_ptr_array_index (layouts, i), writer->margin, writer->y);
      pango_layout_get_size (g_ptr_array_index (layouts, i), NULL, &height);
      writer->y += (double) height / PANGO_SCALE + blocks[i].space_after;
    }
}

static char *
certificate_place (SecRecord *event)
{
  g_autofree char *dates = sec_export_format_dates (sec_record_get (event, "starts_on"),
                                                    sec_record_get (event, "ends_on"));
  g_autofree char *place = event_place (event, FALSE);
  const char *where[] = { place, dates };
  g_autofree char *when = sec_export_join (" · ", G_N_ELEMENTS (where), where);

  return g_markup_escape_text (when, -1);
}

static void
draw_certificate (SecPdfWriter     *writer,
                  SecRecord        *event,
                  SecRecord        *participant,
                  const SecNetwork *from)
{
  Wording wording = certificate_wording (sec_record_get (participant, "role"));
  const char *organisation = sec_record_get (participant, "organisation");
  g_autofree char *network = g_utf8_strup (from->name, -1);
  g_autofree char *top = g_markup_printf_escaped ("<span letter_spacing='1600' foreground='#444444'>%s</span>",
                                                  network);
  Block blocks[] = {
    { g_markup_printf_escaped ("<b><span foreground='#1c5461'>%s</span></b>", wording.heading), 30, 22 },
    { g_markup_escape_text (_("This is to certify that"), -1), 12, 10 },
    { g_markup_printf_escaped ("<b>%s</b>", sec_record_get (participant, "name")), 28, 4 },
    { g_markup_printf_escaped ("<span foreground='#444444'>%s</span>", organisation ? organisation : ""), 13, 18 },
    { g_markup_escape_text (wording.verb, -1), 12, 8 },
    { g_markup_printf_escaped ("<b>%s</b>", sec_record_get (event, "title")), 17, 6 },
    { certificate_place (event), 12, 0 },
  };

  sec_pdf_writer_new_page (writer);
  draw_frame (writer);
  writer->y = 66;
  if (sec_pdf_writer_image (writer, from->logo, writer->width / 2, 52, 160, LOGO_HEIGHT))
    writer->y = 52 + LOGO_HEIGHT + 10;
  draw_centred (writer, top, 12, 0);
  draw_blocks (writer, blocks, G_N_ELEMENTS (blocks), writer->y, writer->height - 140);
  draw_signature (writer, from->name);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    g_free (blocks[i].markup);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  SecRecord *x = *(SecRecord **) a, *y = *(SecRecord **) b;

  return g_utf8_collate (sec_record_get (x, "name"), sec_record_get (y, "name"));
}

/* The participants a document is for: one, or all of them by name. */
static GPtrArray *
participants_for (SecStore    *store,
                  const char  *event_id,
                  const char  *participant_id,
                  GError     **error)
{
  GPtrArray *participants = sec_store_load_children (store, &sec_entity_participant, event_id);

  if (participant_id != NULL)
    {
      for (guint i = participants->len; i > 0; i--)
        if (g_strcmp0 (sec_record_get_id (g_ptr_array_index (participants, i - 1)), participant_id) != 0)
          g_ptr_array_remove_index (participants, i - 1);
      if (participants->len == 0)
        g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_NOT_FOUND,
                     _("The event has no participant with the id “%s”"), participant_id);
    }
  g_ptr_array_sort (participants, compare_names);
  return participants;
}

/* Attendance sheets */

static void
draw_sheet_heading (SecPdfWriter *writer,
                    SecRecord    *event)
{
  g_autofree char *dates = event_dates (event);
  g_autofree char *place = event_place (event, TRUE);

  draw_line (writer, sec_record_get (event, "title"), "weight='bold'", 16, 4);
  draw_line (writer, dates, "", 11, 2);
  draw_line (writer, place, "foreground='#444444'", 9.5, 10);
}

static void
sheet_table_init (SecPdfTable  *table,
                  SecPdfWriter *writer)
{
  const char *titles[] = {
    /* TRANSLATORS: the heading of the numbers column of a sign-in sheet */
    C_("column", "No."), _("Name"), _("Organisation"), _("Country"), _("Signature"),
  };
  static const double weights[] = { 0.06, 0.27, 0.29, 0.14, 0.24 };

  sec_pdf_table_init (table, writer, G_N_ELEMENTS (titles), titles, weights, 9.5);
  table->min_height = 26;
  table->bold[1] = TRUE;
}

static void
add_sheet_row (SecPdfTable *table,
               guint        number,
               SecRecord   *participant)
{
  g_autofree char *n = g_strdup_printf ("%u", number);
  g_autofree char *country = participant ? sec_export_display (participant, "country") : NULL;
  const char *cells[] = {
    n,
    participant ? sec_record_get (participant, "name") : NULL,
    participant ? sec_record_get (participant, "organisation") : NULL,
    country,
    NULL,
  };

  sec_pdf_table_row (table, cells, FALSE);
}

/* Empty numbered rows to the foot of the last page, for people who come
 * without registering. */
static void
add_blank_rows (SecPdfTable *table,
                guint        number)
{
  const char *blank[] = { "999", NULL, NULL, NULL, NULL };
  double height = sec_pdf_table_row_height (table, blank);

  while (sec_pdf_writer_fits (table->writer, height))
    add_sheet_row (table, number++, NULL);
}

/* Reports */

typedef struct {
  double r, g, b;
} Colour;

#define OVERDUE_MARKUP "#c01c28"
#define PROGRESS_COLUMN 2
#define BAR_HEIGHT 5.0
#define BADGE 16.0
#define GOAL_ROW 26.0
#define CHART_BAR 10.0
#define NUMBER_WIDTH 44.0

static const Colour accent = { 0.11, 0.33, 0.38 };   /* as the certificates' frame */
static const Colour overdue_red = { 0.75, 0.11, 0.16 };
static const Colour track_grey = { 0.88, 0.88, 0.88 };

static void
fill_rect (cairo_t *cr,
           Colour   colour,
           double   x,
           double   y,
           double   width,
           double   height)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, colour.r, colour.g, colour.b);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* A layout's size in points. */
static void
layout_extent (PangoLayout *layout,
               double      *width,
               double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

/* "30 Sep 2026": short enough for a narrow column. */
static char *
short_date (const char *text)
{
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  if (text == NULL || !sec_date_parse (text, &date))
    return g_strdup (text ? text : "");
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  /* TRANSLATORS: a date in a narrow table column, see g_date_time_format() */
  return g_date_time_format (when, C_("short date", "%-d %b %Y"));
}

/* A report's first page, numbered, with @footer on each page. */
static SecPdfWriter *
report_writer (SecPaper    paper,
               const char *footer)
{
  SecPdfWriter *writer;
  double width, height;

  paper_size (paper, &width, &height);
  writer = sec_pdf_writer_new (width, height, MARGIN);
  writer->numbered = TRUE;
  writer->footer = g_strdup (footer);
  sec_pdf_writer_new_page (writer);
  return writer;
}

/* The title, what the report covers, and the day it was true. */
static void
draw_report_heading (SecPdfWriter *writer,
                     const char   *title,
                     const char   *subtitle,
                     const char   *today)
{
  g_autofree char *date = sec_export_format_dates (today, today);
  g_autofree char *as_of = g_strdup_printf (_("As of %s"), date);

  draw_line (writer, title, "weight='bold'", 18, 6);
  draw_line (writer, subtitle, "", 12, 2);
  draw_line (writer, as_of, "foreground='#444444'", 10, 16);
}

/* The live records of @entity by @field, those without it last. */
static GPtrArray *
load_sorted (SecStore        *store,
             const SecEntity *entity,
             const char      *field)
{
  g_autoptr(SecQueryModel) model = sec_query_model_new (store, entity);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  sec_query_model_set_sort (model, field, FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, g_list_model_get_item (G_LIST_MODEL (model), i));
  return records;
}

/* The roadmap report */

static const char *const item_titles[] = { N_("Item"), N_("Status"), N_("Progress"), N_("Owner"), N_("Due") };
static const double item_weights[] = { 0.33, 0.12, 0.16, 0.23, 0.16 };

/* The pillars the report has a section for: live, not archived, in the
 * order of the roadmap. */
static GPtrArray *
shown_pillars (SecStore *store)
{
  GPtrArray *pillars = load_sorted (store, &sec_entity_pillar, "position");

  for (guint i = pillars->len; i > 0; i--)
    if (g_strcmp0 (sec_record_get (g_ptr_array_index (pillars, i - 1), "archived"), "1") == 0)
      g_ptr_array_remove_index (pillars, i - 1);
  return pillars;
}

static gboolean
has_pillar (GPtrArray  *pillars,
            const char *id)
{
  for (guint i = 0; i < pillars->len; i++)
    if (g_strcmp0 (sec_record_get_id (g_ptr_array_index (pillars, i)), id) == 0)
      return TRUE;
  return FALSE;
}

/* The items under @pillar_id or, if %NULL, those under none of @pillars
 * (no pillar, an archived or a deleted one); borrowed from @items. */
static GPtrArray *
items_of (GPtrArray  *items,
          GPtrArray  *pillars,
          const char *pillar_id)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = sec_record_get (g_ptr_array_index (items, i), "pillar_id");

      if (pillar_id != NULL ? g_strcmp0 (id, pillar_id) == 0 : !has_pillar (pillars, id))
        g_ptr_array_add (found, g_ptr_array_index (items, i));
    }
  return found;
}

/* Overdue as the roadmap page says it: the store's "timing" on its today. */
static gboolean
is_overdue (SecStore  *store,
            SecRecord *item)
{
  g_autofree char *timing = sec_store_computed (store, item, "timing");

  return g_strcmp0 (timing, "overdue") == 0;
}

/* "6 items · 3 overdue", or that there are none. */
static char *
items_summary (SecStore  *store,
               GPtrArray *items)
{
  g_autofree char *count = NULL;
  g_autofree char *late = NULL;
  guint n_overdue = 0;
  const char *parts[2];

  if (items->len == 0)
    return g_strdup (_("No items yet"));
  for (guint i = 0; i < items->len; i++)
    n_overdue += is_overdue (store, g_ptr_array_index (items, i));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u item", "%'u items", items->len), items->len);
  if (n_overdue > 0)
    late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", n_overdue), n_overdue);
  parts[0] = count;
  parts[1] = late;
  return sec_export_join (" · ", G_N_ELEMENTS (parts), parts);
}

static void
item_table_init (SecPdfTable  *table,
                 SecPdfWriter *writer)
{
  const char *titles[G_N_ELEMENTS (item_titles)];

  for (guint i = 0; i < G_N_ELEMENTS (item_titles); i++)
    titles[i] = _(item_titles[i]);
  sec_pdf_table_init (table, writer, G_N_ELEMENTS (titles), titles, item_weights, TABLE_TEXT);
  table->bold[0] = TRUE;
  table->markup = TRUE;
}

static guint
item_progress (SecRecord *item)
{
  const char *text = sec_record_get (item, "progress");

  return text ? (guint) MIN (g_ascii_strtoull (text, NULL, 10), 100) : 0;
}

static char *
percent_text (guint progress)
{
  /* TRANSLATORS: a roadmap item's progress, "45 %" */
  return g_strdup_printf (_("%u %%"), progress);
}

/* Markup of @text, in red if @overdue. */
static char *
item_markup (const char *text,
             gboolean    overdue)
{
  if (overdue)
    return g_markup_printf_escaped ("<span foreground='" OVERDUE_MARKUP "'>%s</span>", text ? text : "");
  return g_markup_escape_text (text ? text : "", -1);
}

/* The due date, under a red "OVERDUE" if the item is late. */
static char *
item_due (SecRecord *item,
          gboolean   overdue)
{
  g_autofree char *date = short_date (sec_record_get (item, "due_on"));

  if (!overdue)
    return g_markup_escape_text (date, -1);
  return g_markup_printf_escaped ("<span foreground='" OVERDUE_MARKUP "'><b>%s</b>\n%s</span>",
                                  /* TRANSLATORS: flags a late item in the roadmap report; capitals to stand out */
                                  _("OVERDUE"), date);
}

/* A bar beside the percentage of the row whose top is at @top, so that
 * progress reads at a glance down the column. */
static void
draw_progress_bar (SecPdfTable *table,
                   double       top,
                   guint        progress,
                   gboolean     overdue)
{
  SecPdfWriter *writer = table->writer;
  g_autofree char *widest = percent_text (100);
  g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, widest, table->size, -1, PANGO_ALIGN_LEFT);
  double text_width, line_height, x, length, y;

  layout_extent (layout, &text_width, &line_height);
  x = table->x[PROGRESS_COLUMN] + SEC_PDF_CELL_PAD + text_width + 4;
  length = table->x[PROGRESS_COLUMN] + table->widths[PROGRESS_COLUMN] - SEC_PDF_CELL_PAD - x;
  if (length < 12)   /* no room beside a long translation */
    return;
  y = top + SEC_PDF_CELL_PAD + (line_height - BAR_HEIGHT) / 2;
  fill_rect (writer->cr, track_grey, x, y, length, BAR_HEIGHT);
  fill_rect (writer->cr, overdue ? overdue_red : accent, x, y, length * progress / 100.0, BAR_HEIGHT);
}

static void
add_item_row (SecPdfTable *table,
              SecStore    *store,
              SecRecord   *item)
{
  gboolean overdue = is_overdue (store, item);
  guint progress = item_progress (item);
  g_autofree char *status_label = sec_export_display (item, "status");
  g_autofree char *title = item_markup (sec_record_get (item, "title"), overdue);
  g_autofree char *status = item_markup (status_label, FALSE);
  g_autofree char *percent = percent_text (progress);
  g_autofree char *owner = item_markup (sec_record_get (item, "owner"), FALSE);
  g_autofree char *due = item_due (item, overdue);
  const char *cells[] = { title, status, percent, owner, due };
  double height = sec_pdf_table_row_height (table, cells);

  sec_pdf_table_row (table, cells, FALSE);
  /* The row is never split, so it ends where the writer now is. */
  draw_progress_bar (table, table->writer->y - height, progress, overdue);
}

/* A pillar's name and how it stands, then the table of its items. */
static void
draw_pillar (SecPdfWriter *writer,
             SecStore     *store,
             const char   *name,
             GPtrArray    *items)
{
  g_auto(SecPdfTable) table = { 0, };
  g_autofree char *summary = items_summary (store, items);
  g_autofree char *caption = g_markup_printf_escaped ("<b>%s</b>   <span size='smaller' foreground='#666666'>%s</span>",
                                                      name, summary);

  if (items->len == 0)
    {
      sec_pdf_writer_text (writer, caption, TABLE_TEXT + 3, PANGO_ALIGN_LEFT, 18);
      return;
    }
  item_table_init (&table, writer);
  sec_pdf_table_begin (&table, caption);
  for (guint i = 0; i < items->len; i++)
    add_item_row (&table, store, g_ptr_array_index (items, i));
  writer->y += 18;
}

/* The SDG coverage report */

/* The colours the United Nations give the goals, as 0xRRGGBB. */
static const guint32 sdg_colours[SEC_N_SDGS + 1] = {
  0, 0xe5243b, 0xdda63a, 0x4c9f38, 0xc5192d, 0xff3a21, 0x26bde2, 0xfcc30b, 0xa21942, 0xfd6925,
  0xdd1367, 0xfd9d24, 0xbf8b2e, 0x3f7e44, 0x0a97d9, 0x56c02b, 0x00689d, 0x19486a,
};

typedef struct {
  const char *label;    /* N_() */
  Colour      colour;
} Series;

static const Series series[] = {
  { N_("Members"), { 0.11, 0.33, 0.38 } },
  { N_("Events"), { 0.91, 0.58, 0.16 } },
  { N_("Roadmap items"), { 0.56, 0.47, 0.72 } },
};

/* Where the columns of the chart are. */
typedef struct {
  double label_x;
  double label_width;     /* the goal's badge and name */
  double bar_x;
  double bar_width;
  double numbers_x;       /* a column of NUMBER_WIDTH a series */
  guint  largest;         /* the longest bar */
} Chart;

static guint
series_count (const SecSdgCoverage *row,
              guint                 series_index)
{
  const guint counts[] = { row->members, row->events, row->items };

  return counts[series_index];
}

static guint
goal_total (const SecSdgCoverage *row)
{
  return row->members + row->events + row->items;
}

static Colour
goal_colour (guint goal)
{
  guint32 rgb = sdg_colours[goal];

  return (Colour) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };
}

static Chart
chart_geometry (SecPdfWriter *writer,
                GArray       *coverage)
{
  double inner = writer->width - 2 * writer->margin;
  Chart chart = { 0, };

  chart.label_x = writer->margin;
  chart.label_width = inner * 0.42;
  chart.numbers_x = writer->width - writer->margin - G_N_ELEMENTS (series) * NUMBER_WIDTH;
  chart.bar_x = chart.label_x + chart.label_width + 6;
  chart.bar_width = chart.numbers_x - 12 - chart.bar_x;
  for (guint i = 0; i < coverage->len; i++)
    chart.largest = MAX (chart.largest, goal_total (&g_array_index (coverage, SecSdgCoverage, i)));
  return chart;
}

/* "Together they address 14 of the 17 goals", and which are left. */
static void
draw_coverage_summary (SecPdfWriter *writer,
                       GArray       *coverage)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *addressed = NULL;
  g_autofree char *left = NULL;
  guint n = 0;

  for (guint i = 0; i < coverage->len; i++)
    {
      const SecSdgCoverage *row = &g_array_index (coverage, SecSdgCoverage, i);

      if (goal_total (row) > 0)
        n++;
      else
        g_string_append_printf (missing, "%s%u", missing->len > 0 ? ", " : "", row->goal);
    }
  addressed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The network’s members, events and roadmap items address %u of the 17 goals.",
                                            "The network’s members, events and roadmap items address %u of the 17 goals.",
                                            n),
                               n);
  draw_line (writer, addressed, "", 10, missing->len > 0 ? 2 : 12);
  if (missing->len > 0)
    {
      left = g_strdup_printf (_("Not addressed yet: %s."), missing->str);
      draw_line (writer, left, "foreground='#444444'", 10, 12);
    }
}

/* A swatch and name for each series, in a line above the chart. */
static void
draw_legend (SecPdfWriter *writer)
{
  double x = writer->margin;

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      g_autofree char *markup = g_markup_escape_text (_(series[i].label), -1);
      g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, markup, 9, -1, PANGO_ALIGN_LEFT);
      double width, height;

      layout_extent (layout, &width, &height);
      fill_rect (writer->cr, series[i].colour, x, writer->y + (height - 9) / 2, 9, 9);
      sec_pdf_writer_draw (writer, layout, x + 13, writer->y);
      x += 13 + width + 18;
    }
  writer->y += 22;
}

/* The series' names over their columns of numbers. */
static void
draw_chart_header (SecPdfWriter *writer,
                   const Chart  *chart)
{
  double bottom = 0;

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground='#444444'><b>%s</b></span>",
                                                         _(series[i].label));
      g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, markup, 7.5, NUMBER_WIDTH - 2,
                                                             PANGO_ALIGN_RIGHT);
      double height;

      layout_extent (layout, NULL, &height);
      sec_pdf_writer_draw (writer, layout, chart->numbers_x + i * NUMBER_WIDTH, writer->y);
      bottom = MAX (bottom, height);
    }
  writer->y += bottom + 4;
  sec_pdf_writer_rule (writer, writer->margin, writer->width - writer->margin, writer->y, 0.6, 0.5);
}

/* The goal's number, white on its own colour. */
static void
draw_badge (SecPdfWriter *writer,
            guint         goal,
            double        x,
            double        y)
{
  g_autofree char *number = g_strdup_printf ("<span foreground='white'><b>%u</b></span>", goal);
  g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, number, 8, BADGE, PANGO_ALIGN_CENTER);
  double height;

  layout_extent (layout, NULL, &height);
  fill_rect (writer->cr, goal_colour (goal), x, y, BADGE, BADGE);
  sec_pdf_writer_draw (writer, layout, x, y + (BADGE - height) / 2);
}

/* The series stacked, on one scale for all goals. */
static void
draw_stacked_bar (SecPdfWriter         *writer,
                  const Chart          *chart,
                  const SecSdgCoverage *row,
                  double                middle)
{
  double x = chart->bar_x;

  if (chart->largest == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      double length = chart->bar_width * series_count (row, i) / chart->largest;

      fill_rect (writer->cr, series[i].colour, x, middle - CHART_BAR / 2, length, CHART_BAR);
      x += length;
    }
}

/* The bars' baseline through the row at @top, @height tall. */
static void
draw_axis (SecPdfWriter *writer,
           double        x,
           double        top,
           double        height)
{
  cairo_save (writer->cr);
  cairo_set_source_rgb (writer->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (writer->cr, 0.5);
  cairo_move_to (writer->cr, x, top);
  cairo_line_to (writer->cr, x, top + height);
  cairo_stroke (writer->cr);
  cairo_restore (writer->cr);
}

/* The counts as text too, for those who read the page by its words. */
static void
draw_counts (SecPdfWriter         *writer,
             const Chart          *chart,
             const SecSdgCoverage *row,
             double                middle)
{
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      guint count = series_count (row, i);
      g_autofree char *markup = g_strdup_printf ("<span foreground='%s'>%u</span>",
                                                 count > 0 ? "#000000" : "#999999", count);
      g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, markup, 9, NUMBER_WIDTH - 2,
                                                             PANGO_ALIGN_RIGHT);
      double height;

      layout_extent (layout, NULL, &height);
      sec_pdf_writer_draw (writer, layout, chart->numbers_x + i * NUMBER_WIDTH, middle - height / 2);
    }
}

/* One goal: its badge and name, its bar and its counts; every other row
 * shaded to lead the eye from the name to the numbers. */
static void
draw_goal_row (SecPdfWriter         *writer,
               const Chart          *chart,
               const SecSdgCoverage *row,
               gboolean              shaded)
{
  g_autofree char *name = g_markup_escape_text (_(sec_sdg_names[row->goal]), -1);
  g_autoptr(PangoLayout) label = sec_pdf_writer_layout (writer, name, 9, chart->label_width - BADGE - 6,
                                                        PANGO_ALIGN_LEFT);
  double label_height, height, middle;

  layout_extent (label, NULL, &label_height);
  height = MAX (GOAL_ROW, label_height + 6);
  if (!sec_pdf_writer_fits (writer, height))
    {
      sec_pdf_writer_new_page (writer);
      draw_chart_header (writer, chart);
    }
  if (shaded)
    fill_rect (writer->cr, (Colour) { 0.96, 0.96, 0.96 }, writer->margin, writer->y,
               writer->width - 2 * writer->margin, height);
  middle = writer->y + height / 2;
  draw_badge (writer, row->goal, chart->label_x + 2, middle - BADGE / 2);
  sec_pdf_writer_draw (writer, label, chart->label_x + BADGE + 8, middle - label_height / 2);
  draw_axis (writer, chart->bar_x, writer->y, height);
  draw_stacked_bar (writer, chart, row, middle);
  draw_counts (writer, chart, row, middle);
  writer->y += height;
}

/* Public API */

/* Writes the programme of @event_id to @path: what, when, where and who
 * organises it, then each day's sessions as a table. */
gboolean
sec_pdf_programme (SecStore    *store,
                   const char  *event_id,
                   SecPaper     paper,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  double width, height;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((event = sec_export_load_event (store, event_id, error)) == NULL)
    return FALSE;
  sessions = sec_programme_sessions (store, event_id);
  paper_size (paper, &width, &height);
  writer = sec_pdf_writer_new (width, height, MARGIN);
  writer->numbered = TRUE;
  writer->footer = g_strdup (sec_record_get (event, "title"));
  sec_pdf_writer_new_page (writer);
  draw_programme_heading (writer, event);
  if (sessions->len == 0)
    sec_pdf_writer_text (writer, _("The programme has no sessions yet."), 11, PANGO_ALIGN_LEFT, 0);
  draw_sessions (writer, event, sessions);
  return sec_pdf_writer_finish (writer, path, error);
}

/* Writes a certificate for @participant_id, or for each participant of
 * @event_id if %NULL, to @path: one landscape A4 page each, signed for
 * @network (its name and logo). */
gboolean
sec_pdf_certificates (SecStore    *store,
                      const char  *event_id,
                      const char  *participant_id,
                      const SecNetwork *network,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (network != NULL && network->name != NULL && path != NULL, FALSE);

  if ((event = sec_export_load_event (store, event_id, error)) == NULL)
    return FALSE;
  participants = participants_for (store, event_id, participant_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (participants->len == 0)
    {
      g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_EMPTY,
                   _("“%s” has no participants to give certificates to"), sec_record_get (event, "title"));
      return FALSE;
    }
  writer = sec_pdf_writer_new (841.89, 595.276, 72);
  for (guint i = 0; i < participants->len; i++)
    draw_certificate (writer, event, g_ptr_array_index (participants, i), network);
  return sec_pdf_writer_finish (writer, path, error);
}

/* Writes a sign-in sheet for @event_id to @path: its participants by name,
 * each with room to sign, then blank rows for those who were not listed. */
gboolean
sec_pdf_attendance_sheet (SecStore    *store,
                          const char  *event_id,
                          SecPaper     paper,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  g_auto(SecPdfTable) table = { 0, };
  g_autofree char *caption = g_markup_printf_escaped ("<b>%s</b>", _("Attendance sheet"));
  double width, height;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((event = sec_export_load_event (store, event_id, error)) == NULL)
    return FALSE;
  participants = participants_for (store, event_id, NULL, NULL);
  paper_size (paper, &width, &height);
  writer = sec_pdf_writer_new (width, height, MARGIN);
  writer->numbered = TRUE;
  writer->footer = g_strdup (sec_record_get (event, "title"));
  sec_pdf_writer_new_page (writer);
  draw_sheet_heading (writer, event);
  sheet_table_init (&table, writer);
  sec_pdf_table_begin (&table, caption);
  for (guint i = 0; i < participants->len; i++)
    add_sheet_row (&table, i + 1, g_ptr_array_index (participants, i));
  add_blank_rows (&table, participants->len + 1);
  return sec_pdf_writer_finish (writer, path, error);
}

/* Writes the development roadmap to @path: for each pillar, in order, its
 * items by due date with status, progress, owner and due date, the
 * overdue ones in red; items under no shown pillar come last, as "Other". */
gboolean
sec_pdf_roadmap_report (SecStore    *store,
                        SecPaper     paper,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GPtrArray) pillars = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pillars = shown_pillars (store);
  items = load_sorted (store, &sec_entity_roadmap_item, "due_on");
  summary = items_summary (store, items);
  writer = report_writer (paper, _("Development roadmap"));
  draw_report_heading (writer, _("Development roadmap"), summary, sec_store_get_today (store));
  for (guint i = 0; i < pillars->len; i++)
    {
      SecRecord *pillar = g_ptr_array_index (pillars, i);
      g_autoptr(GPtrArray) mine = items_of (items, pillars, sec_record_get_id (pillar));

      draw_pillar (writer, store, sec_record_get (pillar, "name"), mine);
    }
  other = items_of (items, pillars, NULL);
  if (other->len > 0)
    /* TRANSLATORS: the roadmap report's section for items under no pillar */
    draw_pillar (writer, store, C_("pillar", "Other"), other);
  return sec_pdf_writer_finish (writer, path, error);
}

/* Writes which of the 17 goals @network addresses to
 * @path: a bar a goal, its members, events and roadmap items stacked, with
 * the counts beside it. */
gboolean
sec_pdf_sdg_report (SecStore    *store,
                    SecPaper     paper,
                    const SecNetwork *network,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GArray) coverage = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  Chart chart;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (network != NULL && network->name != NULL && path != NULL, FALSE);

  coverage = sec_store_sdg_coverage (store);
  writer = report_writer (paper, network->name);
  sec_pdf_writer_image (writer, network->logo, writer->width - MARGIN - 40, MARGIN, 80, LOGO_HEIGHT);
  draw_report_heading (writer, _("SDG coverage"), network->name, sec_store_get_today (store));
  draw_coverage_summary (writer, coverage);
  chart = chart_geometry (writer, coverage);
  draw_legend (writer);
  draw_chart_header (writer, &chart);
  for (guint i = 0; i < coverage->len; i++)
    draw_goal_row (writer, &chart, &g_array_index (coverage, SecSdgCoverage, i), i % 2 == 1);
  return sec_pdf_writer_finish (writer, path, error);
}

/* Agenda */

static void
draw_agenda_table (SecPdfWriter      *writer,
                   SecAgendaDocument *document)
{
  const char *titles[] = { _("No."), _("Time"), _("Item"), _("Min."), _("Presenter") };
  static const double weights[] = { 0.07, 0.14, 0.49, 0.07, 0.23 };
  g_auto(SecPdfTable) table = { 0, };

  sec_pdf_table_init (&table, writer, G_N_ELEMENTS (titles), titles, weights, TABLE_TEXT + 1);
  sec_pdf_table_begin (&table, NULL);
  for (guint i = 0; i < document->lines->len; i++)
    {
      SecAgendaLine *line = g_ptr_array_index (document->lines, i);
      /* A sub-item sits under its item, indented. */
      g_autofree char *title = line->depth > 0 ? g_strdup_printf ("    %s", line->title) : g_strdup (line->title);
      const char *cells[] = { line->number ? line->number : "", line->time, title, line->minutes,
                              line->presenter ? line->presenter : "" };

      sec_pdf_table_row (&table, cells, line->pause);
    }
}

static void
draw_agenda_background (SecPdfWriter      *writer,
                        SecAgendaDocument *document)
{
  gboolean heading = FALSE;

  for (guint i = 0; i < document->lines->len; i++)
    {
      SecAgendaLine *line = g_ptr_array_index (document->lines, i);
      g_autofree char *title = NULL;

      if (line->background == NULL)
        continue;
      if (!heading)
        {
          writer->y += 12;
          draw_line (writer, _("Background"), "weight='bold'", 13, 6);
          heading = TRUE;
        }
      title = g_strdup_printf ("%s %s", line->number ? line->number : "", line->title);
      draw_line (writer, title, "weight='bold'", 10, 2);
      draw_line (writer, line->background, "", 9.5, 8);
    }
}

/* "Agenda" or "Minutes", then the meeting's title, day and place. */
static void
draw_meeting_heading (SecPdfWriter      *writer,
                      const char        *kind,
                      SecAgendaDocument *document)
{
  g_autofree char *date = sec_export_format_date (sec_record_get (document->event, "starts_on"));
  g_autofree char *place = event_place (document->event, TRUE);

  draw_line (writer, kind, "foreground='#444444'", 12, 2);
  draw_line (writer, sec_record_get (document->event, "title"), "weight='bold'", 18, 6);
  draw_line (writer, date, "", 12, 2);
  draw_line (writer, place, "foreground='#444444'", 10, 4);
}

static void
draw_decisions (SecPdfWriter      *writer,
                SecAgendaDocument *document)
{
  writer->y += 8;
  draw_line (writer, _("Decisions"), "weight='bold'", 13, 6);
  for (guint i = 0; i < document->lines->len; i++)
    {
      SecAgendaLine *line = g_ptr_array_index (document->lines, i);
      g_autofree char *title = NULL, *votes = NULL, *outcome = NULL;

      if (line->pause)
        continue;
      title = g_strdup_printf ("%s %s", line->number, line->title);
      votes = line->votes ? g_strdup_printf ("%s: %s", _("Votes"), line->votes) : NULL;
      outcome = g_strdup_printf ("%s: %s", _("Outcome"), line->outcome ? line->outcome : _("not recorded"));
      draw_line (writer, title, "weight='bold'", 10.5, 2);
      draw_line (writer, line->decision, "", 9.5, 2);
      draw_line (writer, votes, "", 9.5, 2);
      draw_line (writer, outcome, "style='italic'", 9.5, line->quorum ? 2 : 10);
      draw_line (writer, line->quorum, "style='italic'", 9.5, 10);
    }
}

/* Writes the minutes of the meeting @event_id to @path: who was present,
 * the quorum under @rule, and each item's decision, votes and outcome. */
gboolean
sec_pdf_minutes (SecStore       *store,
                 const char     *event_id,
                 SecQuorumRule   rule,
                 SecPaper        paper,
                 const char     *path,
                 GError        **error)
{
  g_autoptr(SecAgendaDocument) document = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  g_autofree char *present = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((document = sec_agenda_document_new (store, event_id, rule, error)) == NULL)
    return FALSE;
  writer = report_writer (paper, sec_record_get (document->event, "title"));
  draw_meeting_heading (writer, _("Minutes"), document);
  writer->y += 8;
  draw_line (writer, _("Attendance"), "weight='bold'", 13, 6);
  present = sec_export_join ("\n", document->present->len, (const char *const *) document->present->pdata);
  draw_line (writer, *present ? present : _("No one has checked in."), "", 9.5, 8);
  draw_line (writer, document->quorum_text, "weight='bold'", 10, 8);
  draw_decisions (writer, document);
  return sec_pdf_writer_finish (writer, path, error);
}

/* Writes the agenda of the meeting @event_id to @path: its items with
 * numbers, planned times, durations and presenters, then the background
 * of each item from the item and its linked record. */
gboolean
sec_pdf_agenda (SecStore    *store,
                const char  *event_id,
                SecPaper     paper,
                const char  *path,
                GError     **error)
{
  g_autoptr(SecAgendaDocument) document = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((document = sec_agenda_document_new (store, event_id, SEC_QUORUM_MORE_THAN_HALF, error)) == NULL)
    return FALSE;
  writer = report_writer (paper, sec_record_get (document->event, "title"));
  draw_meeting_heading (writer, _("Agenda"), document);
  draw_line (writer, document->summary, "foreground='#444444'", 10, 12);
  if (document->lines->len > 0)
    draw_agenda_table (writer, document);
  draw_agenda_background (writer, document);
  return sec_pdf_writer_finish (writer, path, error);
}

/* The agenda or, when @minutes, the minutes of the meeting @event_id: as
 * Markdown (for email) if @path ends in ".md", else as PDF. */
gboolean
sec_pdf_meeting (SecStore       *store,
                 const char     *event_id,
                 SecQuorumRule   rule,
                 gboolean        minutes,
                 SecPaper        paper,
                 const char     *path,
                 GError        **error)
{
  if (g_str_has_suffix (path, ".md"))
    return sec_agenda_export_markdown (store, event_id, rule, minutes, path, error);
  return minutes ? sec_pdf_minutes (store, event_id, rule, paper, path, error)
                 : sec_pdf_agenda (store, event_id, paper, path, error);
}
