/* sec-store.c: records in SQLite
 *
 * One connection in WAL mode with foreign keys. Schema changes are numbered
 * SQL files in the resource bundle, applied in a transaction each and
 * counted by PRAGMA user_version; an existing file is copied aside with the
 * backup API before its first migration. Statements are prepared once and
 * cached; values are always bound, never pasted into SQL. Every write marks
 * its record dirty for sync and announces itself through ::changed, after
 * the transaction that holds it commits.
 */

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sec-field.h"
#include "sec-member-status.h"
#include "sec-store-private.h"
#include "sec-store-resources.h"

#define MIGRATIONS_PATH "/org/asec/Secretariat/migrations"
#define MANY_IDS ((char *) 1)   /* pending change touching several records */
#define BUSY_TIMEOUT_MS 5000    /* how long a write waits for another program to let go */

struct _SecStore
{
  GObject     parent_instance;
  sqlite3    *db;
  char       *path;
  char       *backup_path;
  char       *today;
  guint       grace_days;
  char        status_today[16];  /* the day and grace the status column is for */
  guint       status_grace;
  guint       midnight_id;
  guint       schema_version;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  GHashTable *write_sql;    /* entity | with sync → its upsert's SQL */
  GHashTable *pending;      /* SecEntity → id or MANY_IDS, inside a transaction */
  GHashTable *stale_search; /* root ids whose search row waits for the commit */
  gboolean    in_transaction;
  SecStoreBusyFunc busy_func;
  gpointer    busy_data;
  gint64      busy_since;
};

G_DEFINE_FINAL_TYPE (SecStore, sec_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (sec-store-error-quark, sec_store_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_GRACE_DAYS, PROP_TODAY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void schedule_midnight (SecStore *self);

/* Helpers */

char *
sec_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gboolean
sec_store_exec (SecStore    *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      sqlite3_free (message);
      return sec_store_set_sql_error (self, error);
    }
  return TRUE;
}

void
sec_store_bind_text (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

void
sec_store_bind_value (sqlite3_stmt   *stmt,
            int             column,
            const SecField *field,
            const char     *value)
{
  if (value != NULL && field->integer)
    sqlite3_bind_int64 (stmt, column, g_ascii_strtoll (value, NULL, 10));
  else
    sec_store_bind_text (stmt, column, value);
}

gboolean
sec_store_step_done (SecStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return sec_store_set_sql_error (self, error);
  return TRUE;
}

/* sec_fold(text): @text as the search folds it. */
static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  sqlite3_result_text (context, sec_text_fold ((const char *) sqlite3_value_text (argv[0])), -1, g_free);
}

/* sec_member_status_now(override, approved_on, dues_amount, paid_until):
 * a member's status for the day and grace the status column is computed
 * for, to compute the column again. */
static void
sql_member_status_now (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  SecStore *self = sqlite3_user_data (context);
  const char *status = sec_member_status_compute ((const char *) sqlite3_value_text (argv[0]),
                                                  (const char *) sqlite3_value_text (argv[1]),
                                                  (const char *) sqlite3_value_text (argv[2]),
                                                  (const char *) sqlite3_value_text (argv[3]),
                                                  self->status_today, self->status_grace);
  sqlite3_result_text (context, status, -1, SQLITE_STATIC);
}

/* "SELECT rowid, id, updated_at, field… FROM entity WHERE deleted = 0 AND "
 * (or, for sync, with the deleted ones too, "WHERE "). */
char *
sec_store_select_sql (const SecEntity *entity,
                      gboolean         with_deleted)
{
  GString *sql = g_string_new ("SELECT rowid, id, updated_at");

  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (sql, ", %s", entity->fields[i].name);
  g_string_append_printf (sql, " FROM %s WHERE %s", entity->name, with_deleted ? "" : "deleted = 0 AND ");
  return g_string_free (sql, FALSE);
}

static char *
select_list (const SecEntity *entity)
{
  return sec_store_select_sql (entity, FALSE);
}

/* A record from a row of sec_store_select_sql(); the columns after the
 * fields are the caller's. */
SecRecord *
sec_store_record_from_row (const SecEntity *entity,
                           sqlite3_stmt    *stmt)
{
  SecRecord *record = sec_record_new (entity);

  sec_record_set_rowid (record, sqlite3_column_int64 (stmt, 0));
  sec_record_set_id (record, (const char *) sqlite3_column_text (stmt, 1));
  sec_record_set_updated_at (record, (const char *) sqlite3_column_text (stmt, 2));
  for (guint i = 0; i < entity->n_fields; i++)
    sec_record_set_nth (record, i, (const char *) sqlite3_column_text (stmt, (int) i + 3));
  return record;
}

static gboolean
has_search (const SecEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].searchable)
      return TRUE;
  return FALSE;
}

/* Appends to @sql the searchable fields of the row @alias of @entity, a
 * line each. */
static void
append_search_lines (GString         *sql,
                     const SecEntity *entity,
                     const char      *alias)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].searchable)
      g_string_append_printf (sql, " || coalesce (%s.%s || char (10), '')", alias, entity->fields[i].name);
}

/* The search text of a root row "r", as SQL: its searchable fields, then
 * its live children's (a member's contact names), folded. */
