/* sec-quorum.h: whether an assembly can decide */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef enum {
  SEC_QUORUM_MORE_THAN_HALF,   /* the default */
  SEC_QUORUM_ONE_THIRD,
  SEC_QUORUM_TWO_THIRDS,
} SecQuorumRule;

typedef struct {
  guint    voting;        /* members whose status is current */
  guint    represented;   /* of those, with a voting delegate checked in */
  guint    required;
  gboolean met;
} SecQuorum;

SecQuorumRule sec_quorum_rule_from_name (const char *name);
const char   *sec_quorum_rule_name      (SecQuorumRule rule);
const char   *sec_quorum_rule_label     (SecQuorumRule rule);
guint    sec_quorum_required (SecQuorumRule  rule,
                              guint          voting);
gboolean sec_quorum_count_represented (SecStore      *store,
                                       const char    *event_id,
                                       SecQuorumRule  rule,
                                       SecQuorum     *quorum,
                                       GError       **error);
gboolean sec_quorum_count    (SecStore      *store,
                              const char    *event_id,
                              SecQuorumRule  rule,
                              SecQuorum     *quorum,
                              GError       **error);

G_END_DECLS
