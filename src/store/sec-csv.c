/* sec-csv.c: records of one entity and their children as CSV, read with
 * libcsv
 *
 * The subject (members, or the participants of one event) and its child
 * entities come from the entity descriptions, so members with contacts
 * and participants go through the same code.
 *
 * Import streams: libcsv hands over one cell at a time, and each row is
 * checked and written as soon as it ends, so a file of a million rows never
 * sits in memory. All rows go into one store transaction, rolled back when
 * a row is bad and the caller has not accepted a partial import. What is
 * remembered across rows is one small entry per record, so that the rows
 * of a member's further contacts find it again.
 *
 * Export writes the text form of each field (money in major units), one row
 * per child, and neutralises cells a spreadsheet would run as a formula;
 * import undoes that, so the two are inverse.
 */

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sec-csv.h"
#include "sec-field.h"
#include "sec-query-model.h"
#include "sec-store-private.h"

#define BLOCK_SIZE      (64 * 1024)
#define PROGRESS_EVERY  1000
#define UTF8_BOM        "\xef\xbb\xbf"
#define FORMULA_STARTS  "=+-@\t\r"

G_DEFINE_QUARK (sec-csv-error-quark, sec_csv_error)

/* A column the file can map to: the record's id or a field. */
typedef struct {
  const char      *name;
  const SecEntity *entity;   /* NULL for the record's id */
  int              field;
  gboolean         child;    /* a child's field, named with its prefix */
} Target;

typedef struct {
  Target      *items;
  guint        n_items;
  const char **names;        /* NULL-terminated */
} Targets;

/* One record of the file on its way through libcsv. */
typedef struct _Reader Reader;
struct _Reader {
  GPtrArray  *cells;         /* char *, of the record being read */
  gboolean    bad_text;      /* one of them is not UTF-8 */
  guint       row;           /* records ended so far, the header being 1 */
  guint64     bytes_read;
  guint64     file_size;
  gboolean    stop;
  void      (*row_done) (Reader *reader);
};

typedef struct {
  Reader  reader;
  char  **header;
} HeaderReader;

/* A record the file has already named, for its later rows. */
typedef struct {
  char     *id;              /* NULL when skipped as a duplicate */
  gboolean  merge;           /* it was stored before: match children by name */
} Seen;

typedef struct {
  Reader             reader;  /* first, so the callbacks can cast */
  SecStore          *store;
  const SecEntity   *entity;  /* the subject */
  const char        *parent_id; /* set on every record of a child subject */
  const Targets     *targets;
  SecCsvDuplicates   duplicates;
  const Target     **columns; /* by column; NULL when ignored */
  guint              n_columns;
  int                id_column;
  guint              n_header;
  GHashTable        *seen;    /* record key → Seen */
  SecCsvReport      *report;
  GError            *error;   /* a store failure, which ends the import */
  SecCsvProgress     progress;
  gpointer           user_data;
} Import;

/* Helpers: targets */

/* The parent field is left out: the subject's is given by the caller,
 * a child's is the row's record. */
static void
add_entity_targets (GArray          *items,
                    const SecEntity *entity,
                    gboolean         child)
{
  for (guint i = 0; i < entity->n_fields; i++)
    {
      Target target = { entity->fields[i].name, entity, (int) i, child };

      if (g_strcmp0 (entity->fields[i].name, entity->parent_field) == 0)
        continue;
      /* Built once and kept for the life of the program. */
      if (child)
        target.name = g_strconcat (entity->name, "_", entity->fields[i].name, NULL);
      g_array_append_val (items, target);
    }
}

/* "id", the subject's fields, then its direct children's: a member's
 * contacts; a participant has none. */
static Targets *
build_targets (const SecEntity *entity)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Target));
  Targets *targets = g_new0 (Targets, 1);
  Target id = { "id", NULL, -1, FALSE };

  g_array_append_val (items, id);
  add_entity_targets (items, entity, FALSE);
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    if ((*e)->parent == entity)
      add_entity_targets (items, *e, TRUE);

  targets->n_items = items->len;
  targets->items = (Target *) (gpointer) g_array_free (items, FALSE);
  targets->names = g_new0 (const char *, targets->n_items + 1);
  for (guint i = 0; i < targets->n_items; i++)
    targets->names[i] = targets->items[i].name;
  return targets;
}

/* Built once per entity and kept, so callers can hold on to the names;
 * imports run in threads of their own, hence the lock. */
static const Targets *
get_targets (const SecEntity *entity)
{
  static GMutex lock;
  static GHashTable *cache;   /* SecEntity → Targets */
  Targets *targets;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);
  if ((targets = g_hash_table_lookup (cache, entity)) == NULL)
    {
      targets = build_targets (entity);
      g_hash_table_insert (cache, (gpointer) entity, targets);
    }
  g_mutex_unlock (&lock);
  return targets;
}

static const Target *
find_target (const Targets *targets,
             const char    *name)
{
  for (guint i = 0; name != NULL && i < targets->n_items; i++)
    if (strcmp (targets->items[i].name, name) == 0)
      return &targets->items[i];
  return NULL;
}

