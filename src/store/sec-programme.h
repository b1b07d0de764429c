/* sec-programme.h: the timetable rules of an event's sessions */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  char *first;    /* session ids, first the one that starts earlier */
  char *second;
} SecOverlap;

void       sec_overlap_free             (SecOverlap  *overlap);
int        sec_time_to_minutes          (const char  *time);
char      *sec_minutes_to_time          (int          minutes);
GPtrArray *sec_programme_sessions       (SecStore    *store,
                                         const char  *event_id);
GPtrArray *sec_programme_overlaps       (GPtrArray   *sessions);
gboolean   sec_programme_shift          (SecStore    *store,
                                         const char  *event_id,
                                         const char  *date,
                                         const char  *from_time,
                                         int          minutes,
                                         GError     **error);

G_END_DECLS
