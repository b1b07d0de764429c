/* sec-sync-scheduler.h: when sync runs, and what its status is */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef enum {
  SEC_SYNC_OFF,        /* no server set */
  SEC_SYNC_IDLE,       /* synced, or waiting for the next run */
  SEC_SYNC_RUNNING,
  SEC_SYNC_OFFLINE,
  SEC_SYNC_FAILED,
} SecSyncStatus;

#define SEC_TYPE_SYNC_SCHEDULER (sec_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (SecSyncScheduler, sec_sync_scheduler, SEC, SYNC_SCHEDULER, GObject)

SecSyncScheduler *sec_sync_scheduler_new          (SecStore         *store,
                                                   GSettings        *settings);
SecStore         *sec_sync_scheduler_get_store    (SecSyncScheduler *self);
void              sec_sync_scheduler_sync_now     (SecSyncScheduler *self);
void              sec_sync_scheduler_set_password (SecSyncScheduler *self,
                                                   const char       *password);
SecSyncStatus     sec_sync_scheduler_get_status   (SecSyncScheduler *self);
char             *sec_sync_scheduler_describe     (SecSyncScheduler *self);
char             *sec_sync_scheduler_explain      (SecSyncScheduler *self);
guint             sec_sync_scheduler_get_waiting  (SecSyncScheduler *self);
guint             sec_sync_scheduler_get_conflicts (SecSyncScheduler *self);

G_END_DECLS
