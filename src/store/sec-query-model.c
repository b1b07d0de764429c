/* sec-query-model.c: a lazy GListModel over one SQL query
 *
 * The model holds the ordered rowids of the matching records and a
 * fingerprint of each (a hash of its update stamp), nothing more;
 * a SecRecord is read when a view asks for that position and kept in a
 * small cache. Filtering, searching and sorting are SQL. When the store
 * changes, the query runs again and the model emits one items-changed for
 * the span between the unchanged head and tail.
 */

#include <sqlite3.h>
#include <string.h>

#include "sec-field.h"
#include "sec-query-model.h"
#include "sec-store-private.h"

#define CACHE_LIMIT 512

typedef struct {
  gint64  rowid;
  guint32 fingerprint;
} Row;

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
};

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

/* Splits the search into folded words; trigram MATCH needs three
 * characters, so shorter words are looked for with instr(). */
static void
split_search (const char  *search,
              GPtrArray  **long_words,
              GPtrArray  **short_words)
{
  g_autofree char *folded = sec_text_fold (search);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n", -1);

  *long_words = g_ptr_array_new_with_free_func (g_free);
  *short_words = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
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
 * bind_where() binds them: the computed values in the select list also
 * take parameters (:today, :grace), so positions cannot be relied on. */
static void
append_where (SecQueryModel *self,
              GString       *sql,
              GPtrArray     *long_words,
              GPtrArray     *short_words)
{
  GHashTableIter iter;
  gpointer field;
  guint n = 0;

  /* With a search, look up the few matching rows by rowid and sort them,
   * rather than walk the whole name index ("+" keeps SQLite off it). */
  g_string_append_printf (sql, " FROM %s WHERE %sdeleted = 0", self->entity->name,
                          long_words->len + short_words->len > 0 ? "+" : "");
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

  if (long_words->len + short_words->len == 0)
    return;
  g_string_append_printf (sql, " AND rowid IN (SELECT rowid FROM %s_search WHERE ", self->entity->name);
  if (long_words->len > 0)
    g_string_append_printf (sql, "%s_search MATCH :w%u", self->entity->name, ++n);
  for (guint i = 0; i < short_words->len; i++)
    g_string_append_printf (sql, "%sinstr(text, :w%u) > 0", (i > 0 || long_words->len > 0) ? " AND " : "", ++n);
  g_string_append (sql, ")");
}

static void
bind_named (sqlite3_stmt *stmt,
            guint         n,
            const char   *value)
{
  char name[16];

  g_snprintf (name, sizeof name, ":w%u", n);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value, -1, SQLITE_TRANSIENT);
}

static void
bind_where (SecQueryModel *self,
            sqlite3_stmt  *stmt,
            GPtrArray     *long_words,
            GPtrArray     *short_words)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;
  int today = sqlite3_bind_parameter_index (stmt, ":today");
  int grace = sqlite3_bind_parameter_index (stmt, ":grace");

  g_hash_table_iter_init (&iter, self->filters);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    bind_named (stmt, ++n, value);
  if (long_words->len > 0)
    {
      g_autofree char *match = NULL;

      g_ptr_array_add (long_words, NULL);
      match = g_strjoinv (" ", (char **) long_words->pdata);
      g_ptr_array_remove_index (long_words, long_words->len - 1);
      bind_named (stmt, ++n, match);
    }
  for (guint i = 0; i < short_words->len; i++)
    bind_named (stmt, ++n, g_ptr_array_index (short_words, i));
  if (today > 0)
    sqlite3_bind_text (stmt, today, sec_store_get_today (self->store), -1, SQLITE_TRANSIENT);
  if (grace > 0)
    sqlite3_bind_int (stmt, grace, (int) sec_store_get_grace_days (self->store));
}

/* Runs a statement made of @head, the WHERE clause and @tail. */
static sqlite3_stmt *
prepare_query (SecQueryModel *self,
               const char    *head,
               const char    *tail)
{
  g_autoptr(GString) sql = g_string_new (head);
  g_autoptr(GPtrArray) long_words = NULL;
  g_autoptr(GPtrArray) short_words = NULL;
  sqlite3_stmt *stmt = NULL;

  split_search (self->search, &long_words, &short_words);
  append_where (self, sql, long_words, short_words);
  g_string_append (sql, tail);
  if (sqlite3_prepare_v2 (sec_store_get_db (self->store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Query failed: %s", sqlite3_errmsg (sec_store_get_db (self->store)));
      return NULL;
    }
  bind_where (self, stmt, long_words, short_words);
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
  /* A required field has no empty values to put last, and its index can
   * give the order. */
  if (field != NULL && field->required)
    return g_strdup_printf (" ORDER BY %s%s, %s COLLATE NOCASE%s, rowid%s", column, dir, title, dir, dir);
  /* Empty values go last whichever way the column is sorted. */
  return g_strdup_printf (" ORDER BY (%s) IS NULL, %s%s, %s COLLATE NOCASE, rowid", column, column, dir, title);
}

static GArray *
query_rows (SecQueryModel *self)
{
  g_autofree char *tail = order_by (self);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  sqlite3_stmt *stmt;

  if ((stmt = prepare_query (self, "SELECT rowid, updated_at", tail)) == NULL)
    return rows;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row row = { sqlite3_column_int64 (stmt, 0),
                  g_str_hash ((const char *) sqlite3_column_text (stmt, 1)) };
      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  return rows;
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
  update_rows (self, query_rows (self));
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
sec_query_model_finalize (GObject *object)
{
  SecQueryModel *self = SEC_QUERY_MODEL (object);

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->notify_id, self->store);
  g_clear_object (&self->store);
  g_array_unref (self->rows);
  g_hash_table_unref (self->cache);
  g_hash_table_unref (self->filters);
  g_free (self->search);
  g_free (self->sort_field);

  G_OBJECT_CLASS (sec_query_model_parent_class)->finalize (object);
}

static void
sec_query_model_class_init (SecQueryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sec_query_model_finalize;
}

static void
sec_query_model_init (SecQueryModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  sec_query_model_refresh (self);
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
  sec_query_model_refresh (self);
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
  sec_query_model_refresh (self);
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
  sec_query_model_refresh (self);
}

/* How many different values of @field the matching records have: the
 * "in 21 countries" of a summary. */
gint64
sec_query_model_count_distinct (SecQueryModel *self,
                                const char    *field)
{
  g_autofree char *head = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (SEC_IS_QUERY_MODEL (self), 0);
  g_return_val_if_fail (column_sql (self, field) != NULL, 0);

  head = g_strdup_printf ("SELECT count(DISTINCT %s)", column_sql (self, field));
  if ((stmt = prepare_query (self, head, "")) == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
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

void
sec_query_model_refresh (SecQueryModel *self)
{
  g_return_if_fail (SEC_IS_QUERY_MODEL (self));
  update_rows (self, query_rows (self));
}
