/* sec-coverage.h: which Sustainable Development Goals the network works on */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

#define SEC_N_SDGS 17

typedef struct {
  guint goal;                     /* 1–17 */
  guint members, events, items;   /* live records whose goals hold it */
} SecSdgCoverage;

GArray *sec_store_sdg_coverage (SecStore *store);

G_END_DECLS
