/* sec-count-text.h: counts of several kinds in words, "34 members, 6 roadmap items" */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

/* A singular and its plural, marked for translation as one message (the
 * po files extract NP_ as such), as two initialisers. */
#define NP_(one, many) one, many

/* A kind of thing counted: its singular and plural forms, with one %'u,
 * marked with NP_(). */
typedef struct {
  const char *one;
  const char *many;
} SecCountNoun;

char *sec_count_text (const SecCountNoun *nouns,
                      const guint        *counts,
                      guint               n);

/* The kinds of record a person counts the network by, as its pages show
 * them: members, events, roadmap items. */
#define SEC_NETWORK_KINDS 3

char *sec_count_network_text  (const guint  counts[SEC_NETWORK_KINDS]);
void  sec_count_network       (SecStore    *store,
                               guint        counts[SEC_NETWORK_KINDS]);
char *sec_count_sample_added  (SecStore    *store,
                               const guint  before[SEC_NETWORK_KINDS]);

G_END_DECLS
