/* sec-sync-engine.h: replication between the store and a CouchDB database */
#pragma once

#include "sec-couch-client.h"
#include "sec-store.h"

G_BEGIN_DECLS

typedef struct {
  guint      pulled;      /* remote changes applied */
  guint      pushed;      /* local changes the remote took */
  guint      conflicts;   /* fields both sides changed, kept for a person */
  guint      skipped;     /* documents of types this version does not know */
  GPtrArray *problems;    /* one line each: documents refused or skipped */
} SecSyncReport;

void sec_sync_report_free (SecSyncReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SecSyncReport, sec_sync_report_free)

#define SEC_TYPE_SYNC_ENGINE (sec_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (SecSyncEngine, sec_sync_engine, SEC, SYNC_ENGINE, GObject)

SecSyncEngine *sec_sync_engine_new        (SecStore            *store,
                                           SecCouchClient      *client);
void           sec_sync_engine_set_office (SecSyncEngine       *self,
                                           const char          *office);
const char    *sec_sync_engine_get_office (SecSyncEngine       *self);
void           sec_sync_engine_run_async  (SecSyncEngine       *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
SecSyncReport *sec_sync_engine_run_finish (SecSyncEngine       *self,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
