/* sec-sync-leaves.h: merging the leaves of a document the server holds in conflict */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One leaf of a document's revision tree, as ?open_revs=all&revs=true
 * gives it. */
typedef struct {
  JsonObject *body;
  const char *rev;        /* in body */
  gboolean    deleted;
  GStrv       history;    /* its revisions, newest (rev) first */
} SecLeaf;

/* A field the live leaves changed to more than one value. The merge keeps
 * the value of the latest leaf that changed it (by updated_at, then
 * revision), so that it is the same whichever leaf the server made the
 * winner; each other value is one of these. For a deleted leaf against
 * live ones, field is "_deleted". */
typedef struct {
  char          *field;
  JsonNode      *kept;       /* NULL: absent */
  JsonNode      *other;
  JsonNode      *ancestor;
  const SecLeaf *kept_leaf;
  const SecLeaf *other_leaf;
} SecLeafConflict;

typedef struct {
  GPtrArray     *leaves;     /* SecLeaf */
  const SecLeaf *winner;     /* CouchDB's choice, which a write goes on */
  char          *ancestor;   /* the live leaves' common revision, or NULL */
  JsonObject    *merged;     /* the live leaves merged, without _rev */
  GPtrArray     *conflicts;  /* SecLeafConflict */
  GPtrArray     *losing;     /* const char *: the leaves to delete once settled */
  GPtrArray     *settled;    /* const char *: deleted leaves already dealt with */
  gboolean       changes_winner;
} SecLeafMerge;

#define SEC_LEAF_SETTLED "settled"   /* a tombstone's mark: its branch is merged or settled */

GPtrArray    *sec_sync_leaves_parse    (JsonNode          *open_revs,
                                        GError           **error);
const SecLeaf *sec_sync_leaves_winner  (GPtrArray         *leaves);
char         *sec_sync_leaves_ancestor (GPtrArray         *leaves);
SecLeafMerge *sec_sync_leaves_merge    (GPtrArray         *leaves,
                                        JsonObject        *ancestor,
                                        gboolean         (*is_settled) (const char *rev,
                                                                        gpointer    data),
                                        gpointer           data);
void          sec_leaf_merge_free      (SecLeafMerge      *merge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecLeafMerge, sec_leaf_merge_free)

G_END_DECLS
