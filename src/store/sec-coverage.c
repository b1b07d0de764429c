/* sec-coverage.c: which Sustainable Development Goals the network works on
 *
 * Members, events and roadmap items store their goals as "1,8,17". Each
 * table is counted in SQL, one row a goal; a goal matches when ",1,8,17,"
 * holds ",goal,", so that goal 1 never counts a record of goal 17 alone.
 */

#include "sec-coverage.h"
#include "sec-store-private.h"

typedef struct {
  const SecEntity *entity;
  gsize            offset;   /* of its count in SecSdgCoverage */
} Counted;

/* The goals 1–17 counted over @table's live records. */
static char *
coverage_sql (const char *table)
{
  return g_strdup_printf ("WITH RECURSIVE goal (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM goal WHERE n < %d) "
                          "SELECT goal.n, count(t.rowid) FROM goal LEFT JOIN %s AS t "
                          "ON t.deleted = 0 AND ',' || t.sdgs || ',' LIKE '%%,' || goal.n || ',%%' "
                          "GROUP BY goal.n ORDER BY goal.n",
                          SEC_N_SDGS, table);
}

static void
count_table (SecStore      *store,
             const Counted *counted,
             GArray        *coverage)
{
  g_autofree char *sql = coverage_sql (counted->entity->name);
  sqlite3_stmt *stmt;

  if ((stmt = sec_store_prepare (store, sql, NULL)) == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int goal = sqlite3_column_int (stmt, 0);
      SecSdgCoverage *row;

      if (goal < 1 || goal > SEC_N_SDGS)
        continue;
      row = &g_array_index (coverage, SecSdgCoverage, goal - 1);
      G_STRUCT_MEMBER (guint, row, counted->offset) = (guint) sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
}

/* Public API */

/* One SecSdgCoverage for each goal, 1 to 17 in order: how many live
 * members, events and roadmap items address it. */
GArray *
sec_store_sdg_coverage (SecStore *store)
{
  const Counted counted[] = {
    { &sec_entity_member, G_STRUCT_OFFSET (SecSdgCoverage, members) },
    { &sec_entity_event, G_STRUCT_OFFSET (SecSdgCoverage, events) },
    { &sec_entity_roadmap_item, G_STRUCT_OFFSET (SecSdgCoverage, items) },
  };
  GArray *coverage = g_array_sized_new (FALSE, TRUE, sizeof (SecSdgCoverage), SEC_N_SDGS);

  g_array_set_size (coverage, SEC_N_SDGS);
  for (guint i = 0; i < SEC_N_SDGS; i++)
    g_array_index (coverage, SecSdgCoverage, i).goal = i + 1;
  g_return_val_if_fail (SEC_IS_STORE (store), coverage);

  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    count_table (store, &counted[i], coverage);
  return coverage;
}
