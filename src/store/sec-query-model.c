/* sec-query-model.c: a lazy GListModel over one SQL query
 *
 * The model holds the ordered rowids of the matching records and a
 * fingerprint of each (a hash of its update stamp), nothing more;
 * a SecRecord is read when a view asks for that position and kept in a
 * small cache. Filtering, searching and sorting are SQL. When the store
 * changes, the query runs again and the model emits one items-changed for
 * the span between the unchanged head and tail.
 *
 * While answers are small they are read on the spot. Once one has been
 * large (a federation's registry), every answer is read by a thread of the
 * model's own on a second connection, so typing in the search or changing
 * the sort never waits for a million rows: the first page arrives first,
 * then the rest, and the model is "loading" meanwhile. A newer query stops
 * an older one where it stands.
 */

#include <sqlite3.h>
#include <string.h>

#include "sec-field.h"
#include "sec-query-model.h"
#include "sec-store-private.h"

#define CACHE_LIMIT 512
/* Up to this many rows a query takes a few milliseconds: no thread. */
#define SYNC_LIMIT 5000
/* What a window shows first, while the rest load. */
#define FIRST_PAGE 200
/* How long the first page of a search may walk the sort's index. */
#define WALK_BUDGET_MS 12

typedef struct {
  gint64  rowid;
  guint32 fingerprint;
} Row;

/* The SQL of one query and its parameters, built on the main thread and
 * run on either connection. */
typedef struct {
  char      *sql;
  char      *probe_sql; /* the same answer by other plans, for a search */
  char      *walk_sql;
  GPtrArray *names;
  GPtrArray *values;
  gboolean   counts_distinct;
} Query;

/* What the model shares with its thread; each holder keeps a reference. */
typedef struct {
  SecQueryModel *model;       /* main thread only; NULL once the model is gone */
  GMainContext  *context;     /* where results are delivered */
  sqlite3       *reader;      /* the thread's only */
  int            generation;  /* atomic: work for an older one stops */
} Loader;

typedef struct {
  Loader   *loader;
  int       generation;
  Query    *query;
  gboolean  first_page;
  gint64    deadline;   /* when a walk gives up, or 0 */
} Request;

typedef struct {
  GArray  *rows;
  gint64   distinct;          /* -1 unless counted over every row */
} Loaded;

typedef struct {
  Loader   *loader;
  int       generation;
  Loaded    loaded;
  gboolean  complete;
} Delivery;

struct _SecQueryModel
{
  GObject          parent_instance;
  SecStore        *store;
  const SecEntity *entity;
  GArray          *rows;
  GHashTable      *cache;     /* rowid → SecRecord */
  GHashTable      *filters;   /* field → value */
  char            *search;
  char            *sort_field;
  gboolean         sort_descending;
  gulong           changed_id;
  gulong           notify_id;

  char            *distinct_field;  /* counted as the rows load */
  gint64           distinct;        /* -1 when not counted for these rows */

  guint            sync_limit;
  gboolean         loading;
  Loader          *loader;
  GThreadPool     *pool;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SecQueryModel, sec_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Helpers */

/* The SQL for a field or computed value of the entity, or NULL. */
static const char *
column_sql (SecQueryModel *self,
            const char    *name)
{
  const SecComputed *computed = sec_entity_get_computed (self->entity, name);

  if (computed != NULL)
    return computed->sql;
  return sec_entity_get_field (self->entity, name) ? name : NULL;
}

/* The search's words, folded. */
static GStrv
search_words (const char *search)
{
  g_autofree char *folded = sec_text_fold (search);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  return g_strv_builder_end (builder);
}

/* Splits the search's words: trigram MATCH needs three
 * characters, so shorter words are looked for with instr(). */
static void
split_search (GStrv        words,
              GPtrArray  **long_words,
              GPtrArray  **short_words)
{
  *long_words = g_ptr_array_new_with_free_func (g_free);
  *short_words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_utf8_strlen (words[i], -1) >= 3)
        {
          g_autoptr(GString) phrase = g_string_new (words[i]);
          g_string_replace (phrase, "\"", "\"\"", 0);
          g_ptr_array_add (*long_words, g_strdup_printf ("\"%s\"", phrase->str));
        }
      else
        g_ptr_array_add (*short_words, g_strdup (words[i]));
    }
}

