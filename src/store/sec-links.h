/* sec-links.h: the records a record refers to, and those that refer to it */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  const SecEntity *entity;     /* of the linked record: a child stands for its parent */
  char            *id;
  char            *title;
  const char      *relation;   /* N_(), "Owner", "Sub-item", "Discussed at" */
} SecLink;

GPtrArray *sec_links_for (SecStore  *store,
                          SecRecord *record);

G_END_DECLS
