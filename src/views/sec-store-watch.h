/* sec-store-watch.h: a view brought up to date once a change is over */
#pragma once

#include "sec-store.h"

G_BEGIN_DECLS

typedef void (*SecWatchFunc) (gpointer view);

void sec_store_watch   (gpointer                view,
                        SecStore               *store,
                        const SecEntity *const *entities,
                        SecWatchFunc            update);
void sec_store_unwatch (gpointer                view);

G_END_DECLS