/* Builds "FROM … WHERE …" with parameters named :w1, :w2… in the order
 * query_new() gives them values: the computed values in the select list
 * also take parameters (:today, :grace), so positions cannot be relied on.
 *
 * A search finds the matching rowids in the search table, then, by @plan:
 * LOOKUP reads those rows and sorts them, best for every row of the answer;
 * PROBE walks the sort's index and keeps the rows in the set, best for a
 * first page; WALK walks the index and reads each row's search text by
 * rowid (:s1, :s2… are the words), best for the first page of a word in
 * every other row, found in a few hundred. */
typedef enum {
  LOOKUP,
  PROBE,
  WALK,
} Plan;

static void
append_where (SecQueryModel *self,
              GString       *sql,
              GPtrArray     *long_words,
              GPtrArray     *short_words,
              Plan           plan)
{
  const char *name = self->entity->name;
  guint n_words = long_words->len + short_words->len;
  GHashTableIter iter;
  gpointer field;
  guint n = 0;

  /* "+" keeps SQLite off the sort's index, to look the rows up instead. */
  g_string_append_printf (sql, " FROM %s WHERE %sdeleted = 0", name, n_words > 0 && plan == LOOKUP ? "+" : "");
  g_hash_table_iter_init (&iter, self->filters);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    {
      const SecField *described = sec_entity_get_field (self->entity, field);

      /* Goals are kept as "1,5,8": a filter on one goal looks for it in the list. */
      if (described != NULL && described->type == SEC_FIELD_SDGS)
        g_string_append_printf (sql, " AND instr(',' || %s || ',', ',' || :w%u || ',') > 0",
                                column_sql (self, field), ++n);
      else
        g_string_append_printf (sql, " AND %s = :w%u", column_sql (self, field), ++n);
    }

  if (n_words == 0)
    return;
  if (plan == WALK)
    {
      for (guint i = 1; i <= n_words; i++)
        g_string_append_printf (sql, " AND instr((SELECT text FROM %s_search s WHERE s.rowid = %s.rowid), :s%u) > 0",
                                name, name, i);
      return;
    }
  g_string_append_printf (sql, " AND rowid IN (SELECT rowid FROM %s_search WHERE ", name);
  if (long_words->len > 0)
    g_string_append_printf (sql, "%s_search MATCH :w%u", name, ++n);
  for (guint i = 0; i < short_words->len; i++)
    g_string_append_printf (sql, "%sinstr(text, :w%u) > 0", (i > 0 || long_words->len > 0) ? " AND " : "", ++n);
  g_string_append (sql, ")");
}

/* Query */

static void
query_add_parameter (Query      *query,
                     const char *name,
                     const char *value)
{
  g_ptr_array_add (query->names, g_strdup (name));
  g_ptr_array_add (query->values, g_strdup (value));
}

static void
query_free (Query *query)
{
  g_free (query->sql);
  g_free (query->probe_sql);
  g_free (query->walk_sql);
  g_ptr_array_unref (query->names);
  g_ptr_array_unref (query->values);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Query, query_free)

static char *
plan_sql (SecQueryModel *self,
          const char    *head,
          const char    *tail,
          GPtrArray     *long_words,
          GPtrArray     *short_words,
          Plan           plan)
{
  GString *sql = g_string_new (head);

  append_where (self, sql, long_words, short_words, plan);
  g_string_append (sql, tail);
  return g_string_free (sql, FALSE);
}

/* The query made of @head, the WHERE clause and @tail, with the values of
 * its parameters named as append_where() named them. */