static char *
search_text_sql (const SecEntity *root)
{
  GString *sql = g_string_new ("sec_fold (''");

  append_search_lines (sql, root, "r");
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    if ((*e)->parent == root && has_search (*e))
      {
        g_string_append (sql, " || coalesce ((SELECT group_concat (line, '') FROM (SELECT ''");
        append_search_lines (sql, *e, "c");
        g_string_append_printf (sql, " AS line FROM %s AS c WHERE c.deleted = 0 AND c.%s = r.id ORDER BY c.rowid)), '')",
                                (*e)->name, (*e)->parent_field);
      }
  g_string_append (sql, ")");
  return g_string_free (sql, FALSE);
}

static gboolean
mark_search_stale (SecStore    *self,
                   const char  *id,
                   GError     **error)
{
  sqlite3_stmt *stmt = sec_store_prepare (self, "INSERT OR IGNORE INTO temp.search_stale (id) VALUES (?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return sec_store_step_done (self, stmt, error);
}

/* Rewrites the search rows of the records of @root listed in
 * temp.search_stale, all in two statements: a federation's import writes
 * a million of them. A deleted record's row goes. (CROSS JOIN makes SQLite
 * walk the few listed ids, never the whole table.) */
static gboolean
rewrite_stale_search (SecStore         *self,
                      const SecEntity  *root,
                      GError          **error)
{
  g_autofree char *text = search_text_sql (root);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s_search WHERE rowid IN "
                                                 "(SELECT r.rowid FROM temp.search_stale AS s CROSS JOIN %s AS r ON r.id = s.id)",
                                                 root->name, root->name);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO %s_search (rowid, text) SELECT r.rowid, %s "
                                                 "FROM temp.search_stale AS s CROSS JOIN %s AS r ON r.id = s.id WHERE r.deleted = 0",
                                                 root->name, text, root->name);
  sqlite3_stmt *stmt;

  if ((stmt = sec_store_prepare (self, delete_sql, error)) == NULL || !sec_store_step_done (self, stmt, error) ||
      (stmt = sec_store_prepare (self, insert_sql, error)) == NULL || !sec_store_step_done (self, stmt, error))
    return FALSE;
  return sec_store_exec (self, "DELETE FROM temp.search_stale", error);
}

/* Rewrites the search row of a root record from its own searchable fields
 * and those of its children. */
static gboolean
update_search (SecStore        *self,
               const SecEntity *root,
               const char      *id,
               GError         **error)
{
  return mark_search_stale (self, id, error) && rewrite_stale_search (self, root, error);
}

gboolean
sec_store_update_search_of (SecStore   *self,
                            SecRecord  *record,
                            GError    **error)
{
  const SecEntity *entity = sec_record_get_entity (record);
  const SecEntity *root = entity->parent ? entity->parent : entity;
  const char *id = entity->parent ? sec_record_get (record, entity->parent_field) : sec_record_get_id (record);

  if (!has_search (entity))
    return TRUE;
  if (self->in_transaction)
    {
      g_hash_table_insert (self->stale_search, g_strdup (id), (gpointer) root);
      return TRUE;
    }
  return update_search (self, root, id, error);
}

static gboolean
flush_search (SecStore  *self,
              GError   **error)
{
  GHashTableIter iter;
  gpointer id, root;

  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      gboolean any = FALSE;

      g_hash_table_iter_init (&iter, self->stale_search);
      while (g_hash_table_iter_next (&iter, &id, &root))
        if (root == *e)
          {
            if (!mark_search_stale (self, id, error))
              return FALSE;
            any = TRUE;
          }
      if (any && !rewrite_stale_search (self, *e, error))
        return FALSE;
    }
  g_hash_table_remove_all (self->stale_search);
  return TRUE;
}

/* Fills the search rows of records written before search existed. */
static gboolean
index_missing (SecStore  *self,
               GError   **error)
{
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = NULL;
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;

      if ((*e)->parent != NULL || !has_search (*e))
        continue;
      sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0 AND rowid NOT IN (SELECT rowid FROM %s_search)",
                             (*e)->name, (*e)->name);
      if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      for (guint i = 0; i < ids->len; i++)
        if (!mark_search_stale (self, g_ptr_array_index (ids, i), error))
          return FALSE;
      if (ids->len > 0 && !rewrite_stale_search (self, *e, error))
        return FALSE;
    }
  return TRUE;
}

