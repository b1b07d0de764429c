/* sec-pdf-writer.h: pages, paragraphs and tables for the PDF exports
 *
 * Private to the export layer. Units are PostScript points; text is Pango
 * markup in "Noto Sans", which fontconfig falls back from for scripts it
 * lacks (Thai, Khmer, Myanmar, CJK).
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define SEC_PDF_MAX_COLUMNS 8
#define SEC_PDF_CELL_PAD 4.0   /* between a cell's edges and its text */

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *context;
  GByteArray      *bytes;      /* the PDF, written in one step at the end */
  double           width;
  double           height;
  double           margin;
  double           y;          /* where the next block starts */
  guint            page;       /* 1-based; 0 before the first page */
  gboolean         numbered;   /* a footer with the page number */
  char            *footer;     /* left of the page number, or NULL */
} SecPdfWriter;

typedef struct {
  SecPdfWriter *writer;
  guint         n_columns;
  const char   *titles[SEC_PDF_MAX_COLUMNS];
  gboolean      bold[SEC_PDF_MAX_COLUMNS];
  double        x[SEC_PDF_MAX_COLUMNS];
  double        widths[SEC_PDF_MAX_COLUMNS];
  double        size;         /* of the text, in points */
  double        min_height;   /* of a row: room to sign in */
  gboolean      markup;       /* cells are Pango markup, not plain text */
  char         *caption;      /* repeated, "(continued)", on a new page */
} SecPdfTable;

SecPdfWriter *sec_pdf_writer_new       (double         width,
                                        double         height,
                                        double         margin);
void          sec_pdf_writer_free      (SecPdfWriter  *writer);
void          sec_pdf_writer_new_page  (SecPdfWriter  *writer);
gboolean      sec_pdf_writer_fits      (SecPdfWriter  *writer,
                                        double         height);
double        sec_pdf_writer_bottom    (SecPdfWriter  *writer);
PangoLayout  *sec_pdf_writer_layout    (SecPdfWriter  *writer,
                                        const char    *markup,
                                        double         size,
                                        double         width,
                                        PangoAlignment alignment);
void          sec_pdf_writer_draw      (SecPdfWriter  *writer,
                                        PangoLayout   *layout,
                                        double         x,
                                        double         y);
double        sec_pdf_writer_text      (SecPdfWriter  *writer,
                                        const char    *markup,
                                        double         size,
                                        PangoAlignment alignment,
                                        double         space_after);
void          sec_pdf_writer_rule      (SecPdfWriter  *writer,
                                        double         x1,
                                        double         x2,
                                        double         y,
                                        double         grey,
                                        double         line_width);
gboolean      sec_pdf_writer_image     (SecPdfWriter  *writer,
                                        const char    *path,
                                        double         x,
                                        double         y,
                                        double         max_width,
                                        double         height);
gboolean      sec_pdf_writer_finish    (SecPdfWriter  *writer,
                                        const char    *path,
                                        GError       **error);

void          sec_pdf_table_init       (SecPdfTable   *table,
                                        SecPdfWriter  *writer,
                                        guint          n_columns,
                                        const char   **titles,
                                        const double  *weights,
                                        double         size);
void          sec_pdf_table_clear      (SecPdfTable   *table);
void          sec_pdf_table_begin      (SecPdfTable   *table,
                                        const char    *caption);
void          sec_pdf_table_row        (SecPdfTable   *table,
                                        const char   **cells,
                                        gboolean       shaded);
double        sec_pdf_table_row_height (SecPdfTable   *table,
                                        const char   **cells);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecPdfWriter, sec_pdf_writer_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SecPdfTable, sec_pdf_table_clear)

G_END_DECLS