static Query *
query_new (SecQueryModel *self,
           const char    *head,
           const char    *tail)
{
  g_autoptr(GPtrArray) long_words = NULL;
  g_autoptr(GPtrArray) short_words = NULL;
  g_auto(GStrv) words = search_words (self->search);
  Query *query = g_new0 (Query, 1);
  GHashTableIter iter;
  gpointer value;
  guint n = 0;
  char name[16];

  query->names = g_ptr_array_new_with_free_func (g_free);
  query->values = g_ptr_array_new_with_free_func (g_free);
  split_search (words, &long_words, &short_words);
  query->sql = plan_sql (self, head, tail, long_words, short_words, LOOKUP);
  if (words[0] != NULL)
    {
      query->probe_sql = plan_sql (self, head, tail, long_words, short_words, PROBE);
      query->walk_sql = plan_sql (self, head, tail, long_words, short_words, WALK);
    }

  g_hash_table_iter_init (&iter, self->filters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_snprintf (name, sizeof name, ":w%u", ++n);
      query_add_parameter (query, name, value);
    }
  if (long_words->len > 0)
    {
      g_autofree char *match = NULL;

      g_ptr_array_add (long_words, NULL);
      match = g_strjoinv (" ", (char **) long_words->pdata);
      g_ptr_array_remove_index (long_words, long_words->len - 1);
      g_snprintf (name, sizeof name, ":w%u", ++n);
      query_add_parameter (query, name, match);
    }
  for (guint i = 0; i < short_words->len; i++)
    {
      g_snprintf (name, sizeof name, ":w%u", ++n);
      query_add_parameter (query, name, g_ptr_array_index (short_words, i));
    }
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_snprintf (name, sizeof name, ":s%u", i + 1);
      query_add_parameter (query, name, words[i]);
    }
  /* The computed values (a member's status) depend on the day and the
   * grace period; SQLite reads the grace's text as a number. */
  query_add_parameter (query, ":today", sec_store_get_today (self->store));
  g_snprintf (name, sizeof name, "%u", sec_store_get_grace_days (self->store));
  query_add_parameter (query, ":grace", name);
  return query;
}

static sqlite3_stmt *
query_prepare (const Query *query,
               const char  *sql,
               sqlite3     *db)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Query failed: %s", sqlite3_errmsg (db));
      return NULL;
    }
  for (guint i = 0; i < query->names->len; i++)
    {
      int index = sqlite3_bind_parameter_index (stmt, g_ptr_array_index (query->names, i));

      if (index > 0)
        sqlite3_bind_text (stmt, index, g_ptr_array_index (query->values, i), -1, SQLITE_STATIC);
    }
  return stmt;
}

static char *
order_by (SecQueryModel *self)
{
  const char *title = sec_entity_title_field (self->entity)->name;
  const char *sort = self->sort_field ? self->sort_field : title;
  const char *column = column_sql (self, sort);
  const SecField *field = sec_entity_get_field (self->entity, sort);
  const char *dir = self->sort_descending ? " DESC" : "";

  if (column == NULL)
    return g_strdup (" ORDER BY rowid");
  if (field != NULL && (field->type == SEC_FIELD_TEXT || field->type == SEC_FIELD_MULTILINE))
    return g_strdup_printf (" ORDER BY %s COLLATE NOCASE%s, rowid%s", column, dir, dir);
  /* A required field or a computed value has no empty values to put last,
   * and its index can give the order. */
  if (field == NULL || field->required)
    return g_strdup_printf (" ORDER BY %s%s, %s COLLATE NOCASE%s, rowid%s", column, dir, title, dir, dir);
  /* Empty values go last whichever way the column is sorted. */
  return g_strdup_printf (" ORDER BY (%s) IS NULL, %s%s, %s COLLATE NOCASE, rowid", column, column, dir, title);
}

/* The rows query: rowid, update stamp and, when a summary asks for it,
 * the field whose distinct values are counted on the way. */
static Query *
rows_query_new (SecQueryModel *self)
{
  g_autofree char *head = NULL;
  g_autofree char *tail = order_by (self);
  Query *query;

  if (self->distinct_field != NULL)
    head = g_strdup_printf ("SELECT rowid, updated_at, %s", column_sql (self, self->distinct_field));
  query = query_new (self, head ? head : "SELECT rowid, updated_at", tail);
  query->counts_distinct = self->distinct_field != NULL;
  return query;
}

/* Runs @query on @db, at most @limit rows (-1 for all). %FALSE when it
 * was stopped by a newer query. */
