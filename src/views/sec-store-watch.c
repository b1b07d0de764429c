/* sec-store-watch.c: a view brought up to date once a change is over
 *
 * Views that show records rebuild themselves when the store changes, but
 * not in the middle of the change: it may come from one of their own rows
 * (a check box, a drop, a menu), which must outlive its signal, and a sync
 * batch or an import changes many records at once. So the update runs once,
 * when the main loop is idle again.
 */

#include "sec-store-watch.h"

#define WATCH_KEY "sec-store-watch"

typedef struct {
  gpointer                view;      /* not a reference: the view owns the watch */
  SecStore               *store;
  const SecEntity *const *entities;  /* NULL-terminated, or NULL for all */
  SecWatchFunc            update;
  gulong                  handler;
  guint                   idle;
} Watch;

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_clear_signal_handler (&watch->handler, watch->store);
  g_clear_handle_id (&watch->idle, g_source_remove);
  g_clear_object (&watch->store);
  g_free (watch);
}

static gboolean
run_update (gpointer data)
{
  Watch *watch = data;

  watch->idle = 0;
  watch->update (watch->view);
  return G_SOURCE_REMOVE;
}

static gboolean
concerns (Watch           *watch,
          const SecEntity *entity)
{
  if (watch->entities == NULL)
    return TRUE;
  for (const SecEntity *const *e = watch->entities; *e != NULL; e++)
    if (*e == entity)
      return TRUE;
  return FALSE;
}

static void
on_changed (SecStore        *store,
            const SecEntity *entity,
            const char      *id,
            Watch           *watch)
{
  if (watch->idle == 0 && concerns (watch, entity))
    watch->idle = g_idle_add (run_update, watch);
}

/* Calls @update on @view once the main loop is idle after a change to
 * records of @entities (NULL-terminated; %NULL for any) in @store. A view
 * may watch for several updates; watching again for the same @update
 * replaces its watch (on another store, say). */
void
sec_store_watch (gpointer                view,
                 SecStore               *store,
                 const SecEntity *const *entities,
                 SecWatchFunc            update)
{
  GPtrArray *watches;
  Watch *watch;

  g_return_if_fail (G_IS_OBJECT (view));
  g_return_if_fail (SEC_IS_STORE (store));

  if ((watches = g_object_get_data (G_OBJECT (view), WATCH_KEY)) == NULL)
    {
      watches = g_ptr_array_new_with_free_func (watch_free);
      g_object_set_data_full (G_OBJECT (view), WATCH_KEY, watches, (GDestroyNotify) g_ptr_array_unref);
    }
  for (guint i = 0; i < watches->len; i++)
    if (((Watch *) g_ptr_array_index (watches, i))->update == update)
      g_ptr_array_remove_index (watches, i--);
  watch = g_new0 (Watch, 1);
  watch->view = view;
  watch->store = g_object_ref (store);
  watch->entities = entities;
  watch->update = update;
  watch->handler = g_signal_connect (store, "changed", G_CALLBACK (on_changed), watch);
  g_ptr_array_add (watches, watch);
}

/* Stops the watches of @view: from its dispose, so that no update comes
 * after. */
void
sec_store_unwatch (gpointer view)
{
  g_object_set_data (G_OBJECT (view), WATCH_KEY, NULL);
}