void
sec_store_queue_change (SecStore        *self,
                        const SecEntity *entity,
                        const char      *id)
{
  char *queued;

  if (!self->in_transaction)
    {
      sec_store_emit_changed (self, entity, id);
      return;
    }
  if (!g_hash_table_lookup_extended (self->pending, entity, NULL, (gpointer *) &queued))
    g_hash_table_insert (self->pending, (gpointer) entity, g_strdup (id));
  else if (queued != MANY_IDS && g_strcmp0 (queued, id) != 0)
    g_hash_table_insert (self->pending, (gpointer) entity, MANY_IDS);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
free_pending_id (gpointer data)
{
  if (data != MANY_IDS)
    g_free (data);
}

/* Migrations */

static gboolean create_private_file (const char  *path,
                                     gboolean    *existed,
                                     GError     **error);

/* Copies the database @source is open on to @dest_path through SQLite's
 * backup API: into a file only its owner may read, under a temporary name
 * until the copy is whole, so that no half copy ever looks like one. */
gboolean
sec_store_copy_database (sqlite3     *source,
                         const char  *dest_path,
                         GError     **error)
{
  g_autofree char *part = g_strconcat (dest_path, ".part", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean existed;
  int rc;

  g_unlink (part);
  if (!create_private_file (part, &existed, error))
    return FALSE;
  if (sqlite3_open (part, &dest) != SQLITE_OK)
    rc = sqlite3_errcode (dest);
  else if ((backup = sqlite3_backup_init (dest, "main", source, "main")) == NULL)
    rc = sqlite3_errcode (dest);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
    }
  sqlite3_close (dest);
  if (rc != SQLITE_DONE || g_rename (part, dest_path) != 0)
    {
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_SQL,
                   _("Cannot write the copy %s: %s"), dest_path, rc != SQLITE_DONE ? sqlite3_errstr (rc) : g_strerror (errno));
      g_unlink (part);
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_migration (SecStore    *self,
                 const char  *name,
                 guint        number,
                 GError     **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", MIGRATIONS_PATH, name);
  g_autofree char *version_sql = g_strdup_printf ("PRAGMA user_version = %u", number);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (sec_store_resources_get_resource (), path, 0, error);

  if (bytes == NULL || !sec_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!sec_store_exec (self, g_bytes_get_data (bytes, NULL), error) ||
      !sec_store_exec (self, version_sql, error) ||
      !sec_store_exec (self, "COMMIT", error))
    {
      sec_store_exec (self, "ROLLBACK", NULL);
      g_prefix_error (error, _("Cannot apply migration %s: "), name);
      return FALSE;
    }
  self->schema_version = number;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* The migrations in the order they apply: "001-initial.sql", … */
static GStrv
migration_names (GError **error)
{
  GStrv names = g_resource_enumerate_children (sec_store_resources_get_resource (), MIGRATIONS_PATH, 0, error);

  if (names != NULL)
    qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return names;
}

static gboolean
migrate (SecStore    *self,
         gboolean     existing_file,
         GError     **error)
{
  g_auto(GStrv) names = migration_names (error);
  sqlite3_stmt *stmt;
  guint n_names, latest = sec_store_latest_schema_version ();
  gboolean migrated = FALSE;

  if (names == NULL)
    return FALSE;
  n_names = g_strv_length (names);

  if ((stmt = sec_store_prepare (self, "PRAGMA user_version", error)) == NULL)
    return FALSE;
  self->schema_version = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (self->schema_version > latest)
    {
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_MIGRATE,
                   _("%s was written by a newer version of Secretariat (schema %u, this version knows %u)"),
                   self->path, self->schema_version, latest);
      return FALSE;
    }

  for (guint i = 0; i < n_names; i++)
    {
      guint number = (guint) g_ascii_strtoull (names[i], NULL, 10);

      if (number <= self->schema_version)
        continue;
      if (existing_file && !migrated)
        {
          self->backup_path = g_strdup_printf ("%s.schema-%u.bak", self->path, self->schema_version);
          if (!sec_store_copy_database (self->db, self->backup_path, error))
            return FALSE;
        }
      if (!apply_migration (self, names[i], number, error))
        return FALSE;
      migrated = TRUE;
    }
  return !migrated || index_missing (self, error);
}

/* Creates a new database file readable by its owner only, before SQLite
 * opens it, so that no other user can ever read it. */
static gboolean
create_private_file (const char  *path,
                     gboolean    *existed,
                     GError     **error)
{
  int fd;
  GStatBuf st;

  *existed = g_stat (path, &st) == 0 && st.st_size > 0;
  if (*existed || g_strcmp0 (path, ":memory:") == 0)
    return TRUE;
  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_OPEN,
                   _("Cannot create %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Computes the member table's status column again when the day or the
 * grace period is not the one it was computed for. Rows whose status does
 * not change are not written. */
static gboolean
refresh_statuses (SecStore  *self,
                  GError   **error)
{
  const char *today = sec_store_get_today (self);
  sqlite3_stmt *stmt;

  if (g_str_equal (self->status_today, today) && self->status_grace == self->grace_days)
    return TRUE;
  if ((stmt = sec_store_prepare (self, "SELECT today, grace_days FROM member_status_as_of", error)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_strlcpy (self->status_today, (const char *) sqlite3_column_text (stmt, 0), sizeof self->status_today);
      self->status_grace = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (g_str_equal (self->status_today, today) && self->status_grace == self->grace_days)
    return TRUE;

  g_strlcpy (self->status_today, today, sizeof self->status_today);
  self->status_grace = self->grace_days;
  if (!sec_store_exec (self, "SAVEPOINT statuses", error))
    return FALSE;
  if (!sec_store_exec (self, "UPDATE member SET status = sec_member_status_now (status_override, approved_on, dues_amount, dues_paid_until) "
                       "WHERE status IS NOT sec_member_status_now (status_override, approved_on, dues_amount, dues_paid_until); "
                       "DELETE FROM member_status_as_of", error) ||
      (stmt = sec_store_prepare (self, "INSERT INTO member_status_as_of (today, grace_days) VALUES (?, ?)", error)) == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) self->grace_days);
  if (!sec_store_step_done (self, stmt, error))
    goto fail;
  return sec_store_exec (self, "RELEASE statuses", error);

fail:
  *self->status_today = '\0';
  sec_store_exec (self, "ROLLBACK TO statuses; RELEASE statuses", NULL);
  return FALSE;
}

/* A second, read-only connection to the store's file for a thread of its
 * own: in WAL mode it reads while the main connection writes. %NULL for a
 * store in memory, which no other connection can see. */
sqlite3 *
sec_store_open_reader (SecStore *self)
{
  sqlite3 *db = NULL;

  if (g_strcmp0 (self->path, ":memory:") == 0)
    return NULL;
  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot open a reader on %s: %s", self->path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* It walks indexes in order: a small cache does, and the memory of a
   * million-member registry open stays under its 150 MB. */
  sqlite3_exec (db, "PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  return db;
}

/* Waits for another program's lock as sqlite3_busy_timeout does, but
 * tells the busy function as a statement starts to wait. */
static int
on_busy (void *data,
         int   attempt)
{
  SecStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (attempt == 0)
    {
      self->busy_since = now;
      self->busy_func (self, self->busy_data);
    }
  if (now - self->busy_since >= BUSY_TIMEOUT_MS * G_GINT64_CONSTANT (1000))
    return 0;
  g_usleep (10000);
  return 1;
}

static void
set_busy_wait (SecStore *self)
{
  if (self->busy_func != NULL)
    sqlite3_busy_handler (self->db, on_busy, self);
  else
    sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
}

static gboolean
open_db (SecStore    *self,
         GError     **error)
{
  gboolean existed;

  if (!create_private_file (self->path, &existed, error))
    return FALSE;
  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_OPEN,
                   _("Cannot open %s: %s"), self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
  set_busy_wait (self);
  sqlite3_create_function (self->db, "sec_member_status_now", 4, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                           self, sql_member_status_now, NULL, NULL);
  sqlite3_create_function (self->db, "sec_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_fold, NULL, NULL);
  /* A federation's registry is a few hundred megabytes: a 64 MB page cache
   * keeps an import's transaction in memory instead of spilling it page by
   * page, and temporary sorts stay in memory too. */
  /* search_stale: the records whose search rows are written again, together. */
  if (!sec_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
                       "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; "
                       "CREATE TEMP TABLE search_stale (id TEXT PRIMARY KEY)", error))
    {
      g_prefix_error (error, _("%s is not a Secretariat database: "), self->path);
      return FALSE;
    }
  return migrate (self, existed, error) && sec_store_count_writes (self, error) && refresh_statuses (self, error);
}

/* GObject */

static void
sec_store_finalize (GObject *object)
{
  SecStore *self = SEC_STORE (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_hash_table_unref (self->statements);
  g_hash_table_unref (self->write_sql);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->stale_search);
  sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->backup_path);
  g_free (self->today);

  G_OBJECT_CLASS (sec_store_parent_class)->finalize (object);
}

static void
sec_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SecStore *self = SEC_STORE (object);

  switch (prop_id)
    {
    case PROP_GRACE_DAYS:
      g_value_set_uint (value, self->grace_days);
      break;
    case PROP_TODAY:
      g_value_set_string (value, sec_store_get_today (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sec_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SecStore *self = SEC_STORE (object);

  switch (prop_id)
    {
    case PROP_GRACE_DAYS:
      sec_store_set_grace_days (self, g_value_get_uint (value));
      break;
    case PROP_TODAY:
      sec_store_set_today (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sec_store_class_init (SecStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sec_store_finalize;
  object_class->get_property = sec_store_get_property;
  object_class->set_property = sec_store_set_property;

  properties[PROP_GRACE_DAYS] =
    g_param_spec_uint ("grace-days", NULL, NULL, 0, 3650, SEC_DEFAULT_GRACE_DAYS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SecStore::changed:
   * @entity: the SecEntity whose records changed
   * @id: (nullable): the record, or %NULL when several changed
   *
   * Emitted after a write commits; the detail is the entity's name.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static void
sec_store_init (SecStore *self)
{
  self->grace_days = SEC_DEFAULT_GRACE_DAYS;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->write_sql = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, free_pending_id);
  self->stale_search = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Private API */

gboolean
sec_store_in_transaction (SecStore *self)
{
  return self->in_transaction;
}

sqlite3 *
sec_store_get_db (SecStore *self)
{
  return self->db;
}

gboolean
sec_store_set_sql_error (SecStore  *self,
                         GError   **error)
{
  int code = sqlite3_errcode (self->db) & 0xff;

  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_BUSY,
                 _("%s is in use by another program, which held it for more than %u seconds; "
                   "try again once it is done"), self->path, BUSY_TIMEOUT_MS / 1000);
  else
    g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_SQL, "%s", sqlite3_errmsg (self->db));
  return FALSE;
}

/* Returns a cached statement, reset and unbound; do not finalize it. */
sqlite3_stmt *
sec_store_prepare (SecStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      sec_store_set_sql_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Public API */

SecStore *
sec_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(SecStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SEC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_db (self, error))
    return NULL;
  schedule_midnight (self);
  return g_steal_pointer (&self);
}

const char *
sec_store_get_path (SecStore *self)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);
  return self->path;
}

guint
sec_store_get_schema_version (SecStore *self)
{
  g_return_val_if_fail (SEC_IS_STORE (self), 0);
  return self->schema_version;
}

/* The schema version this build writes: the number of its last migration. */
guint
sec_store_latest_schema_version (void)
{
  g_auto(GStrv) names = migration_names (NULL);
  guint n = names ? g_strv_length (names) : 0;

  return n > 0 ? (guint) g_ascii_strtoull (names[n - 1], NULL, 10) : 0;
}

/* The copy made before migrating this file, or %NULL. */
const char *
sec_store_get_backup_path (SecStore *self)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);
  return self->backup_path;
}

/* Statuses depend on the day and the grace period: the status column is
 * computed again, then models showing computed values look again. */
static void
statuses_changed (SecStore   *self,
                  GParamSpec *pspec)
{
  g_autoptr(GError) error = NULL;

  if (!refresh_statuses (self, &error))
    g_warning ("Cannot compute the members' statuses: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static gboolean on_midnight (gpointer data);

/* Wakes up just after the next local midnight. */
static void
schedule_midnight (SecStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int seconds = 24 * 3600 - (g_date_time_get_hour (now) * 3600 + g_date_time_get_minute (now) * 60 +
                             g_date_time_get_second (now));

  self->midnight_id = g_timeout_add_seconds ((guint) seconds + 1, on_midnight, self);
}

/* A new day: statuses move on (a member whose dues ran out yesterday is in
 * grace today) unless the day is fixed. */
static gboolean
on_midnight (gpointer data)
{
  SecStore *self = data;

  schedule_midnight (self);
  if (g_object_get_data (G_OBJECT (self), "today-fixed") == NULL)
    statuses_changed (self, properties[PROP_TODAY]);
  return G_SOURCE_REMOVE;
}

/* "Today" as YYYY-MM-DD: the local date, unless fixed (for tests). */
const char *
sec_store_get_today (SecStore *self)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if (self->today == NULL || g_object_get_data (G_OBJECT (self), "today-fixed") == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_free (self->today);
      self->today = g_date_time_format (now, "%Y-%m-%d");
    }
  return self->today;
}

void
sec_store_set_today (SecStore   *self,
                     const char *today)
{
  g_return_if_fail (SEC_IS_STORE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  g_object_set_data (G_OBJECT (self), "today-fixed", GINT_TO_POINTER (today != NULL));
  statuses_changed (self, properties[PROP_TODAY]);
}

/* @func is called, in the thread that writes, each time a statement has
 * to wait for another program that holds the database; it still waits
 * BUSY_TIMEOUT_MS at most. %NULL waits without a word. */
void
sec_store_set_busy_func (SecStore         *self,
                         SecStoreBusyFunc  func,
                         gpointer          user_data)
{
  g_return_if_fail (SEC_IS_STORE (self));

  self->busy_func = func;
  self->busy_data = user_data;
  set_busy_wait (self);
}

guint
sec_store_get_grace_days (SecStore *self)
{
  g_return_val_if_fail (SEC_IS_STORE (self), SEC_DEFAULT_GRACE_DAYS);
  return self->grace_days;
}

void
sec_store_set_grace_days (SecStore *self,
                          guint     days)
{
  g_return_if_fail (SEC_IS_STORE (self));

  if (self->grace_days == days)
    return;
  self->grace_days = days;
  statuses_changed (self, properties[PROP_GRACE_DAYS]);
}

const char *
sec_store_member_status (SecStore  *self,
                         SecRecord *member)
{
  g_return_val_if_fail (SEC_IS_STORE (self), NULL);
  return sec_member_status_of (member, sec_store_get_today (self), self->grace_days);
}

/* A computed value of @record (a member's status, an item's timing) as
 * the lists compute it, with today's date and the grace period. */
char *
sec_store_computed (SecStore   *self,
                    SecRecord  *record,
                    const char *name)
{
  const SecEntity *entity = sec_record_get_entity (record);
  const SecComputed *computed = sec_entity_get_computed (entity, name);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *value = NULL;
  int today, grace;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);
  g_return_val_if_fail (computed != NULL, NULL);

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE rowid = :row", computed->sql, entity->name);
  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":row"), sec_record_get_rowid (record));
  if ((today = sqlite3_bind_parameter_index (stmt, ":today")) > 0)
    sqlite3_bind_text (stmt, today, sec_store_get_today (self), -1, SQLITE_TRANSIENT);
  if ((grace = sqlite3_bind_parameter_index (stmt, ":grace")) > 0)
    sqlite3_bind_int (stmt, grace, (int) self->grace_days);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

SecRecord *
sec_store_load (SecStore         *self,
                const SecEntity  *entity,
                const char       *id,
                GError          **error)
{
  g_autofree char *head = select_list (entity);
  g_autofree char *sql = g_strconcat (head, "id = ?", NULL);
  sqlite3_stmt *stmt;
  SecRecord *record = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = sec_store_record_from_row (entity, stmt);
  else
    g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND,
                 _("No %s with id %s"), entity->name, id);
  sqlite3_reset (stmt);
  return record;
}

SecRecord *
sec_store_load_rowid (SecStore        *self,
                      const SecEntity *entity,
                      gint64           rowid)
{
  g_autofree char *head = select_list (entity);
  g_autofree char *sql = g_strconcat (head, "rowid = ?", NULL);
  sqlite3_stmt *stmt;
  SecRecord *record = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);

  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = sec_store_record_from_row (entity, stmt);
  sqlite3_reset (stmt);
  return record;
}

/* The live children of a record, in the order they were created. */
GPtrArray *
sec_store_load_children (SecStore        *self,
                         const SecEntity *child,
                         const char      *parent_id)
{
  g_autofree char *head = select_list (child);
  g_autofree char *sql = g_strdup_printf ("%s%s = ? ORDER BY rowid", head, child->parent_field);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), records);

  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return records;
  sqlite3_bind_text (stmt, 1, parent_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, sec_store_record_from_row (child, stmt));
  sqlite3_reset (stmt);
  return records;
}

/* The id of a live record whose @field equals @value (ignoring ASCII case)
 * and, if @field2 is given, whose @field2 equals @value2. */
char *
sec_store_find_id (SecStore        *self,
                   const SecEntity *entity,
                   const char      *field,
                   const char      *value,
                   const char      *field2,
                   const char      *value2)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  char *id = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);
  g_return_val_if_fail (sec_entity_get_field (entity, field) != NULL, NULL);
  g_return_val_if_fail (field2 == NULL || sec_entity_get_field (entity, field2) != NULL, NULL);

  if (value == NULL || (field2 != NULL && value2 == NULL))
    return NULL;
  sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0 AND %s = ? COLLATE NOCASE%s%s%s LIMIT 1",
                         entity->name, field, field2 ? " AND " : "", field2 ? field2 : "",
                         field2 ? " = ? COLLATE NOCASE" : "");
  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (field2 != NULL)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return id;
}

