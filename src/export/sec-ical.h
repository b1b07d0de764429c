/* sec-ical.h: an event's programme as an iCalendar file */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

gboolean sec_ical_export_event (SecStore    *store,
                                const char  *event_id,
                                const char  *path,
                                GError     **error);

G_END_DECLS
