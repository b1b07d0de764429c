/* sec-pdf-writer.c: pages, paragraphs and tables for the PDF exports
 *
 * Blocks flow down the page from writer->y; a block that does not fit
 * starts a new page. A table repeats its caption and header on each page
 * it runs onto, and never splits a row.
 */

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "sec-export.h"
#include "sec-pdf-writer.h"

#define FONT_FAMILY "Noto Sans"
#define FOOTER_SIZE 8.0

/* Private helpers */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Points as units: Pango would otherwise take 96 dpi and print a 10 pt
 * font at 13 pt. Metrics are not hinted, as the page is not a screen. */
static PangoContext *
context_new (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

static void
draw_footer (SecPdfWriter *writer)
{
  double y = writer->height - writer->margin * 0.6;
  double inner = writer->width - 2 * writer->margin;
  g_autofree char *number = g_strdup_printf (_("Page %u"), writer->page);
  g_autoptr(PangoLayout) right = sec_pdf_writer_layout (writer, number, FOOTER_SIZE, inner, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (writer->cr, 0.4, 0.4, 0.4);
  sec_pdf_writer_draw (writer, right, writer->margin, y);
  if (writer->footer != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (writer->footer, -1);
      g_autoptr(PangoLayout) left = sec_pdf_writer_layout (writer, escaped, FOOTER_SIZE, inner * 0.8,
                                                           PANGO_ALIGN_LEFT);

      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
      sec_pdf_writer_draw (writer, left, writer->margin, y);
    }
  cairo_set_source_rgb (writer->cr, 0, 0, 0);
}

static void
end_page (SecPdfWriter *writer)
{
  if (writer->page == 0)
    return;
  if (writer->numbered)
    draw_footer (writer);
  cairo_show_page (writer->cr);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
fill_band (SecPdfWriter *writer,
           double        y,
           double        height,
           double        grey)
{
  cairo_save (writer->cr);
  cairo_set_source_rgb (writer->cr, grey, grey, grey);
  cairo_rectangle (writer->cr, writer->margin, y, writer->width - 2 * writer->margin, height);
  cairo_fill (writer->cr);
  cairo_restore (writer->cr);
}

/* The cells of one row, each wrapped to its column less the padding. */
static GPtrArray *
row_layouts (SecPdfTable  *table,
             const char  **cells,
             gboolean      header,
             double       *height)
{
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);

  *height = header ? 0 : table->min_height;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *text = cells[i] ? cells[i] : "";
      g_autofree char *escaped = table->markup && !header ? g_strdup (text) : g_markup_escape_text (text, -1);
      g_autofree char *markup = (header || table->bold[i]) ? g_strdup_printf ("<b>%s</b>", escaped)
                                                          : g_steal_pointer (&escaped);
      PangoLayout *layout = sec_pdf_writer_layout (table->writer, markup, header ? table->size - 0.5 : table->size,
                                                   table->widths[i] - 2 * SEC_PDF_CELL_PAD, PANGO_ALIGN_LEFT);

      *height = MAX (*height, layout_height (layout) + 2 * SEC_PDF_CELL_PAD);
      g_ptr_array_add (layouts, layout);
    }
  return layouts;
}

static void
draw_row (SecPdfTable *table,
          GPtrArray   *layouts,
          double       height,
          double       band)
{
  SecPdfWriter *writer = table->writer;

  if (band < 1.0)
    fill_band (writer, writer->y, height, band);
  for (guint i = 0; i < layouts->len; i++)
    sec_pdf_writer_draw (writer, g_ptr_array_index (layouts, i), table->x[i] + SEC_PDF_CELL_PAD,
                         writer->y + SEC_PDF_CELL_PAD);
  writer->y += height;
  sec_pdf_writer_rule (writer, writer->margin, writer->width - writer->margin, writer->y, 0.75, 0.5);
}

static void
draw_header (SecPdfTable *table,
             gboolean     continued)
{
  SecPdfWriter *writer = table->writer;
  g_autoptr(GPtrArray) layouts = NULL;
  double height;

  if (table->caption != NULL)
    {
      g_autofree char *caption = continued
        ? g_strdup_printf ("%s <span weight='normal' foreground='#666666'>%s</span>", table->caption,
                           /* TRANSLATORS: after a table's caption on the next page */
                           _("(continued)"))
        : g_strdup (table->caption);

      sec_pdf_writer_text (writer, caption, table->size + 3, PANGO_ALIGN_LEFT, 4);
    }
  layouts = row_layouts (table, table->titles, TRUE, &height);
  draw_row (table, layouts, height, 0.9);
}

/* Public API */

/* A document of pages @width × @height points; nothing is written until
 * sec_pdf_writer_finish(). */
SecPdfWriter *
sec_pdf_writer_new (double width,
                    double height,
                    double margin)
{
  SecPdfWriter *writer = g_new0 (SecPdfWriter, 1);

  writer->bytes = g_byte_array_new ();
  writer->surface = cairo_pdf_surface_create_for_stream (append_bytes, writer->bytes, width, height);
  cairo_pdf_surface_set_metadata (writer->surface, CAIRO_PDF_METADATA_CREATOR, "Secretariat");
  writer->cr = cairo_create (writer->surface);
  writer->context = context_new (writer->cr);
  writer->width = width;
  writer->height = height;
  writer->margin = margin;
  writer->y = margin;
  return writer;
}

/* Drops the document; nothing is written unless it was finished. */
void
sec_pdf_writer_free (SecPdfWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_object (&writer->context);
  cairo_destroy (writer->cr);
  cairo_surface_destroy (writer->surface);
  g_byte_array_unref (writer->bytes);
  g_free (writer->footer);
  g_free (writer);
}

/* Ends the current page, if any, and starts the next at the top margin. */
void
sec_pdf_writer_new_page (SecPdfWriter *writer)
{
  end_page (writer);
  writer->page++;
  writer->y = writer->margin;
}

/* Where blocks must end, above the footer. */
double
sec_pdf_writer_bottom (SecPdfWriter *writer)
{
  return writer->height - writer->margin;
}

/* Whether a block of @height still fits on the current page. */
gboolean
sec_pdf_writer_fits (SecPdfWriter *writer,
                     double        height)
{
  return writer->page > 0 && writer->y + height <= sec_pdf_writer_bottom (writer);
}

/* A layout of @markup in the document's font at @size points, wrapped at
 * @width (no wrapping if @width ≤ 0). */
PangoLayout *
sec_pdf_writer_layout (SecPdfWriter  *writer,
                       const char    *markup,
                       double         size,
                       double         width,
                       PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (writer->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* Draws @layout with its top left corner at @x, @y. */
void
sec_pdf_writer_draw (SecPdfWriter *writer,
                     PangoLayout  *layout,
                     double        x,
                     double        y)
{
  cairo_move_to (writer->cr, x, y);
  pango_cairo_show_layout (writer->cr, layout);
}

/* Draws @markup across the page at writer->y, on a new page if it does not
 * fit, and moves down past it and @space_after; returns its height. */
double
sec_pdf_writer_text (SecPdfWriter  *writer,
                     const char    *markup,
                     double         size,
                     PangoAlignment alignment,
                     double         space_after)
{
  double inner = writer->width - 2 * writer->margin;
  g_autoptr(PangoLayout) layout = sec_pdf_writer_layout (writer, markup, size, inner, alignment);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  if (!sec_pdf_writer_fits (writer, (double) height / PANGO_SCALE))
    sec_pdf_writer_new_page (writer);
  sec_pdf_writer_draw (writer, layout, writer->margin, writer->y);
  writer->y += (double) height / PANGO_SCALE + space_after;
  return (double) height / PANGO_SCALE;
}

/* A horizontal line in @grey (0 black, 1 white). */
void
sec_pdf_writer_rule (SecPdfWriter *writer,
                     double        x1,
                     double        x2,
                     double        y,
                     double        grey,
                     double        line_width)
{
  cairo_save (writer->cr);
  cairo_set_source_rgb (writer->cr, grey, grey, grey);
  cairo_set_line_width (writer->cr, line_width);
  cairo_move_to (writer->cr, x1, y);
  cairo_line_to (writer->cr, x2, y);
  cairo_stroke (writer->cr);
  cairo_restore (writer->cr);
}

/* Ends the last page and replaces @path with the document in one step. */
/* A cairo surface of @pixbuf, its premultiplied pixels copied over. */
static cairo_surface_t *
surface_of (GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf), stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guchar *data = cairo_image_surface_get_data (surface);
  int out_stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * stride + x * channels;
        guint alpha = channels == 4 ? p[3] : 255;
        guint32 *q = (guint32 *) (data + y * out_stride) + x;

        *q = alpha << 24 | (p[0] * alpha / 255) << 16 | (p[1] * alpha / 255) << 8 | (p[2] * alpha / 255);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/**
 * sec_pdf_writer_image:
 * @x: the middle of the image
 *
 * Draws the image file @path @height points high (less if it would be
 * wider than @max_width), from @y. An image that cannot be read draws
 * nothing: a logo is not worth losing a document over.
 *
 * Returns: whether it was drawn.
 */
gboolean
sec_pdf_writer_image (SecPdfWriter *writer,
                      const char   *path,
                      double        x,
                      double        y,
                      double        max_width,
                      double        height)
{
  g_autoptr(GdkPixbuf) pixbuf = path && *path ? sec_export_load_image (path, NULL) : NULL;
  cairo_surface_t *surface;
  double scale;

  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) <= 0 || gdk_pixbuf_get_height (pixbuf) <= 0 ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8)
    return FALSE;
  scale = MIN (height / gdk_pixbuf_get_height (pixbuf), max_width / gdk_pixbuf_get_width (pixbuf));
  surface = surface_of (pixbuf);
  cairo_save (writer->cr);
  cairo_translate (writer->cr, x - gdk_pixbuf_get_width (pixbuf) * scale / 2, y);
  cairo_scale (writer->cr, scale, scale);
  cairo_set_source_surface (writer->cr, surface, 0, 0);
  cairo_paint (writer->cr);
  cairo_restore (writer->cr);
  cairo_surface_destroy (surface);
  return TRUE;
}

gboolean
sec_pdf_writer_finish (SecPdfWriter  *writer,
                       const char    *path,
                       GError       **error)
{
  cairo_status_t status;

  end_page (writer);
  cairo_surface_finish (writer->surface);
  status = cairo_surface_status (writer->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SEC_EXPORT_ERROR, SEC_EXPORT_ERROR_RENDER,
                   _("Cannot draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return sec_export_write (path, (const char *) writer->bytes->data, writer->bytes->len, error);
}

/* Tables */

/* Columns across the page in proportion to @weights. */
void
sec_pdf_table_init (SecPdfTable   *table,
                    SecPdfWriter  *writer,
                    guint          n_columns,
                    const char   **titles,
                    const double  *weights,
                    double         size)
{
  double inner = writer->width - 2 * writer->margin;
  double total = 0, x = writer->margin;

  g_return_if_fail (n_columns > 0 && n_columns <= SEC_PDF_MAX_COLUMNS);

  memset (table, 0, sizeof *table);
  table->writer = writer;
  table->n_columns = n_columns;
  table->size = size;
  for (guint i = 0; i < n_columns; i++)
    total += weights[i];
  for (guint i = 0; i < n_columns; i++)
    {
      table->titles[i] = titles[i];
      table->x[i] = x;
      table->widths[i] = inner * weights[i] / total;
      x += table->widths[i];
    }
}

/* Frees what the table holds, not the table (it lives on the stack). */
void
sec_pdf_table_clear (SecPdfTable *table)
{
  g_clear_pointer (&table->caption, g_free);
}

/* Starts the table at writer->y under @caption (markup, or %NULL), on the
 * next page unless the caption, header and a row fit here. */
void
sec_pdf_table_begin (SecPdfTable *table,
                     const char  *caption)
{
  g_free (table->caption);
  table->caption = g_strdup (caption);
  if (!sec_pdf_writer_fits (table->writer, (table->size + 3) * 2 + table->size * 4 + MAX (table->min_height, 30)))
    sec_pdf_writer_new_page (table->writer);
  draw_header (table, FALSE);
}

/* Adds a row of plain text cells (markup if table->markup), on a new page
 * (caption and header again) if it does not fit; @shaded sets it off, as a
 * break in a programme. */
void
sec_pdf_table_row (SecPdfTable  *table,
                   const char  **cells,
                   gboolean      shaded)
{
  double height;
  g_autoptr(GPtrArray) layouts = row_layouts (table, cells, FALSE, &height);

  if (!sec_pdf_writer_fits (table->writer, height))
    {
      sec_pdf_writer_new_page (table->writer);
      draw_header (table, TRUE);
    }
  draw_row (table, layouts, height, shaded ? 0.96 : 1.0);
}

/* The height a row of @cells would take: to fill a page with empty rows. */
double
sec_pdf_table_row_height (SecPdfTable  *table,
                          const char  **cells)
{
  double height;
  g_autoptr(GPtrArray) layouts = row_layouts (table, cells, FALSE, &height);

  return height;
}