/* Inserts or updates the row of @record. A local write (@sync %NULL)
 * makes it live and dirty and keeps its sync columns; sync sets them all.
 * An upsert keeps created_at. */
/* The parameter of a stored computed value in sec_store_write_record():
 * after the fields (from ?3) and the sync columns. */
static guint
stored_parameter (const SecEntity   *entity,
                  const SecComputed *computed)
{
  return entity->n_fields + 7 + (guint) (computed - entity->computed);
}

/* The upsert of a record of @entity, with the sync columns or not. */
static char *
write_sql (const SecEntity *entity,
           gboolean         with_sync)
{
  guint n = entity->n_fields;
  GString *sql = g_string_new (NULL);
  g_autofree char *values = g_strdup_printf (", ?%u, ?%u, ?%u, ?%u", n + 3, n + 4, n + 5, n + 6);
  g_autofree char *updates = g_strdup_printf (", deleted = ?%u, dirty = ?%u, rev = ?%u, base = ?%u", n + 3, n + 4, n + 5, n + 6);

  g_string_append_printf (sql, "INSERT INTO %s (id, created_at, updated_at", entity->name);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", %s", entity->fields[i].name);
  for (const SecComputed *c = entity->computed; c != NULL && c->name != NULL; c++)
    if (c->stored != NULL)
      g_string_append_printf (sql, ", %s", c->name);
  g_string_append_printf (sql, "%s) VALUES (?1, ?2, ?2", with_sync ? ", deleted, dirty, rev, base" : ", deleted, dirty");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", ?%u", i + 3);
  for (const SecComputed *c = entity->computed; c != NULL && c->name != NULL; c++)
    if (c->stored != NULL)
      g_string_append_printf (sql, ", ?%u", stored_parameter (entity, c));
  g_string_append_printf (sql, "%s) ON CONFLICT (id) DO UPDATE SET updated_at = ?2", with_sync ? values : ", 0, 1");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (sql, ", %s = ?%u", entity->fields[i].name, i + 3);
  for (const SecComputed *c = entity->computed; c != NULL && c->name != NULL; c++)
    if (c->stored != NULL)
      g_string_append_printf (sql, ", %s = ?%u", c->name, stored_parameter (entity, c));
  g_string_append_printf (sql, "%s RETURNING rowid", with_sync ? updates : ", deleted = 0, dirty = 1");
  return g_string_free (sql, FALSE);
}