/* "Joined on", "joined-on" and "JOINED_ON" all become "joined_on". */
static char *
normalize_header (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  char *folded = g_utf8_casefold (stripped, -1);

  for (char *p = folded; *p; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return folded;
}

static gboolean
header_is (const char *normal,
           const char *text)
{
  g_autofree char *other = normalize_header (text);
  return strcmp (normal, other) == 0;
}

/* Whether @normal is the target's label, in English or translated; a
 * child's field carries the child's label in front, "Contact Email". */
static gboolean
label_is (const Target *target,
          const char   *normal)
{
  const SecEntity *entity = target->entity;
  const char *label;
  g_autofree char *english = NULL;
  g_autofree char *translated = NULL;

  if (entity == NULL)
    return FALSE;
  label = entity->fields[target->field].label;
  if (!target->child)
    return header_is (normal, label) || header_is (normal, _(label));
  english = g_strconcat (entity->label, " ", label, NULL);
  translated = g_strconcat (_(entity->label), " ", _(label), NULL);
  return header_is (normal, english) || header_is (normal, translated);
}

/* Other headings that spreadsheets commonly give these columns, by
 * subject: "Organisation" is a member's name but a participant's
 * organisation. */
static const struct {
  const SecEntity *subject;
  const char      *target;
  const char      *headings;   /* normalized, separated by "|" */
} aliases[] = {
  { &sec_entity_member, "name", "organisation|organization|organisation_name|organization_name|member|member_name" },
  { &sec_entity_member, "kind", "type|category|organisation_type|organization_type" },
  { &sec_entity_member, "country", "country_code|nation" },
  { &sec_entity_member, "city", "town|city_or_town" },
  { &sec_entity_member, "website", "web|web_site|url|homepage" },
  { &sec_entity_member, "email", "e_mail|mail|email_address" },
  { &sec_entity_member, "phone", "telephone|tel|phone_number" },
  { &sec_entity_member, "sdgs", "sdg|goals" },
  { &sec_entity_member, "notes", "note|comments|remarks" },
  { &sec_entity_member, "contact_name", "contact|contact_person|person" },
  { &sec_entity_participant, "name", "participant|participant_name|full_name" },
  { &sec_entity_participant, "organisation", "organization|org|organisation_name|organization_name" },
  { &sec_entity_participant, "country", "country_code|nation" },
  { &sec_entity_participant, "voting_delegate", "voting" },
  { &sec_entity_participant, "registered_on", "registered|registration_date" },
  { &sec_entity_participant, "attended", "present|checked_in" },
  { &sec_entity_participant, "certificate_issued", "certificate" },
};

static gboolean
alias_is (const SecEntity *subject,
          const Target    *target,
          const char      *normal)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (aliases[i].subject == subject && strcmp (aliases[i].target, target->name) == 0)
      {
        g_auto(GStrv) headings = g_strsplit (aliases[i].headings, "|", -1);
        return g_strv_contains ((const char *const *) headings, normal);
      }
  return FALSE;
}

/* The first target of @subject not yet taken that @cell names or labels. */
static const char *
guess_target (const SecEntity *subject,
              const char      *cell,
              gboolean        *taken)
{
  const Targets *targets = get_targets (subject);
  g_autofree char *normal = normalize_header (cell);

  if (*normal == '\0')
    return "";
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < targets->n_items; i++)
      {
        const Target *target = &targets->items[i];
        gboolean match = pass == 0 ? header_is (normal, target->name)
                       : pass == 1 ? label_is (target, normal) : alias_is (subject, target, normal);

        if (taken[i] || !match)
          continue;
        taken[i] = TRUE;
        return target->name;
      }
  return "";
}

/* Helpers: reading */

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *reader = user_data;
  const char *text = data ? data : "";

  if (!g_utf8_validate_len (text, len, NULL))
    reader->bad_text = TRUE;
  g_ptr_array_add (reader->cells, g_strndup (text, len));
}

static void
on_row (int   terminator,
        void *user_data)
{
  Reader *reader = user_data;

  reader->row++;
  if (!reader->stop)
    reader->row_done (reader);
  g_ptr_array_set_size (reader->cells, 0);
  reader->bad_text = FALSE;
}

/* Spreadsheets in locales with a decimal comma write semicolons: count
 * both outside quotes on the first line and take the more frequent. */
static unsigned char
detect_delimiter (const char *text,
                  gsize       len)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE, seen_text = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (text[i] == '\n' || text[i] == '\r')
        {
          if (seen_text)
            break;
          continue;
        }
      else if (text[i] == ',')
        commas++;
      else if (text[i] == ';')
        semicolons++;
      seen_text = TRUE;
    }
  return semicolons > commas ? ';' : ',';
}

static gboolean
set_malformed (GError           **error,
               struct csv_parser *parser,
               guint              row,
               gboolean           at_end)
{
  int code = csv_error (parser);

  if (code == CSV_EPARSE && at_end)
    g_set_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_MALFORMED,
                 _("Row %u opens a quote that is never closed"), row);
  else if (code == CSV_EPARSE)
    g_set_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_MALFORMED,
                 _("Row %u is not valid CSV: check the quotes in it"), row);
  else
    g_set_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_MALFORMED,
                 _("Row %u cannot be read: %s"), row, csv_strerror (code));
  return FALSE;
}