static gboolean
load_rows (const Query *query,
           const char  *sql,
           sqlite3     *db,
           int          limit,
           Loaded      *loaded)
{
  g_autoptr(GHashTable) distinct = NULL;
  sqlite3_stmt *stmt;
  int rc;

  loaded->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  loaded->distinct = -1;
  if ((stmt = query_prepare (query, sql, db)) == NULL)
    return TRUE;
  if (query->counts_distinct)
    distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((limit < 0 || (int) loaded->rows->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { sqlite3_column_int64 (stmt, 0),
                  g_str_hash ((const char *) sqlite3_column_text (stmt, 1)) };
      const char *value = distinct ? (const char *) sqlite3_column_text (stmt, 2) : NULL;

      g_array_append_val (loaded->rows, row);
      if (value != NULL && !g_hash_table_contains (distinct, value))
        g_hash_table_add (distinct, g_strdup (value));
    }
  if (limit < 0 || (int) loaded->rows->len < limit)
    {
      if (rc == SQLITE_INTERRUPT)
        {
          sqlite3_finalize (stmt);
          g_clear_pointer (&loaded->rows, g_array_unref);
          return FALSE;
        }
      if (distinct != NULL)
        loaded->distinct = g_hash_table_size (distinct);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
same_row (const Row *a,
          const Row *b)
{
  return a->rowid == b->rowid && a->fingerprint == b->fingerprint;
}

/* Replaces the rows and announces the smallest span that differs. */
static void
update_rows (SecQueryModel *self,
             GArray        *rows)
{
  guint old_n = self->rows->len, new_n = rows->len;
  guint head = 0, tail = 0;

  while (head < old_n && head < new_n &&
         same_row (&g_array_index (self->rows, Row, head), &g_array_index (rows, Row, head)))
    head++;
  while (tail < old_n - head && tail < new_n - head &&
         same_row (&g_array_index (self->rows, Row, old_n - 1 - tail),
                   &g_array_index (rows, Row, new_n - 1 - tail)))
    tail++;

  for (guint i = head; i < old_n - tail; i++)
    g_hash_table_remove (self->cache, &g_array_index (self->rows, Row, i).rowid);
  g_array_unref (self->rows);
  self->rows = rows;
  if (old_n - head - tail > 0 || new_n - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head, old_n - head - tail, new_n - head - tail);
}

static void
set_loading (SecQueryModel *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Takes rows read on either connection; @complete when they are all. */
static void
apply_rows (SecQueryModel *self,
            Loaded        *loaded,
            gboolean       complete)
{
  self->distinct = complete ? loaded->distinct : -1;
  update_rows (self, g_steal_pointer (&loaded->rows));
  if (complete)
    set_loading (self, FALSE);
}

/* Loader: the model's thread */

static Loader *
loader_ref (Loader *loader)
{
  return g_atomic_rc_box_acquire (loader);
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->reader, sqlite3_close);
  g_main_context_unref (loader->context);
}

static void
loader_unref (Loader *loader)
{
  g_atomic_rc_box_release_full (loader, (GDestroyNotify) loader_clear);
}

static gboolean
stale (Loader *loader,
       int     generation)
{
  return g_atomic_int_get (&loader->generation) != generation;
}

static void
request_free (Request *request)
{
  loader_unref (request->loader);
  query_free (request->query);
  g_free (request);
}

static void
delivery_free (Delivery *delivery)
{
  loader_unref (delivery->loader);
  g_clear_pointer (&delivery->loaded.rows, g_array_unref);
  g_free (delivery);
}

/* On the main thread: rows of the newest query reach the model. */
static gboolean
deliver (gpointer data)
{
  Delivery *delivery = data;
  SecQueryModel *self = delivery->loader->model;

  if (self != NULL && !stale (delivery->loader, delivery->generation))
    apply_rows (self, &delivery->loaded, delivery->complete);
  return G_SOURCE_REMOVE;
}

static void
post (Request  *request,
      Loaded   *loaded,
      gboolean  complete)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GSource *source;

  delivery->loader = loader_ref (request->loader);
  delivery->generation = request->generation;
  delivery->loaded = *loaded;
  delivery->complete = complete;
  /* Not g_main_context_invoke(): in a thread without a context of its own
   * it may call deliver() right here, in the wrong thread. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver, delivery, (GDestroyNotify) delivery_free);
  g_source_attach (source, request->loader->context);
  g_source_unref (source);
}

static int
stop_if_stale (gpointer data)
{
  Request *request = data;

  return stale (request->loader, request->generation) ||
         (request->deadline > 0 && g_get_monotonic_time () > request->deadline);
}

/* The first page of a search: by walking the sort's index while that finds
 * it within a few milliseconds, else by probing the matching set. */
static gboolean
load_first_page (Request *request,
                 Loaded  *loaded)
{
  const Query *query = request->query;
  sqlite3 *db = request->loader->reader;

  if (query->walk_sql != NULL)
    {
      request->deadline = g_get_monotonic_time () + WALK_BUDGET_MS * 1000;
      if (load_rows (query, query->walk_sql, db, FIRST_PAGE, loaded))
        {
          request->deadline = 0;
          return TRUE;
        }
      request->deadline = 0;
    }
  return load_rows (query, query->probe_sql ? query->probe_sql : query->sql, db, FIRST_PAGE, loaded);
}

/* In the thread: the first page, so a window has something to show, then
 * every row. */
static void
run_request (gpointer data,
             gpointer user_data)
{
  Request *request = data;
  sqlite3 *db = request->loader->reader;
  Loaded loaded;

  sqlite3_progress_handler (db, 1000, stop_if_stale, request);
  if (request->first_page && !stale (request->loader, request->generation))
    {
      if (!load_first_page (request, &loaded))
        goto out;
      if (loaded.rows->len < FIRST_PAGE)
        {
          post (request, &loaded, TRUE);
          goto out;
        }
      post (request, &loaded, FALSE);
    }
  if (!stale (request->loader, request->generation) && load_rows (request->query, request->query->sql, db, -1, &loaded))
    post (request, &loaded, TRUE);
out:
  sqlite3_progress_handler (db, 0, NULL, NULL);
  request_free (request);
}

static gboolean
start_loader (SecQueryModel *self)
{
  sqlite3 *reader;

  if (self->pool != NULL)
    return TRUE;
  if ((reader = sec_store_open_reader (self->store)) == NULL)
    return FALSE;
  self->loader = g_atomic_rc_box_new0 (Loader);
  self->loader->model = self;
  self->loader->context = g_main_context_ref_thread_default ();
  self->loader->reader = reader;
  self->pool = g_thread_pool_new_full (run_request, NULL, (GDestroyNotify) request_free, 1, FALSE, NULL);
  return TRUE;
}

static void
stop_loader (SecQueryModel *self)
{
  if (self->pool == NULL)
    return;
  self->loader->model = NULL;
  g_atomic_int_inc (&self->loader->generation);
  /* The queued requests are stale now: each ends at once. */
  g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_clear_pointer (&self->loader, loader_unref);
}

/* Reads the rows again: here while they are few; by the thread once they
 * have been many, first page first when @reordered (the old rows are no
 * guide to the new). */
static void
load (SecQueryModel *self,
      gboolean       reordered)
{
  g_autoptr(Query) query = rows_query_new (self);
  Request *request;
  Loaded loaded;

  self->distinct = -1;
  if (self->loader != NULL)
    g_atomic_int_inc (&self->loader->generation);
  if (self->pool == NULL)
    {
      sqlite3 *db = sec_store_get_db (self->store);
      int limit = self->sync_limit < G_MAXINT ? (int) self->sync_limit + 1 : -1;

      load_rows (query, query->sql, db, limit, &loaded);
      if (limit >= 0 && loaded.rows->len == (guint) limit && !start_loader (self))
        {
          /* A store in memory has no second connection: read it all here. */
          g_array_unref (loaded.rows);
          load_rows (query, query->sql, db, limit = -1, &loaded);
        }
      if (limit < 0 || loaded.rows->len < (guint) limit)
        {
          apply_rows (self, &loaded, TRUE);
          return;
        }
      /* The rows read so far are the first of the answer: show them. From
       * now on the thread reads, whatever the size of the answer, since a
       * search in a large table is slow even when it finds little. */
      apply_rows (self, &loaded, FALSE);
      reordered = FALSE;
    }

  request = g_new0 (Request, 1);
  request->loader = loader_ref (self->loader);
  request->generation = g_atomic_int_get (&self->loader->generation);
  request->query = g_steal_pointer (&query);
  request->first_page = reordered;
  set_loading (self, TRUE);
  g_thread_pool_push (self->pool, request, NULL);
}

static gboolean
shows_entity (SecQueryModel   *self,
              const SecEntity *entity)
{
  return entity == self->entity || entity->parent == self->entity;
}

/* Callbacks */

/* Computed values (a member's status) depend on the date and the grace
 * period: when those change every row may read differently. */
static void
on_store_notify (SecStore      *store,
                 GParamSpec    *pspec,
                 SecQueryModel *self)
{
  guint n = self->rows->len;

  g_hash_table_remove_all (self->cache);
  load (self, FALSE);
  if (n > 0 && self->rows->len == n && self->entity->computed != NULL)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
}

static void
on_store_changed (SecStore        *store,
                  const SecEntity *entity,
                  const char      *id,
                  SecQueryModel   *self)
{
  if (shows_entity (self, entity))
    sec_query_model_refresh (self);
}

/* GListModel */

static GType
sec_query_model_get_item_type (GListModel *model)
{
  return SEC_TYPE_RECORD;
}

static guint
sec_query_model_get_n_items (GListModel *model)
{
  return SEC_QUERY_MODEL (model)->rows->len;
}

static gpointer
sec_query_model_get_item (GListModel *model,
                          guint       position)
{
  SecQueryModel *self = SEC_QUERY_MODEL (model);
  SecRecord *record;
  gint64 rowid;

  if (position >= self->rows->len)
    return NULL;
  rowid = g_array_index (self->rows, Row, position).rowid;
  record = g_hash_table_lookup (self->cache, &rowid);
  if (record == NULL)
    {
      record = sec_store_load_rowid (self->store, self->entity, rowid);
      if (record == NULL)
        return NULL;
      if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
        g_hash_table_remove_all (self->cache);
      g_hash_table_insert (self->cache, g_memdup2 (&rowid, sizeof rowid), record);
    }
  return g_object_ref (record);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sec_query_model_get_item_type;
  iface->get_n_items = sec_query_model_get_n_items;
  iface->get_item = sec_query_model_get_item;
}

/* GObject */

static void
sec_query_model_dispose (GObject *object)
{
  SecQueryModel *self = SEC_QUERY_MODEL (object);

  stop_loader (self);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->notify_id, self->store);

  G_OBJECT_CLASS (sec_query_model_parent_class)->dispose (object);
}

static void
sec_query_model_finalize (GObject *object)
{
  SecQueryModel *self = SEC_QUERY_MODEL (object);

  g_clear_object (&self->store);
  g_array_unref (self->rows);
  g_hash_table_unref (self->cache);
  g_hash_table_unref (self->filters);
  g_free (self->search);
  g_free (self->sort_field);
  g_free (self->distinct_field);

  G_OBJECT_CLASS (sec_query_model_parent_class)->finalize (object);
}

static void
sec_query_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SecQueryModel *self = SEC_QUERY_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sec_query_model_class_init (SecQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sec_query_model_dispose;
  object_class->finalize = sec_query_model_finalize;
  object_class->get_property = sec_query_model_get_property;

  /* TRUE while a thread reads the rest of a large result. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sec_query_model_init (SecQueryModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->distinct = -1;
  self->sync_limit = SYNC_LIMIT;
}

/* Public API */

SecQueryModel *
sec_query_model_new (SecStore        *store,
                     const SecEntity *entity)
{
  SecQueryModel *self;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  self = g_object_new (SEC_TYPE_QUERY_MODEL, NULL);
  self->store = g_object_ref (store);
  self->entity = entity;
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  self->notify_id = g_signal_connect (store, "notify", G_CALLBACK (on_store_notify), self);
  load (self, TRUE);
  return self;
}

SecStore *
sec_query_model_get_store (SecQueryModel *self)
{
  g_return_val_if_fail (SEC_IS_QUERY_MODEL (self), NULL);
  return self->store;
}

void
sec_query_model_set_search (SecQueryModel *self,
                            const char    *text)
{
  g_return_if_fail (SEC_IS_QUERY_MODEL (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (text);
  load (self, TRUE);
}

const char *
sec_query_model_get_search (SecQueryModel *self)
{
  g_return_val_if_fail (SEC_IS_QUERY_MODEL (self), NULL);
  return self->search;
}

/* Keeps records whose @field (or computed value) is @value; a %NULL
 * @value removes the filter. */
void
sec_query_model_set_filter (SecQueryModel *self,
                            const char    *field,
                            const char    *value)
{
  g_return_if_fail (SEC_IS_QUERY_MODEL (self));
  g_return_if_fail (column_sql (self, field) != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->filters, field), value) == 0)
    return;
  if (value == NULL)
    g_hash_table_remove (self->filters, field);
  else
    g_hash_table_insert (self->filters, g_strdup (field), g_strdup (value));
  load (self, TRUE);
}

void
sec_query_model_set_sort (SecQueryModel *self,
                          const char    *field,
                          gboolean       descending)
{
  g_return_if_fail (SEC_IS_QUERY_MODEL (self));
  g_return_if_fail (field == NULL || column_sql (self, field) != NULL);

  if (g_strcmp0 (self->sort_field, field) == 0 && self->sort_descending == descending)
    return;
  g_free (self->sort_field);
  self->sort_field = g_strdup (field);
  self->sort_descending = descending;
  load (self, TRUE);
}

/* TRUE while the rest of a large result is being read: the number of
 * items is not yet the answer's. */
gboolean
sec_query_model_is_loading (SecQueryModel *self)
{
  g_return_val_if_fail (SEC_IS_QUERY_MODEL (self), FALSE);
  return self->loading;
}

/* Results with more than @limit rows are read by the model's thread;
 * G_MAXUINT reads every result on the spot. */
void
sec_query_model_set_sync_limit (SecQueryModel *self,
                                guint          limit)
{
  g_return_if_fail (SEC_IS_QUERY_MODEL (self));
  self->sync_limit = MIN (limit, (guint) G_MAXINT);
}

/* How many different values of @field the matching records have: the
 * "in 21 countries" of a summary. Once asked, it is counted while the rows
 * load, so a summary costs nothing more. -1 while a large answer loads:
 * ask again when "loading" turns FALSE. */
gint64
sec_query_model_count_distinct (SecQueryModel *self,
                                const char    *field)
{
  g_autofree char *head = NULL;
  g_autoptr(Query) query = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_QUERY_MODEL (self), 0);
  g_return_val_if_fail (column_sql (self, field) != NULL, 0);

  if (self->distinct >= 0 && g_strcmp0 (self->distinct_field, field) == 0)
    return self->distinct;

  if (g_strcmp0 (self->distinct_field, field) != 0)
    {
      g_free (self->distinct_field);
      self->distinct_field = g_strdup (field);
      /* Counting here would hold the window a second at a million rows:
       * the thread counts as it reads the rows again. */
      if (self->pool != NULL)
        load (self, FALSE);
    }
  if (self->loading)
    return -1;
  head = g_strdup_printf ("SELECT count(DISTINCT %s)", column_sql (self, field));
  query = query_new (self, head, "");
  if ((stmt = query_prepare (query, query->sql, sec_store_get_db (self->store))) == NULL)
    return 0;
  self->distinct = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return self->distinct;
}

/* The position of the record @id, or -1. */
int
sec_query_model_find (SecQueryModel *self,
                      const char    *id)
{
  g_autoptr(SecRecord) record = NULL;

  g_return_val_if_fail (SEC_IS_QUERY_MODEL (self), -1);

  record = sec_store_load (self->store, self->entity, id, NULL);
  if (record == NULL)
    return -1;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, Row, i).rowid == sec_record_get_rowid (record))
      return (int) i;
  return -1;
}

/* Reads the rows again, keeping the ones that did not change. */
void
sec_query_model_refresh (SecQueryModel *self)
{
  g_return_if_fail (SEC_IS_QUERY_MODEL (self));
  load (self, FALSE);
}
