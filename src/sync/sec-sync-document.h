/* sec-sync-document.h: records as CouchDB documents, and three-way merges */
#pragma once

#include <json-glib/json-glib.h>

#include "sec-store-sync.h"

G_BEGIN_DECLS

#define SEC_SYNC_SCHEMA 1
#define SEC_SYNC_MAX_DOCUMENT (1024 * 1024)   /* bytes of JSON */

typedef struct {
  const char *field;       /* a field's name, or "_deleted" */
  char       *local;
  char       *remote;
} SecMergeConflict;

char            *sec_sync_document_id      (const SecEntity *entity,
                                            const char      *record_id);
const SecEntity *sec_sync_document_entity  (JsonObject      *document,
                                            const char     **record_id);
JsonObject      *sec_sync_document_new     (SecSyncState    *state,
                                            const char      *office);
gboolean         sec_sync_document_check   (const SecEntity *entity,
                                            JsonObject      *document,
                                            GError         **error);
SecRecord       *sec_sync_document_record  (const SecEntity *entity,
                                            const char      *record_id,
                                            JsonObject      *document);
GPtrArray       *sec_sync_merge            (SecRecord       *local,
                                            JsonObject      *base,
                                            JsonObject      *remote);

G_END_DECLS