/* Feeds the file to libcsv block by block, @reader->row_done seeing each
 * record, until the end or until it sets @reader->stop. */
static gboolean
parse_blocks (Reader             *reader,
              GInputStream       *stream,
              struct csv_parser  *parser,
              GError            **error)
{
  g_autofree char *block = g_malloc (BLOCK_SIZE);
  gboolean first = TRUE;

  while (!reader->stop)
    {
      gsize n, skip = 0;

      /* A full first block, so the BOM and the first line are in it. */
      if (!g_input_stream_read_all (stream, block, BLOCK_SIZE, &n, NULL, error))
        return FALSE;
      if (n == 0)
        break;
      if (first && n >= 3 && memcmp (block, UTF8_BOM, 3) == 0)
        skip = 3;
      if (first)
        csv_set_delim (parser, detect_delimiter (block + skip, n - skip));
      first = FALSE;
      reader->bytes_read += n;
      if (csv_parse (parser, block + skip, n - skip, on_field, on_row, reader) != n - skip)
        return set_malformed (error, parser, reader->row + 1, FALSE);
    }
  if (!reader->stop && csv_fini (parser, on_field, on_row, reader) != 0)
    return set_malformed (error, parser, reader->row + 1, TRUE);
  return TRUE;
}

static gboolean
read_csv (Reader      *reader,
          const char  *path,
          GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  struct csv_parser parser;
  gboolean ok;

  if ((stream = g_file_read (file, NULL, error)) == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  reader->file_size = info ? (guint64) g_file_info_get_size (info) : 0;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, csv_strerror (CSV_ENOMEM));
      return FALSE;
    }
  ok = parse_blocks (reader, G_INPUT_STREAM (stream), &parser, error);
  csv_free (&parser);
  return ok;
}

static void
reader_init (Reader  *reader,
             void   (*row_done) (Reader *reader))
{
  reader->cells = g_ptr_array_new_with_free_func (g_free);
  reader->row_done = row_done;
}

static void
take_header (Reader *reader)
{
  HeaderReader *self = (HeaderReader *) reader;
  GStrvBuilder *builder = g_strv_builder_new ();

  /* Only matched against names, so a bad byte need not stop the import. */
  for (guint i = 0; i < reader->cells->len; i++)
    {
      g_autofree char *cell = g_utf8_make_valid (g_ptr_array_index (reader->cells, i), -1);
      g_strv_builder_add (builder, g_strstrip (cell));
    }
  self->header = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  reader->stop = TRUE;
}

static gboolean
set_empty (GError **error)
{
  g_set_error_literal (error, SEC_CSV_ERROR, SEC_CSV_ERROR_EMPTY,
                       _("The file is empty: it has no header row"));
  return FALSE;
}

/* Helpers: the cells of a row */

static const char *
cell_at (Import *self,
         guint   column)
{
  GPtrArray *cells = self->reader.cells;
  return column < cells->len ? g_ptr_array_index (cells, column) : "";
}

/* The id cell of the row, or NULL when there is none. */
static const char *
row_id (Import *self)
{
  const char *id;

  if (self->id_column < 0)
    return NULL;
  id = cell_at (self, (guint) self->id_column);
  return *id ? id : NULL;
}

/* Strips each cell and takes off the quote that export puts before text a
 * spreadsheet would run as a formula. Returns whether any cell is left. */
static gboolean
tidy_cells (GPtrArray *cells)
{
  gboolean any = FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      char *cell = g_strstrip ((char *) g_ptr_array_index (cells, i));

      if (cell[0] == '\'' && cell[1] != '\0' && strchr (FORMULA_STARTS, cell[1]) != NULL)
        memmove (cell, cell + 1, strlen (cell));
      any |= cell[0] != '\0';
    }
  return any;
}

/* Why the row cannot be read at all, or NULL. An empty cell past the
 * header, as some tools write, is harmless; text there means the cells
 * have shifted, perhaps over an unquoted delimiter. */
static char *
check_row (Import *self)
{
  GPtrArray *cells = self->reader.cells;

  if (self->reader.bad_text)
    return g_strdup (_("The row is not valid UTF-8 text; save the file as UTF-8"));
  for (guint i = self->n_header; i < cells->len; i++)
    if (*(const char *) g_ptr_array_index (cells, i) != '\0')
      return g_strdup_printf (_("The row has %u cells but the header only %u"),
                              cells->len, self->n_header);
  return NULL;
}

static char *
field_title (const Target *target)
{
  const SecEntity *entity = target->entity;

  if (!target->child)
    return g_strdup (_(entity->fields[target->field].label));
  /* TRANSLATORS: a child record's label and its field's, "Contact Email" */
  return g_strdup_printf (_("%s %s"), _(entity->label), _(entity->fields[target->field].label));
}

static gboolean
is_money (const Target *target)
{
  return target->entity->fields[target->field].type == SEC_FIELD_MONEY;
}

/* Parses the row's non-empty cells of @record's entity into it; money
 * last, since its minor units depend on the currency. */