gboolean
sec_store_write_record (SecStore             *self,
                        SecRecord            *record,
                        const char           *updated_at,
                        const SecSyncColumns *sync,
                        GError              **error)
{
  const SecEntity *entity = sec_record_get_entity (record);
  guint n = entity->n_fields;
  /* Built once an entity and mode: an import writes a million rows. */
  gpointer key = GSIZE_TO_POINTER (GPOINTER_TO_SIZE (entity) | (sync != NULL));
  const char *sql = g_hash_table_lookup (self->write_sql, key);
  sqlite3_stmt *stmt;

  if (sql == NULL)
    g_hash_table_insert (self->write_sql, key, (gpointer) (sql = write_sql (entity, sync != NULL)));
  if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sec_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, updated_at, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < n; i++)
    sec_store_bind_value (stmt, (int) i + 3, &entity->fields[i], sec_record_get_nth (record, i));
  for (const SecComputed *c = entity->computed; c != NULL && c->name != NULL; c++)
    if (c->stored != NULL)
      sec_store_bind_text (stmt, (int) stored_parameter (entity, c),
                           c->stored (record, self->status_today, self->status_grace));
  if (sync != NULL)
    {
      sqlite3_bind_int (stmt, (int) n + 3, sync->deleted);
      sqlite3_bind_int (stmt, (int) n + 4, sync->dirty);
      sec_store_bind_text (stmt, (int) n + 5, sync->rev);
      sec_store_bind_text (stmt, (int) n + 6, sync->base);
    }
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return sec_store_set_sql_error (self, error);
    }
  sec_record_set_rowid (record, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  sec_record_set_updated_at (record, updated_at);
  return TRUE;
}

