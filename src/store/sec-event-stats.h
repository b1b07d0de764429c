/* sec-event-stats.h: who came to an event, counted */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  char  *label;    /* in the user's language */
  guint  count;
} SecCount;

void       sec_count_free    (SecCount   *count);
GPtrArray *sec_event_counts  (SecStore   *store,
                              const char *event_id,
                              const char *by);

G_END_DECLS