static gboolean
apply_cells (Import     *self,
             SecRecord  *record,
             char      **reason)
{
  const SecEntity *entity = sec_record_get_entity (record);

  for (guint pass = 0; pass < 2; pass++)
    for (guint c = 0; c < self->n_columns; c++)
      {
        const Target *target = self->columns[c];
        const char *text = cell_at (self, c);
        g_autoptr(GError) error = NULL;
        g_autofree char *title = NULL;

        if (target == NULL || target->entity != entity || *text == '\0' || is_money (target) != (pass == 1))
          continue;
        if (sec_field_parse (record, (guint) target->field, text, &error))
          continue;
        title = field_title (target);
        *reason = g_strdup_printf ("%s: %s", title, error->message);
        return FALSE;
      }
  return TRUE;
}

static gboolean
has_cells (Import          *self,
           const SecEntity *entity)
{
  for (guint c = 0; c < self->n_columns; c++)
    if (self->columns[c] != NULL && self->columns[c]->entity == entity && *cell_at (self, c) != '\0')
      return TRUE;
  return FALSE;
}

/* The row's children (one per child entity with cells: a member's
 * contact), checked, with @record's id standing in for their parent's
 * until it is known. */
static GPtrArray *
build_children (Import     *self,
                SecRecord  *record,
                char      **reason)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);

  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      g_autoptr(SecRecord) child = NULL;
      g_autoptr(GError) error = NULL;

      if ((*e)->parent != self->entity || !has_cells (self, *e))
        continue;
      child = sec_record_new (*e);
      sec_record_set (child, (*e)->parent_field, sec_record_get_id (record));
      if (!apply_cells (self, child, reason))
        return NULL;
      if (!sec_record_validate (child, NULL, &error))
        {
          *reason = g_strdup_printf ("%s: %s", _((*e)->label), error->message);
          return NULL;
        }
      g_ptr_array_add (children, g_steal_pointer (&child));
    }
  return g_steal_pointer (&children);
}

static void
reject (Import *self,
        char   *reason)
{
  SecCsvRejection *rejection = g_new0 (SecCsvRejection, 1);

  rejection->row = self->reader.row;
  rejection->reason = reason;
  g_ptr_array_add (self->report->rejected, rejection);
}

/* Helpers: records seen in the file */

static void
seen_clear (gpointer data)
{
  g_free (((Seen *) data)->id);
}

static void
seen_release (gpointer data)
{
  g_rc_box_release_full (data, seen_clear);
}

static Seen *
seen_new (const char *id,
          gboolean    merge)
{
  Seen *seen = g_rc_box_new0 (Seen);

  seen->id = g_strdup (id);
  seen->merge = merge;
  return seen;
}

static char *
id_key (const char *id)
{
  return g_strconcat ("id\x1f", id, NULL);
}

/* The record's identity fields ("name" and "country" of a member), in
 * any case; NULL when one is missing. */
static char *
identity_key (SecRecord *record)
{
  const SecEntity *entity = sec_record_get_entity (record);
  g_autoptr(GString) key = g_string_new ("identity");

  for (guint i = 0; i < G_N_ELEMENTS (entity->identity) && entity->identity[i] != NULL; i++)
    {
      const char *value = sec_record_get (record, entity->identity[i]);
      g_autofree char *folded = NULL;

      if (value == NULL)
        return NULL;
      folded = g_utf8_casefold (value, -1);
      g_string_append_printf (key, "\x1f%s", folded);
    }
  return g_string_free (g_steal_pointer (&key), FALSE);
}

/* By the id cell when the row has one, else by the identity fields. */
static Seen *
lookup_seen (Import    *self,
             SecRecord *record)
{
  g_autofree char *key = row_id (self) ? id_key (row_id (self)) : identity_key (record);
  Seen *seen = key ? g_hash_table_lookup (self->seen, key) : NULL;

  return seen ? g_rc_box_acquire (seen) : NULL;
}

/* A record this import created: another row matching it by name or email
 * but with an id of its own is another record, not a duplicate. */
static gboolean
created_here (Import     *self,
              const char *id)
{
  g_autofree char *key = id_key (id);
  Seen *seen = g_hash_table_lookup (self->seen, key);

  return seen != NULL && !seen->merge;
}

static void
remember_as (Import *self,
             char   *key,
             Seen   *seen)
{
  if (key != NULL)
    g_hash_table_insert (self->seen, key, g_rc_box_acquire (seen));
}

/* Under the row's id, the stored id and the identity, so later rows find
 * it by any of them. */
static Seen *
remember (Import    *self,
          SecRecord *record,
          Seen      *seen)
{
  const char *id = row_id (self);

  if (id != NULL)
    remember_as (self, id_key (id), seen);
  if (seen->id != NULL && g_strcmp0 (seen->id, id) != 0)
    remember_as (self, id_key (seen->id), seen);
  remember_as (self, identity_key (record), seen);
  return seen;
}

/* Helpers: writing records */

/* The stored record with the row's id, when it is the subject's: a
 * participant of another event with that id is not. */