/* The rules that need other records: a session's date within its event's
 * dates. A child whose parent is not there yet (sync) is not held back. */
static gboolean
check_within (SecStore   *self,
              SecRecord  *record,
              int        *bad_field,
              GError    **error)
{
  const SecEntity *entity = sec_record_get_entity (record);
  g_autoptr(SecRecord) parent = NULL;

  if (entity->within_rules == NULL || entity->parent == NULL)
    return TRUE;
  parent = sec_store_load (self, entity->parent, sec_record_get (record, entity->parent_field), NULL);
  for (const SecWithinRule *rule = entity->within_rules; parent != NULL && rule->field != NULL; rule++)
    {
      const char *value = sec_record_get (record, rule->field);
      const char *from = sec_record_get (parent, rule->parent_from);
      const char *to = sec_record_get (parent, rule->parent_to);

      if (value != NULL && from != NULL && to != NULL && (strcmp (value, from) < 0 || strcmp (value, to) > 0))
        {
          *bad_field = sec_entity_field_index (entity, rule->field);
          g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID, "%s (%s – %s)", _(rule->message), from, to);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every check a record must pass before it is stored: its fields, the
 * rules between them, and those that need its parent. @bad_field, if not
 * %NULL, is set to the field at fault (or -1). */
gboolean
sec_store_check (SecStore   *self,
                 SecRecord  *record,
                 int        *bad_field,
                 GError    **error)
{
  GError *local_error = NULL;
  int dummy;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);

  if (bad_field == NULL)
    bad_field = &dummy;
  if (!sec_record_validate (record, bad_field, &local_error))
    {
      g_set_error_literal (error, SEC_STORE_ERROR, SEC_STORE_ERROR_INVALID, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  return check_within (self, record, bad_field, error);
}

/* Inserts or updates @record after checking it; nothing is written when
 * the check or any statement fails. */
gboolean
sec_store_save (SecStore   *self,
                SecRecord  *record,
                GError    **error)
{
  g_autofree char *now = sec_store_now ();

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  g_return_val_if_fail (SEC_IS_RECORD (record), FALSE);

  if (!sec_store_check (self, record, NULL, error))
    return FALSE;
  if (!sec_store_exec (self, "SAVEPOINT sec_save", error))
    return FALSE;
  if (!sec_store_write_record (self, record, now, NULL, error) || !sec_store_update_search_of (self, record, error))
    {
      sec_store_exec (self, "ROLLBACK TO sec_save; RELEASE sec_save", NULL);
      return FALSE;
    }
  if (!sec_store_exec (self, "RELEASE sec_save", error))
    return FALSE;
  sec_store_queue_change (self, sec_record_get_entity (record), sec_record_get_id (record));
  return TRUE;
}

static gboolean
set_deleted (SecStore        *self,
             const SecEntity *entity,
             const char      *id,
             gboolean         deleted,
             GError         **error)
{
  g_autofree char *now = sec_store_now ();
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET deleted = ?1, dirty = 1, updated_at = ?2 "
                                          "WHERE id = ?3 AND deleted = ?4 RETURNING updated_at",
                                          entity->name);
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, deleted);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, !deleted);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_NOT_FOUND,
                 deleted ? _("No %s with id %s") : _("No deleted %s with id %s"), entity->name, id);
  else
    sec_store_set_sql_error (self, error);
  return FALSE;
}

