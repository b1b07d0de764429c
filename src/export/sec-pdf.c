/* sec-pdf.c: printable documents of an event, as PDF
 *
 * The programme (each day a timed table), certificates (one landscape page
 * a participant) and a sign-in sheet. Pages are drawn with cairo and Pango
 * only, so scripts can make them without a display.
 */

#include <glib/gi18n.h>

#include "sec-export.h"
#include "sec-pdf.h"
#include "sec-pdf-writer.h"
#include "sec-programme.h"

#define MARGIN 48.0
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
draw_certificate (SecPdfWriter *writer,
                  SecRecord    *event,
                  SecRecord    *participant,
                  const char   *network_name)
{
  Wording wording = certificate_wording (sec_record_get (participant, "role"));
  const char *organisation = sec_record_get (participant, "organisation");
  g_autofree char *network = g_utf8_strup (network_name, -1);
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
  draw_centred (writer, top, 12, 0);
  draw_blocks (writer, blocks, G_N_ELEMENTS (blocks), writer->y, writer->height - 140);
  draw_signature (writer, network_name);
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
 * @network_name. */
gboolean
sec_pdf_certificates (SecStore    *store,
                      const char  *event_id,
                      const char  *participant_id,
                      const char  *network_name,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(SecRecord) event = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(SecPdfWriter) writer = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (network_name != NULL && path != NULL, FALSE);

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
    draw_certificate (writer, event, g_ptr_array_index (participants, i), network_name);
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