static char *
find_by_id (Import *self)
{
  const char *id = row_id (self);
  g_autoptr(SecRecord) stored = NULL;

  if (id == NULL || (stored = sec_store_load (self->store, self->entity, id, NULL)) == NULL)
    return NULL;
  if (self->parent_id != NULL && g_strcmp0 (sec_record_get (stored, self->entity->parent_field), self->parent_id) != 0)
    return NULL;
  return g_strdup (id);
}

/* The stored record this row describes: same id, else the same identity
 * fields (for a participant the event is one, so only the same event's
 * count), else, for an entity with an email, the same email. */
static char *
find_existing (Import    *self,
               SecRecord *record)
{
  const SecEntity *entity = self->entity;
  const char *email = sec_entity_get_field (entity, "email") ? sec_record_get (record, "email") : NULL;
  char *found;

  if ((found = find_by_id (self)) != NULL)
    return found;
  found = sec_store_find_id (self->store, entity,
                             entity->identity[0], sec_record_get (record, entity->identity[0]),
                             entity->identity[1], sec_record_get (record, entity->identity[1]));
  if (found == NULL && email != NULL)
    found = sec_store_find_id (self->store, entity, "email", email, NULL, NULL);
  return found;
}

/* Whether a record under another parent, deleted or not, has @id: saving
 * with it would move that record into this one's parent. */
static gboolean
id_used_elsewhere (Import     *self,
                   const char *id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean used;

  if (self->parent_id == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ? AND %s IS NOT ?",
                         self->entity->name, self->entity->parent_field);
  if ((stmt = sec_store_prepare (self->store, sql, NULL)) == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->parent_id, -1, SQLITE_TRANSIENT);
  used = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return used;
}

static Seen *
create_record (Import    *self,
               SecRecord *record,
               gboolean   duplicate)
{
  const char *id = row_id (self);

  /* Keeping ids makes export then import into an empty store a copy. Ids
   * are UUIDs everywhere else; another system's numbers are not kept. */
  if (id != NULL && !duplicate && g_uuid_string_is_valid (id) && !id_used_elsewhere (self, id))
    sec_record_set_id (record, id);
  if (!sec_store_save (self->store, record, &self->error))
    return NULL;
  self->report->imported++;
  return seen_new (sec_record_get_id (record), FALSE);
}

/* Overwrites the stored record with the row's non-empty cells, parsed
 * again against it: an amount without a currency cell is in the stored
 * currency. */
static Seen *
update_record (Import      *self,
               const char  *id,
               char       **reason)
{
  g_autoptr(SecRecord) stored = sec_store_load (self->store, self->entity, id, &self->error);
  g_autoptr(GError) error = NULL;

  if (stored == NULL || !apply_cells (self, stored, reason))
    return NULL;
  if (!sec_store_check (self->store, stored, NULL, &error))
    {
      *reason = g_strdup (error->message);
      return NULL;
    }
  if (!sec_store_save (self->store, stored, &self->error))
    return NULL;
  self->report->updated++;
  return seen_new (id, TRUE);
}

/* Writes the record of a row not seen before as the duplicate policy
 * says. NULL with @reason set rejects the row; NULL without it is a
 * store failure in self->error. */
static Seen *
add_record (Import     *self,
            SecRecord  *record,
            char      **reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *existing = NULL;
  Seen *seen;

  if (!sec_store_check (self->store, record, NULL, &error))
    {
      *reason = g_strdup (error->message);
      return NULL;
    }
  existing = find_existing (self, record);
  if (existing != NULL && created_here (self, existing))
    g_clear_pointer (&existing, g_free);
  if (existing == NULL || self->duplicates == SEC_CSV_DUPLICATE_CREATE)
    seen = create_record (self, record, existing != NULL);
  else if (self->duplicates == SEC_CSV_DUPLICATE_UPDATE)
    seen = update_record (self, existing, reason);
  else
    {
      self->report->skipped++;
      seen = seen_new (NULL, FALSE);
    }
  return seen ? remember (self, record, seen) : NULL;
}

/* The stored child of the same parent with the same name, if any. */
static SecRecord *
find_child (Import    *self,
            SecRecord *child)
{
  const SecEntity *entity = sec_record_get_entity (child);
  g_autofree char *id = NULL;

  if (sec_entity_get_field (entity, "name") == NULL)
    return NULL;
  id = sec_store_find_id (self->store, entity, entity->parent_field,
                          sec_record_get (child, entity->parent_field),
                          "name", sec_record_get (child, "name"));
  return id ? sec_store_load (self->store, entity, id, NULL) : NULL;
}

static gboolean
write_children (Import    *self,
                Seen      *seen,
                GPtrArray *children)
{
  for (guint i = 0; i < children->len; i++)
    {
      SecRecord *child = g_ptr_array_index (children, i);
      const SecEntity *entity = sec_record_get_entity (child);
      g_autoptr(SecRecord) stored = NULL;

      sec_record_set (child, entity->parent_field, seen->id);
      if (seen->merge && (stored = find_child (self, child)) != NULL)
        {
          for (guint f = 0; f < entity->n_fields; f++)
            if (sec_record_get_nth (child, f) != NULL)
              sec_record_set_nth (stored, f, sec_record_get_nth (child, f));
          child = stored;
        }
      if (!sec_store_save (self->store, child, &self->error))
        return FALSE;
    }
  return TRUE;
}

