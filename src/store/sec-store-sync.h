/* sec-store-sync.h: what the sync engine reads and writes in the store
 *
 * Each record carries its remote revision (rev), whether it changed since
 * the last push (dirty), and the JSON document last agreed with the remote
 * (base), which also keeps the fields this version does not know.
 */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  SecRecord *record;      /* its values, also those of a deleted record */
  char      *rev;         /* NULL until the record reached the remote */
  char      *base;        /* JSON text, or NULL */
  char      *updated_at;
  gboolean   deleted;
  gboolean   dirty;
} SecSyncState;

/* A field two versions of a record changed to different values, or
 * "_deleted" when one deleted the record and the other changed it, or
 * changed its children: then base_value names the kind of child (such as
 * "contact"), and is %NULL when the record itself changed. The local
 * value is in the record; the remote one waits here for a choice.
 * leaf: the remote value is on a leaf the server keeps in conflict, which
 * every office sees and one settles for all. */
typedef struct {
  gint64           id;
  const SecEntity *entity;
  char            *record_id;
  char            *field;
  char            *local_value;
  char            *remote_value;
  char            *remote_rev;
  char            *base_value;    /* the value both started from */
  char            *local_office;  /* who wrote each value, and when */
  char            *local_at;
  char            *remote_office;
  char            *remote_at;
  gboolean         leaf;
} SecConflict;

typedef struct {
  const SecEntity *entity;
  char            *record_id;
  char            *rev;
} SecLosingRev;

void          sec_losing_rev_free             (SecLosingRev    *losing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecLosingRev, sec_losing_rev_free)
void          sec_sync_state_free             (SecSyncState    *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecSyncState, sec_sync_state_free)
void          sec_conflict_free               (SecConflict     *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecConflict, sec_conflict_free)

SecSyncState *sec_store_sync_state            (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *id);
GPtrArray    *sec_store_sync_dirty            (SecStore        *self,
                                               const SecEntity *entity,
                                               gint64           after_rowid,
                                               guint            limit);
guint         sec_store_sync_count_dirty      (SecStore        *self);
gboolean      sec_store_sync_write            (SecStore        *self,
                                               SecRecord       *record,
                                               gboolean         deleted,
                                               const char      *rev,
                                               const char      *base,
                                               gboolean         dirty,
                                               GError         **error);
gboolean      sec_store_sync_keep_body        (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *id,
                                               const char      *new_rev,
                                               GError         **error);
gboolean      sec_store_sync_mark_pushed      (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *id,
                                               const char      *pushed_updated_at,
                                               const char      *rev,
                                               const char      *base,
                                               GError         **error);
char         *sec_store_sync_checkpoint       (SecStore        *self,
                                               const char      *remote);
gboolean      sec_store_sync_set_checkpoint   (SecStore        *self,
                                               const char      *remote,
                                               const char      *seq,
                                               GError         **error);
gboolean      sec_store_add_conflict          (SecStore          *self,
                                               const SecConflict *conflict,
                                               GError           **error);
const SecEntity *sec_store_sync_changed_child (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *id,
                                               char           **changed_at);
gboolean      sec_store_deletion_in_question  (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *id);
gboolean      sec_store_any_open_leaf         (SecStore        *self);
GStrv         sec_store_open_leaf_fields      (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id);
gboolean      sec_store_forget_leaves         (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GStrv            leaves,
                                               GError         **error);
GPtrArray    *sec_store_conflicts             (SecStore        *self);
gboolean      sec_store_settle_conflicts_of   (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GError         **error);
gboolean      sec_store_settle_deletion_of    (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GError         **error);
gboolean      sec_store_drop_deletion_questions_of_children (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GError         **error);
gboolean      sec_store_resolve_conflict      (SecStore        *self,
                                               gint64           conflict_id,
                                               gboolean         take_remote,
                                               GError         **error);

gboolean      sec_store_add_losing_rev        (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               const char      *rev,
                                               GError         **error);
GPtrArray    *sec_store_losing_revs_of        (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id);
GPtrArray    *sec_store_settled_losing_revs   (SecStore        *self);
gboolean      sec_store_forget_losing_rev     (SecStore        *self,
                                               SecLosingRev    *losing,
                                               GError         **error);

gboolean      sec_store_add_settled_leaf      (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               const char      *rev,
                                               GError         **error);
gboolean      sec_store_is_settled_leaf       (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               const char      *rev);

gboolean      sec_store_sync_queue_merge      (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GError         **error);
gboolean      sec_store_sync_next_merge       (SecStore         *self,
                                               const SecEntity **entity,
                                               char            **record_id);
gboolean      sec_store_sync_merged           (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               GError         **error);
char         *sec_store_sync_body             (SecStore        *self,
                                               const SecEntity *entity,
                                               const char      *record_id,
                                               const char      *rev);

G_END_DECLS