/* Children deleted with their parent share its stamp: that is how restoring
 * the parent knows which of them to bring back (those deleted at
 * @deleted_at). Deleting takes every live child. */
gboolean
sec_store_set_children_deleted (SecStore        *self,
                                const SecEntity *entity,
                                const char      *id,
                                gboolean         deleted,
                                const char      *deleted_at,
                                GError         **error)
{
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if ((*e)->parent != entity)
        continue;
      sql = g_strdup_printf ("UPDATE %1$s SET deleted = ?1, dirty = 1, updated_at = p.updated_at "
                             "FROM %2$s AS p WHERE p.id = ?2 AND %1$s.%3$s = p.id AND %1$s.deleted = ?3 "
                             "AND (?1 = 1 OR %1$s.updated_at = ?4)",
                             (*e)->name, entity->name, (*e)->parent_field);
      if ((stmt = sec_store_prepare (self, sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, deleted);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, !deleted);
      sec_store_bind_text (stmt, 4, deleted_at);
      if (!sec_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        sec_store_queue_change (self, *e, NULL);
    }
  return TRUE;
}

static char *
stamp_of (SecStore        *self,
          const SecEntity *entity,
          const char      *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT updated_at FROM %s WHERE id = ?", entity->name);
  sqlite3_stmt *stmt = sec_store_prepare (self, sql, NULL);
  char *stamp = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stamp = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return stamp;
}

static gboolean
change_deleted (SecStore        *self,
                const SecEntity *entity,
                const char      *id,
                gboolean         deleted,
                GError         **error)
{
  g_autofree char *deleted_at = deleted ? NULL : stamp_of (self, entity, id);

  if (!sec_store_exec (self, "SAVEPOINT sec_delete", error))
    return FALSE;
  if (!set_deleted (self, entity, id, deleted, error) ||
      !sec_store_set_children_deleted (self, entity, id, deleted, deleted_at, error) ||
      (entity->parent == NULL && has_search (entity) && !update_search (self, entity, id, error)))
    {
      sec_store_exec (self, "ROLLBACK TO sec_delete; RELEASE sec_delete", NULL);
      return FALSE;
    }
  if (!sec_store_exec (self, "RELEASE sec_delete", error))
    return FALSE;
  if (entity->parent != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", entity->parent_field, entity->name);
      sqlite3_stmt *stmt = sec_store_prepare (self, sql, NULL);
      g_autofree char *parent_id = NULL;

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        parent_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (parent_id != NULL && has_search (entity))
        update_search (self, entity->parent, parent_id, NULL);
    }
  sec_store_queue_change (self, entity, id);
  return TRUE;
}

/* Marks a record and its children deleted: a tombstone that sync carries
 * and that sec_store_restore() undoes. */
gboolean
sec_store_delete (SecStore        *self,
                  const SecEntity *entity,
                  const char      *id,
                  GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  return change_deleted (self, entity, id, TRUE, error);
}

gboolean
sec_store_restore (SecStore        *self,
                   const SecEntity *entity,
                   const char      *id,
                   GError         **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  return change_deleted (self, entity, id, FALSE, error);
}

gint64
sec_store_count (SecStore        *self,
                 const SecEntity *entity)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0", entity->name);
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (SEC_IS_STORE (self), 0);

  if ((stmt = sec_store_prepare (self, sql, NULL)) == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The different values @field (or a computed value that needs no
 * parameters, such as an event's year) takes in live records, sorted. */
GStrv
sec_store_distinct (SecStore        *self,
                    const SecEntity *entity,
                    const char      *field)
{
  const SecComputed *computed = sec_entity_get_computed (entity, field);
  g_autofree char *sql = NULL;
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  const char *column;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SEC_IS_STORE (self), NULL);
  g_return_val_if_fail (sec_entity_get_field (entity, field) != NULL ||
                        (computed != NULL && strchr (computed->sql, ':') == NULL), NULL);

  column = computed ? computed->sql : field;
  sql = g_strdup_printf ("SELECT DISTINCT %s FROM %s WHERE deleted = 0 AND %s IS NOT NULL ORDER BY 1",
                         column, entity->name, column);
  if ((stmt = sec_store_prepare (self, sql, NULL)) != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (values, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (values);
}

/* Transactions do not nest: imports and sync batches hold one each. */
gboolean
sec_store_begin (SecStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!sec_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
sec_store_commit (SecStore  *self,
                  GError   **error)
{
  GHashTableIter iter;
  gpointer entity, id;
  g_autoptr(GHashTable) pending = NULL;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!flush_search (self, error) || !sec_store_exec (self, "COMMIT", error))
    {
      sec_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  pending = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, free_pending_id);
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &entity, &id))
    sec_store_emit_changed (self, entity, id == MANY_IDS ? NULL : id);
  return TRUE;
}

void
sec_store_rollback (SecStore *self)
{
  g_return_if_fail (SEC_IS_STORE (self));

  if (!self->in_transaction)
    return;
  sec_store_exec (self, "ROLLBACK", NULL);
  self->in_transaction = FALSE;
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->stale_search);
}

/* Tells the models showing @entity that @id (or, if %NULL, any record)
 * changed; also used after another connection wrote to the file. */
void
sec_store_emit_changed (SecStore        *self,
                        const SecEntity *entity,
                        const char      *id)
{
  g_return_if_fail (SEC_IS_STORE (self));
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (entity->name), entity, id);
}