static void
report_progress (Import *self)
{
  Reader *reader = &self->reader;

  if (self->progress != NULL && reader->row % PROGRESS_EVERY == 0 && reader->file_size > 0)
    self->progress (MIN (1.0, (double) reader->bytes_read / (double) reader->file_size), self->user_data);
}

/* Why the row cannot be taken, or NULL with its record and children. */
static char *
read_row (Import     *self,
          SecRecord **record,
          GPtrArray **children)
{
  char *reason = NULL;

  *record = sec_record_new (self->entity);
  if (self->parent_id != NULL)
    sec_record_set (*record, self->entity->parent_field, self->parent_id);
  if ((reason = check_row (self)) == NULL && apply_cells (self, *record, &reason))
    *children = build_children (self, *record, &reason);
  return reason;
}

static void
process_row (Reader *reader)
{
  Import *self = (Import *) reader;
  g_autoptr(SecRecord) record = NULL;
  g_autoptr(GPtrArray) children = NULL;
  char *reason;
  Seen *seen = NULL;

  report_progress (self);
  if (reader->row == 1)
    {
      self->n_header = reader->cells->len;
      return;
    }
  if (!tidy_cells (reader->cells))
    return;
  if ((reason = read_row (self, &record, &children)) == NULL &&
      (seen = lookup_seen (self, record)) == NULL)
    seen = add_record (self, record, &reason);
  if (reason != NULL)
    reject (self, reason);
  else if (seen != NULL && seen->id != NULL)
    write_children (self, seen, children);
  if (seen != NULL)
    seen_release (seen);
  reader->stop = self->error != NULL;
}

/* Helpers: the import as a whole */

static void
rejection_free (gpointer data)
{
  SecCsvRejection *rejection = data;

  g_free (rejection->reason);
  g_free (rejection);
}

static void
import_clear (Import *self)
{
  g_clear_pointer (&self->reader.cells, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_free);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->report, sec_csv_report_free);
  g_clear_error (&self->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static gboolean
set_no_name (GError         **error,
             const SecEntity *entity,
             const SecField  *title)
{
  if (entity == &sec_entity_member)
    g_set_error_literal (error, SEC_CSV_ERROR, SEC_CSV_ERROR_NO_NAME,
                         _("No column holds the members’ names"));
  else
    g_set_error (error, SEC_CSV_ERROR, SEC_CSV_ERROR_NO_NAME,
                 _("No column holds “%s”, which every row needs"), _(title->label));
  return FALSE;
}

/* Resolves the mapping to targets; unknown names are ignored columns.
 * Without the column that names each record (a member's or participant's
 * name) no row could be stored. */
static gboolean
import_init (Import             *self,
             const char *const  *mapping,
             GError            **error)
{
  const SecField *title = sec_entity_title_field (self->entity);
  gboolean has_name = title == NULL;

  reader_init (&self->reader, process_row);
  self->targets = get_targets (self->entity);
  self->id_column = -1;
  self->n_columns = g_strv_length ((char **) mapping);
  self->columns = g_new0 (const Target *, self->n_columns + 1);
  for (guint c = 0; c < self->n_columns; c++)
    {
      const Target *target = find_target (self->targets, mapping[c]);

      self->columns[c] = target;
      if (target != NULL && target->entity == NULL)
        self->id_column = (int) c;
      has_name |= target != NULL && target->entity == self->entity &&
                  strcmp (target->name, title->name) == 0;
    }
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, seen_release);
  self->report = g_new0 (SecCsvReport, 1);
  self->report->rejected = g_ptr_array_new_with_free_func (rejection_free);
  return has_name || set_no_name (error, self->entity, title);
}

static gboolean
read_rows (Import      *self,
           const char  *path,
           GError     **error)
{
  if (!read_csv (&self->reader, path, error))
    return FALSE;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (self->reader.row == 0)
    return set_empty (error);
  return TRUE;
}

/* Reads every row in one transaction, and keeps it only when no row was
 * rejected or the caller accepts that they are left out. */
static gboolean
run_import (Import      *self,
            const char  *path,
            gboolean     accept_partial,
            GError     **error)
{
  if (!sec_store_begin (self->store, error))
    return FALSE;
  if (!read_rows (self, path, error))
    {
      sec_store_rollback (self->store);
      return FALSE;
    }
  if (self->report->rejected->len > 0 && !accept_partial)
    {
      sec_store_rollback (self->store);
      return TRUE;
    }
  if (!sec_store_commit (self->store, error))
    return FALSE;
  self->report->committed = TRUE;
  return TRUE;
}

/* Helpers: export */

/* Quotes what libcsv would otherwise split or trim, and puts a quote
 * before text a spreadsheet would run as a formula ("=HYPERLINK(…)"), or
 * that already starts with such a quote, so import takes off exactly one. */
