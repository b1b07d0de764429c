/* test-sync-pouchdb.c: offices that share the server with a real other client
 *
 * A third office is a plain PouchDB client (tests/couch/office.js) with
 * PouchDB's own replicator, which leaves documents with leaves in conflict
 * on the server as any CouchDB replicator does. This app's offices must
 * merge those leaves three-way, keep every field another client wrote,
 * never settle a deletion against an edit by themselves, and converge with
 * the PouchDB office once a person has settled what only a person can.
 */

#include "sec-json.h"
#include "sec-test-sync.h"

#define KL "Kuala Lumpur office"
#define PP "Phnom Penh office"

/* The sample network in this app's office, pushed, and pulled by a PouchDB
 * office; returns the document id of ASEC's member record. */
typedef struct {
  char         *url;
  SecStore     *store;
  SecTestPouch *pouch;
  char         *asec;      /* "member:<uuid>" */
  char         *asec_id;
} Offices;

static void
offices_open (Offices *o)
{
  g_autoptr(SecSyncReport) pushed = NULL;
  g_autoptr(SecRecord) asec = NULL;

  o->url = new_database ();
  o->store = sec_test_store_new (NULL);
  g_assert_cmpuint (sec_store_load_sample (o->store, NULL), >, 0);
  pushed = sync_office_ok (o->store, o->url, KL);
  o->pouch = sec_test_pouch_start (SRCDIR, o->url);
  sec_test_pouch_replicate (o->pouch, "pull");
  asec = load_member (o->store, "ASEC");
  o->asec_id = g_strdup (sec_record_get_id (asec));
  o->asec = g_strconcat ("member:", o->asec_id, NULL);
}

static void
offices_close (Offices *o)
{
  sec_test_pouch_stop (o->pouch);
  g_clear_object (&o->store);
  g_free (o->url);
  g_free (o->asec);
  g_free (o->asec_id);
}