/* A copy of the whole database at @dest_path, made while it stays open. */
gboolean
sec_store_backup (SecStore    *self,
                  const char  *dest_path,
                  GError     **error)
{
  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  return sec_store_copy_database (self->db, dest_path, error);
}

/* Opens the copy at @path if it is a whole Secretariat database this
 * version can read. */
static sqlite3 *
open_copy (const char  *path,
           GError     **error)
{
  sqlite3 *copy = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean whole = FALSE;
  int version = -1;

  if (sqlite3_open_v2 (path, &copy, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (copy, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    whole = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (whole && sqlite3_prepare_v2 (copy, "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = 'member'), "
                                   "user_version FROM pragma_user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1)
    version = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  if (version < 1 || (guint) version > sec_store_latest_schema_version ())
    {
      g_set_error (error, SEC_STORE_ERROR, SEC_STORE_ERROR_OPEN,
                   _("%s is not a whole copy of a Secretariat database this version can read"), path);
      sqlite3_close (copy);
      return NULL;
    }
  return copy;
}

/* Puts the database back as the copy at @path holds it, brings it to this
 * version's schema, and tells every model. A copy that is damaged, or not
 * Secretariat's, changes nothing. */
gboolean
sec_store_restore_backup (SecStore    *self,
                          const char  *path,
                          GError     **error)
{
  sqlite3 *copy;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SEC_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if ((copy = open_copy (path, error)) == NULL)
    return FALSE;
  backup = sqlite3_backup_init (self->db, "main", copy, "main");
  rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (self->db);
  sqlite3_backup_finish (backup);
  sqlite3_close (copy);
  if (rc != SQLITE_DONE)
    return sec_store_set_sql_error (self, error);
  *self->status_today = '\0';
  if (!migrate (self, TRUE, error) || !refresh_statuses (self, error))
    return FALSE;
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    sec_store_emit_changed (self, *e, NULL);
  return TRUE;
}
