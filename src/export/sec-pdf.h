/* sec-pdf.h: printable documents of an event, and reports, as PDF */
#pragma once

#include "sec-quorum.h"
#include "sec-store.h"

G_BEGIN_DECLS

/* Who a document comes from: the network's name and, if it has one, its
 * logo (an image file gdk-pixbuf reads; a file it cannot read is left out). */
typedef struct {
  const char *name;
  const char *logo;   /* or NULL */
} SecNetwork;


typedef enum {
  SEC_PAPER_A4,
  SEC_PAPER_LETTER,
} SecPaper;

gboolean sec_pdf_programme        (SecStore    *store,
                                   const char  *event_id,
                                   SecPaper     paper,
                                   const char  *path,
                                   GError     **error);
gboolean sec_pdf_certificates     (SecStore    *store,
                                   const char  *event_id,
                                   const char  *participant_id,
                                   const SecNetwork *network,
                                   const char  *path,
                                   GError     **error);
gboolean sec_pdf_attendance_sheet (SecStore    *store,
                                   const char  *event_id,
                                   SecPaper     paper,
                                   const char  *path,
                                   GError     **error);
gboolean sec_pdf_roadmap_report   (SecStore    *store,
                                   SecPaper     paper,
                                   const char  *path,
                                   GError     **error);
gboolean sec_pdf_sdg_report       (SecStore    *store,
                                   SecPaper     paper,
                                   const SecNetwork *network,
                                   const char  *path,
                                   GError     **error);

gboolean sec_pdf_agenda           (SecStore    *store,
                                   const char  *event_id,
                                   SecPaper     paper,
                                   const char  *path,
                                   GError     **error);
gboolean sec_pdf_minutes          (SecStore    *store,
                                   const char  *event_id,
                                   SecQuorumRule rule,
                                   SecPaper     paper,
                                   const char  *path,
                                   GError     **error);
gboolean sec_pdf_meeting          (SecStore    *store,
                                   const char  *event_id,
                                   SecQuorumRule rule,
                                   gboolean     minutes,
                                   SecPaper     paper,
                                   const char  *path,
                                   GError     **error);

G_END_DECLS