static void
append_cell (GString    *line,
             const char *text)
{
  gboolean neutralise, quote;
  gsize len;

  if (text == NULL || *text == '\0')
    return;
  len = strlen (text);
  neutralise = strchr (FORMULA_STARTS, text[0]) != NULL ||
               (text[0] == '\'' && text[1] != '\0' && strchr (FORMULA_STARTS, text[1]) != NULL);
  quote = strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[len - 1]) ||
          (!neutralise && g_ascii_isspace (text[0]));
  if (quote)
    g_string_append_c (line, '"');
  if (neutralise)
    g_string_append_c (line, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

static void
append_formatted (GString   *line,
                  SecRecord *record,
                  int        field)
{
  g_autofree char *text = record ? sec_field_format (record, (guint) field) : NULL;
  append_cell (line, text);
}

/* The record's children of each child entity, and how many rows they
 * take. */
static GHashTable *
load_children (SecStore  *store,
               SecRecord *record,
               guint     *n_rows)
{
  GHashTable *children = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  *n_rows = 1;
  for (const SecEntity *const *e = sec_entity_all (); *e != NULL; e++)
    {
      GPtrArray *records;

      if ((*e)->parent != sec_record_get_entity (record))
        continue;
      records = sec_store_load_children (store, *e, sec_record_get_id (record));
      *n_rows = MAX (*n_rows, records->len);
      g_hash_table_insert (children, (gpointer) *e, records);
    }
  return children;
}

/* One row per child, the record's cells repeated on each. */
static void
append_record (GString       *out,
               SecStore      *store,
               const Targets *targets,
               SecRecord     *record)
{
  const SecEntity *entity = sec_record_get_entity (record);
  guint n_rows;
  g_autoptr(GHashTable) children = load_children (store, record, &n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint i = 0; i < targets->n_items; i++)
        {
          const Target *target = &targets->items[i];
          GPtrArray *records;

          if (i > 0)
            g_string_append_c (out, ',');
          if (target->entity == NULL)
            append_cell (out, sec_record_get_id (record));
          else if (target->entity == entity)
            append_formatted (out, record, target->field);
          else if ((records = g_hash_table_lookup (children, target->entity)) != NULL && r < records->len)
            append_formatted (out, g_ptr_array_index (records, r), target->field);
        }
      g_string_append (out, "\r\n");
    }
}

static gboolean
flush_text (FILE    *file,
            GString *text)
{
  gboolean ok = fwrite (text->str, 1, text->len, file) == text->len;

  g_string_truncate (text, 0);
  return ok;
}

/* The live records of @entity (under @parent_id, for a child) by name. */
static SecQueryModel *
subject_model (SecStore        *store,
               const SecEntity *entity,
               const char      *parent_id)
{
  SecQueryModel *model = sec_query_model_new (store, entity);
  const SecField *title = sec_entity_title_field (entity);

  if (parent_id != NULL)
    sec_query_model_set_filter (model, entity->parent_field, parent_id);
  if (title != NULL)
    sec_query_model_set_sort (model, title->name, FALSE);
  return model;
}

/* Writes in blocks rather than building the whole file in memory. */
static gboolean
write_records (SecStore        *store,
               const SecEntity *entity,
               const char      *parent_id,
               FILE            *file)
{
  g_autoptr(SecQueryModel) model = subject_model (store, entity, parent_id);
  const Targets *targets = get_targets (entity);
  g_autoptr(GString) text = g_string_new (UTF8_BOM);
  g_autofree char *header = g_strjoinv (",", (char **) targets->names);
  guint n;

  g_string_append_printf (text, "%s\r\n", header);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SecRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (record != NULL)
        append_record (text, store, targets, record);
      if (text->len >= BLOCK_SIZE && !flush_text (file, text))
        return FALSE;
    }
  return flush_text (file, text);
}

/* A child subject's parent must be there: its records would be lost
 * otherwise, the store having no foreign keys (see the migrations). */
static gboolean
check_parent (SecStore         *store,
              const SecEntity  *entity,
              const char       *parent_id,
              GError          **error)
{
  g_autoptr(SecRecord) parent = NULL;

  if (entity->parent == NULL)
    return TRUE;
  parent = sec_store_load (store, entity->parent, parent_id, error);
  return parent != NULL;
}

static gboolean
set_write_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Cannot write “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

/* Public API */

void
sec_csv_report_free (SecCsvReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rejected, g_ptr_array_unref);
  g_free (report);
}

/* The columns import knows for members, in the order export writes them. */
const char *const *
sec_csv_targets (void)
{
  return sec_csv_targets_for (&sec_entity_member);
}

/* The columns import knows for @entity, in the order export writes them:
 * "id", its fields but a child's parent field, then its children's fields
 * prefixed. Owned by the module, the same array on every call. */
const char *const *
sec_csv_targets_for (const SecEntity *entity)
{
  g_return_val_if_fail (entity != NULL, NULL);

  return get_targets (entity)->names;
}

/* The first record of the file, the BOM taken off, each cell stripped. */
char **
sec_csv_read_header (const char  *path,
                     GError     **error)
{
  HeaderReader self = { { 0, }, NULL };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  reader_init (&self.reader, take_header);
  ok = read_csv (&self.reader, path, error);
  g_ptr_array_unref (self.reader.cells);
  if (ok && self.header == NULL)
    set_empty (error);
  if (!ok)
    g_clear_pointer (&self.header, g_strfreev);
  return self.header;
}

