/* sec-pdf.h: printable documents of an event, and reports, as PDF */
#pragma once

#include "sec-quorum.h"
#include "sec-store.h"

G_BEGIN_DECLS

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
                                   const char  *network_name,
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
                                   const char  *network_name,
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