/* The server's winning revision of @doc_id, with its _conflicts. */
static JsonNode *
server_document (const char *url,
                 const char *doc_id)
{
  g_autoptr(SecCouchClient) client = sec_couch_client_new (url, USER, PASSWORD, NULL);
  g_autofree char *path = g_strconcat (doc_id, "?conflicts=true", NULL);
  g_autoptr(GError) error = NULL;
  JsonNode *document = request (client, "GET", path, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static gboolean
has_conflicts (JsonNode *document)
{
  JsonArray *conflicts = sec_json_array (json_node_get_object (document), "_conflicts");
  return conflicts != NULL && json_array_get_length (conflicts) > 0;
}

static const char *
rev_of (JsonNode *document)
{
  return json_object_get_string_member (json_node_get_object (document), "_rev");
}

/* A value of the PouchDB office's winning ASEC document, as text. */
static char *
pouch_value (Offices    *o,
             const char *field)
{
  g_autoptr(JsonNode) document = sec_test_pouch_do (o->pouch, "get", o->asec);
  JsonNode *value = json_object_get_member (json_node_get_object (document), field);

  if (value == NULL)
    return NULL;
  return JSON_NODE_HOLDS_VALUE (value) ? sec_json_node_text (value) : json_to_string (value, FALSE);
}

static char *
store_value (Offices    *o,
             const char *field)
{
  g_autoptr(SecRecord) asec = sec_store_load (o->store, &sec_entity_member, o->asec_id, NULL);
  return g_strdup (sec_record_get (asec, field));
}

/* This app's office edits ASEC and pushes it; @twice makes its branch the
 * longer one, which CouchDB's rule makes the winner. */
static void
edit_here (Offices    *o,
           const char *field,
           const char *value,
           gboolean    twice)
{
  for (guint i = 0; i < (twice ? 2 : 1); i++)
    {
      g_autoptr(SecSyncReport) report = NULL;
      edit_member (o->store, "ASEC", field, value);
      report = sync_office_ok (o->store, o->url, KL);
      g_assert_cmpuint (report->pushed, ==, 1);
    }
}

/* The PouchDB office edits ASEC offline (twice for the longer branch) and
 * replicates to the server, which then holds two leaves. */
static void
edit_there (Offices    *o,
            const char *field,
            const char *json_value,
            gboolean    twice)
{
  for (guint i = 0; i < (twice ? 2 : 1); i++)
    sec_test_pouch_edit (o->pouch, o->asec, field, json_value);
  sec_test_pouch_replicate (o->pouch, "push");
}

static void
assert_winner (Offices  *o,
               gboolean  pouch_wins)
{
  g_autoptr(JsonNode) on_server = server_document (o->url, o->asec);
  g_autoptr(JsonNode) in_pouch = sec_test_pouch_do (o->pouch, "get", o->asec);
  g_autoptr(SecSyncState) here = sec_store_sync_state (o->store, &sec_entity_member, o->asec_id);

  g_assert_true (has_conflicts (on_server));
  if (pouch_wins)
    g_assert_cmpstr (rev_of (on_server), ==, rev_of (in_pouch));
  else
    g_assert_cmpstr (rev_of (on_server), ==, here->rev);
}

/* After the merge: one leaf on the server, and the PouchDB office has it
 * too once it replicates. */
static void
assert_one_leaf_everywhere (Offices *o)
{
  g_autoptr(JsonNode) on_server = server_document (o->url, o->asec);
  g_autoptr(JsonNode) in_pouch = NULL;

  g_assert_false (has_conflicts (on_server));
  sec_test_pouch_replicate (o->pouch, "pull");
  in_pouch = sec_test_pouch_do (o->pouch, "get", o->asec);
  g_assert_false (has_conflicts (in_pouch));
  g_assert_cmpstr (rev_of (in_pouch), ==, rev_of (on_server));
  sec_test_couch_assert_same (o->store, o->url);
}

/* Every field of ASEC's record here, one line each, for comparing runs. */
static char *
record_text (Offices *o)
{
  g_autoptr(SecRecord) asec = sec_store_load (o->store, &sec_entity_member, o->asec_id, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < sec_entity_member.n_fields; i++)
    g_string_append_printf (text, "%s=%s\n", sec_entity_member.fields[i].name,
                            sec_record_get_nth (asec, i) ? sec_record_get_nth (asec, i) : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Tests */

/* One office changes the city, the PouchDB office the notes: both land,
 * with no question for anyone, whichever leaf the server made the winner. */
static char *
different_fields (gboolean pouch_wins)
{
  Offices o = { NULL };
  g_autoptr(SecSyncReport) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *city = NULL, *notes = NULL, *pouch_city = NULL, *pouch_notes = NULL;
  char *text;

  offices_open (&o);
  edit_here (&o, "city", "Shah Alam", !pouch_wins);
  edit_there (&o, "notes", "\"Met the board in Phnom Penh\"", pouch_wins);
  assert_winner (&o, pouch_wins);

  merged = sync_office_ok (o.store, o.url, KL);
  conflicts = sec_store_conflicts (o.store);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (merged->conflicts, ==, 0);
  city = store_value (&o, "city");
  notes = store_value (&o, "notes");
  g_assert_cmpstr (city, ==, "Shah Alam");
  g_assert_cmpstr (notes, ==, "Met the board in Phnom Penh");
  assert_one_leaf_everywhere (&o);
  pouch_city = pouch_value (&o, "city");
  pouch_notes = pouch_value (&o, "notes");
  g_assert_cmpstr (pouch_city, ==, "Shah Alam");
  g_assert_cmpstr (pouch_notes, ==, "Met the board in Phnom Penh");
  text = record_text (&o);
  offices_close (&o);
  return text;
}

static void
test_different_fields (void)
{
  g_autofree char *ours_won = different_fields (FALSE);
  g_autofree char *theirs_won = different_fields (TRUE);

  g_assert_cmpstr (ours_won, ==, theirs_won);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sec_test_couch_start (SRCDIR);
  g_test_add_func ("/pouchdb/different-fields", test_different_fields);
  status = g_test_run ();
  sec_test_couch_stop ();
  return status;
}