char **
sec_csv_guess_mapping (const char *const *header)
{
  return sec_csv_guess_mapping_for (&sec_entity_member, header);
}

/* For each header cell the target of @entity it names ("contact_email",
 * "Contact email", a field's label in English or translated, a common
 * other heading), or "" to ignore it. Each target is given to the first
 * cell that names it. */
char **
sec_csv_guess_mapping_for (const SecEntity   *entity,
                           const char *const *header)
{
  guint n = header ? g_strv_length ((char **) header) : 0;
  g_autofree gboolean *taken = NULL;
  char **mapping = NULL;

  g_return_val_if_fail (entity != NULL, NULL);

  taken = g_new0 (gboolean, get_targets (entity)->n_items);
  mapping = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    mapping[i] = g_strdup (guess_target (entity, header[i], taken));
  return mapping;
}

/* Imports members and their contacts: see sec_csv_import_for(). */
SecCsvReport *
sec_csv_import (SecStore          *store,
                const char        *path,
                const char *const *mapping,
                SecCsvDuplicates   duplicates,
                gboolean           accept_partial,
                SecCsvProgress     progress,
                gpointer           user_data,
                GError           **error)
{
  return sec_csv_import_for (store, &sec_entity_member, NULL, path, mapping, duplicates,
                             accept_partial, progress, user_data, error);
}

/* Imports @path as records of @entity with @mapping (a target name or ""
 * for each column; NULL to guess it from the header). A child entity's
 * records all go under @parent_id (a participant's event), which must be
 * stored; a top-level entity takes NULL. A row is a record already
 * stored (see @duplicates) when it has its id, or the same identity
 * fields (a member's name and country, a participant's name within the
 * event), or for a member the same email.
 *
 * Returns NULL with @error set when the file cannot be read or the store
 * fails, and nothing is written then; rows that are bad are listed in the
 * report instead, and unless @accept_partial they keep the import from
 * being committed. */
SecCsvReport *
sec_csv_import_for (SecStore          *store,
                    const SecEntity   *entity,
                    const char        *parent_id,
                    const char        *path,
                    const char *const *mapping,
                    SecCsvDuplicates   duplicates,
                    gboolean           accept_partial,
                    SecCsvProgress     progress,
                    gpointer           user_data,
                    GError           **error)
{
  g_auto(Import) self = { { 0, }, };
  g_auto(GStrv) guessed = NULL;

  g_return_val_if_fail (SEC_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail ((entity->parent != NULL) == (parent_id != NULL), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!check_parent (store, entity, parent_id, error))
    return NULL;
  if (mapping == NULL)
    {
      g_auto(GStrv) header = sec_csv_read_header (path, error);

      if (header == NULL)
        return NULL;
      guessed = sec_csv_guess_mapping_for (entity, (const char *const *) header);
      mapping = (const char *const *) guessed;
    }
  self.store = store;
  self.entity = entity;
  self.parent_id = parent_id;
  self.duplicates = duplicates;
  self.progress = progress;
  self.user_data = user_data;
  if (!import_init (&self, mapping, error) || !run_import (&self, path, accept_partial, error))
    return NULL;
  if (progress != NULL)
    progress (1.0, user_data);
  return g_steal_pointer (&self.report);
}

/* Writes every live member with its contacts to @path. */
gboolean
sec_csv_export (SecStore    *store,
                const char  *path,
                GError     **error)
{
  return sec_csv_export_for (store, &sec_entity_member, NULL, path, error);
}

/* Writes the live records of @entity (those under @parent_id for a child
 * entity, such as one event's participants), by name, with their
 * children, to @path, replacing it only once the whole file is written. */
gboolean
sec_csv_export_for (SecStore         *store,
                    const SecEntity  *entity,
                    const char       *parent_id,
                    const char       *path,
                    GError          **error)
{
  g_autofree char *tmp_path = NULL;
  FILE *file = NULL;
  int fd, saved_errno;
  gboolean ok;

  g_return_val_if_fail (SEC_IS_STORE (store), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  g_return_val_if_fail ((entity->parent != NULL) == (parent_id != NULL), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_parent (store, entity, parent_id, error))
    return FALSE;

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  if ((fd = g_mkstemp_full (tmp_path, O_WRONLY, 0666)) < 0)
    return set_write_error (error, path, errno);
  if ((file = fdopen (fd, "wb")) == NULL)
    {
      saved_errno = errno;
      g_close (fd, NULL);
      g_unlink (tmp_path);
      return set_write_error (error, path, saved_errno);
    }
  ok = write_records (store, entity, parent_id, file) && fflush (file) == 0 && g_fsync (fileno (file)) == 0;
  saved_errno = errno;
  if (fclose (file) != 0 && ok)
    {
      ok = FALSE;
      saved_errno = errno;
    }
  if (ok && g_rename (tmp_path, path) != 0)
    {
      ok = FALSE;
      saved_errno = errno;
    }
  if (!ok)
    g_unlink (tmp_path);
  return ok || set_write_error (error, path, saved_errno);
}
