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
  o->pouch = sec_test_pouch_start (SRCDIR, o->url, PP);
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

/* Conflicts of ASEC here, "field: local / remote" a line, in order. */
static char *
conflicts_text (Offices *o)
{
  g_autoptr(GPtrArray) conflicts = sec_store_conflicts (o->store);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      SecConflict *c = g_ptr_array_index (conflicts, i);
      g_string_append_printf (text, "%s: %s / %s\n", c->field, c->local_value, c->remote_value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static SecConflict *
only_conflict (SecStore *store)
{
  g_autoptr(GPtrArray) conflicts = sec_store_conflicts (store);

  g_assert_cmpuint (conflicts->len, ==, 1);
  return g_ptr_array_steal_index (conflicts, 0);
}

/* Both offices change the city: the latest change shows, the other is a
 * conflict with both values, the value they started from and who wrote
 * each; settled here, the server and the PouchDB office follow. */
static char *
same_field (gboolean pouch_wins)
{
  Offices o = { NULL };
  g_autoptr(SecSyncReport) merged = NULL, settled = NULL;
  g_autoptr(SecConflict) conflict = NULL;
  g_autofree char *city = NULL, *pouch_city = NULL, *was = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  offices_open (&o);
  was = store_value (&o, "city");
  edit_here (&o, "city", "Shah Alam", !pouch_wins);
  edit_there (&o, "city", "\"Petaling Jaya\"", pouch_wins);
  assert_winner (&o, pouch_wins);

  merged = sync_office_ok (o.store, o.url, KL);
  conflict = only_conflict (o.store);
  g_assert_true (conflict->leaf);
  g_assert_cmpstr (conflict->field, ==, "city");
  /* The PouchDB office changed it last. */
  g_assert_cmpstr (conflict->local_value, ==, "Petaling Jaya");
  g_assert_cmpstr (conflict->local_office, ==, PP);
  g_assert_cmpstr (conflict->remote_value, ==, "Shah Alam");
  g_assert_cmpstr (conflict->remote_office, ==, KL);
  g_assert_cmpstr (conflict->base_value, ==, was);
  g_assert_cmpstr (conflict->remote_at, <, conflict->local_at);
  city = store_value (&o, "city");
  g_assert_cmpstr (city, ==, "Petaling Jaya");
  text = g_strconcat (record_text (&o), conflicts_text (&o), NULL);

  /* Until someone chooses, both leaves stay on the server. */
  {
    g_autoptr(JsonNode) on_server = server_document (o.url, o.asec);
    g_assert_true (has_conflicts (on_server));
  }
  g_assert_true (sec_store_resolve_conflict (o.store, conflict->id, TRUE, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (o.store, o.url, KL);
  g_clear_pointer (&city, g_free);
  city = store_value (&o, "city");
  g_assert_cmpstr (city, ==, "Shah Alam");
  assert_one_leaf_everywhere (&o);
  pouch_city = pouch_value (&o, "city");
  g_assert_cmpstr (pouch_city, ==, "Shah Alam");
  offices_close (&o);
  return text;
}

static void
test_same_field (void)
{
  g_autofree char *ours_won = same_field (FALSE);
  g_autofree char *theirs_won = same_field (TRUE);

  g_assert_cmpstr (ours_won, ==, theirs_won);
}

/* The PouchDB office adds a field no entity describes, a list, on its
 * leaf; this office changes the city. The field survives the merge
 * whichever leaf wins, on the server and back in the PouchDB office. */
static void
foreign_field (gboolean pouch_wins)
{
  Offices o = { NULL };
  g_autoptr(SecSyncReport) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) on_server = NULL;
  g_autofree char *devices = NULL, *city = NULL, *on_server_devices = NULL;

  offices_open (&o);
  edit_here (&o, "city", "Shah Alam", !pouch_wins);
  edit_there (&o, "app_devices", "[\"tablet\", {\"phone\": \"+855 23 000 000\"}]", pouch_wins);
  assert_winner (&o, pouch_wins);

  merged = sync_office_ok (o.store, o.url, KL);
  conflicts = sec_store_conflicts (o.store);
  g_assert_cmpuint (conflicts->len, ==, 0);
  on_server = server_document (o.url, o.asec);
  g_assert_false (has_conflicts (on_server));
  on_server_devices = json_to_string (json_object_get_member (json_node_get_object (on_server), "app_devices"), FALSE);
  g_assert_cmpstr (on_server_devices, ==, "[\"tablet\",{\"phone\":\"+855 23 000 000\"}]");
  assert_one_leaf_everywhere (&o);
  devices = pouch_value (&o, "app_devices");
  city = pouch_value (&o, "city");
  g_assert_cmpstr (devices, ==, on_server_devices);
  g_assert_cmpstr (city, ==, "Shah Alam");
  offices_close (&o);
}

static void
test_foreign_field_on_losing_leaf (void)
{
  foreign_field (FALSE);
}

static void
test_foreign_field_on_winning_leaf (void)
{
  foreign_field (TRUE);
}

/* Deleted here and pushed; edited offline in the PouchDB office, whose
 * live leaf then wins on the server. The record stays deleted here, and a
 * person is asked; whatever they choose, everyone follows. */
static void
deleted_here (gboolean restore)
{
  Offices o = { NULL };
  g_autoptr(SecSyncReport) deleted = NULL, merged = NULL, settled = NULL;
  g_autoptr(SecConflict) conflict = NULL;
  g_autoptr(SecSyncState) state = NULL;
  g_autoptr(JsonNode) on_server = NULL;
  g_autoptr(GError) error = NULL;

  offices_open (&o);
  g_assert_true (sec_store_delete (o.store, &sec_entity_member, o.asec_id, &error));
  deleted = sync_office_ok (o.store, o.url, KL);
  edit_there (&o, "notes", "\"Still a member: paid at the assembly\"", FALSE);

  merged = sync_office_ok (o.store, o.url, KL);
  conflict = only_conflict (o.store);
  g_assert_cmpstr (conflict->field, ==, "_deleted");
  g_assert_cmpstr (conflict->local_value, ==, "deleted");
  g_assert_cmpstr (conflict->remote_value, ==, "changed");
  g_assert_cmpstr (conflict->remote_office, ==, PP);
  state = sec_store_sync_state (o.store, &sec_entity_member, o.asec_id);
  g_assert_true (state->deleted);   /* not brought back behind anyone's back */

  g_assert_true (sec_store_resolve_conflict (o.store, conflict->id, restore, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (o.store, o.url, KL);
  g_clear_pointer (&state, sec_sync_state_free);
  state = sec_store_sync_state (o.store, &sec_entity_member, o.asec_id);
  g_assert_cmpint (state->deleted, ==, !restore);
  sec_test_pouch_replicate (o.pouch, "pull");
  if (restore)
    {
      g_autofree char *notes = store_value (&o, "notes");
      g_autofree char *pouch_notes = pouch_value (&o, "notes");
      g_assert_cmpstr (notes, ==, "Still a member: paid at the assembly");
      g_assert_cmpstr (pouch_notes, ==, notes);
      assert_one_leaf_everywhere (&o);
    }
  else
    {
      g_autoptr(JsonNode) in_pouch = sec_test_pouch_do (o.pouch, "get", o.asec);
      g_assert_true (JSON_NODE_HOLDS_NULL (in_pouch));
      sec_test_couch_assert_same (o.store, o.url);
    }
  g_assert_cmpuint (sec_store_sync_count_dirty (o.store), ==, 0);
  offices_close (&o);
}

static void
test_deleted_here_restored (void)
{
  deleted_here (TRUE);
}

static void
test_deleted_here_kept_deleted (void)
{
  deleted_here (FALSE);
}

/* Deleted in the PouchDB office; edited here offline. The edit is not
 * pushed over the deletion until a person chooses. */
static void
deleted_there (gboolean restore)
{
  Offices o = { NULL };
  g_autoptr(SecSyncReport) merged = NULL, settled = NULL;
  g_autoptr(SecConflict) conflict = NULL;
  g_autoptr(JsonNode) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecSyncState) state = NULL;

  offices_open (&o);
  removed = sec_test_pouch_do (o.pouch, "remove", o.asec);
  sec_test_pouch_replicate (o.pouch, "push");
  edit_member (o.store, "ASEC", "city", "Shah Alam");

  merged = sync_office_ok (o.store, o.url, KL);
  g_assert_cmpuint (merged->pushed, ==, 0);   /* held back */
  conflict = only_conflict (o.store);
  g_assert_cmpstr (conflict->field, ==, "_deleted");
  g_assert_cmpstr (conflict->local_value, ==, "changed");
  g_assert_cmpstr (conflict->remote_value, ==, "deleted");
  {
    g_autoptr(JsonNode) in_pouch = NULL;
    sec_test_pouch_replicate (o.pouch, "pull");
    in_pouch = sec_test_pouch_do (o.pouch, "get", o.asec);
    g_assert_true (JSON_NODE_HOLDS_NULL (in_pouch));
  }

  /* Keeping ours restores the record with the edit; taking theirs deletes. */
  g_assert_true (sec_store_resolve_conflict (o.store, conflict->id, !restore, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (o.store, o.url, KL);
  state = sec_store_sync_state (o.store, &sec_entity_member, o.asec_id);
  g_assert_cmpint (state->deleted, ==, !restore);
  sec_test_pouch_replicate (o.pouch, "pull");
  if (restore)
    {
      g_autofree char *city = pouch_value (&o, "city");
      g_assert_cmpstr (city, ==, "Shah Alam");
      assert_one_leaf_everywhere (&o);
    }
  else
    {
      g_autoptr(JsonNode) in_pouch = sec_test_pouch_do (o.pouch, "get", o.asec);
      g_assert_true (JSON_NODE_HOLDS_NULL (in_pouch));
    }
  sec_test_couch_assert_same (o.store, o.url);
  g_assert_cmpuint (sec_store_sync_count_dirty (o.store), ==, 0);
  offices_close (&o);
}

static void
test_deleted_there_restored (void)
{
  deleted_there (TRUE);
}

static void
test_deleted_there_kept_deleted (void)
{
  deleted_there (FALSE);
}

/* Two offices of this app and the PouchDB office: a conflict between
 * leaves shows in both app offices; settled in one, the other's question
 * goes away and all three hold the choice. */
static void
test_settled_once_everyone_converges (void)
{
  Offices o = { NULL };
  g_autoptr(SecStore) hanoi = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) first = NULL, seen = NULL, merged = NULL, settled = NULL, followed = NULL;
  g_autoptr(SecConflict) in_kl = NULL, in_hanoi = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autofree char *city = NULL, *pouch_city = NULL;

  offices_open (&o);
  first = sync_office_ok (hanoi, o.url, "Hanoi office");
  edit_here (&o, "city", "Shah Alam", FALSE);
  edit_there (&o, "city", "\"Petaling Jaya\"", FALSE);

  merged = sync_office_ok (o.store, o.url, KL);
  seen = sync_office_ok (hanoi, o.url, "Hanoi office");
  in_kl = only_conflict (o.store);
  in_hanoi = only_conflict (hanoi);
  g_assert_cmpstr (in_hanoi->field, ==, in_kl->field);
  g_assert_cmpstr (in_hanoi->local_value, ==, in_kl->local_value);
  g_assert_cmpstr (in_hanoi->remote_value, ==, in_kl->remote_value);

  g_assert_true (sec_store_resolve_conflict (hanoi, in_hanoi->id, TRUE, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (hanoi, o.url, "Hanoi office");
  followed = sync_office_ok (o.store, o.url, KL);
  left = sec_store_conflicts (o.store);
  g_assert_cmpuint (left->len, ==, 0);
  city = store_value (&o, "city");
  g_assert_cmpstr (city, ==, "Shah Alam");
  assert_one_leaf_everywhere (&o);
  sec_test_couch_assert_same (hanoi, o.url);
  pouch_city = pouch_value (&o, "city");
  g_assert_cmpstr (pouch_city, ==, "Shah Alam");
  offices_close (&o);
}

/* The server compacted the leaves' ancestor away: the body this office
 * agreed on for it still makes the merge three-way. */
static void
test_compacted_ancestor (void)
{
  Offices o = { NULL };
  g_autoptr(SecCouchClient) client = NULL;
  g_autoptr(SecSyncReport) merged = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonNode) before = NULL, compacted = NULL, ancestor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *city = NULL, *notes = NULL;

  offices_open (&o);
  client = sec_couch_client_new (o.url, USER, PASSWORD, NULL);
  before = server_document (o.url, o.asec);
  path = g_strconcat (o.asec, "?rev=", rev_of (before), NULL);
  edit_here (&o, "city", "Shah Alam", FALSE);
  edit_there (&o, "notes", "\"Met the board in Phnom Penh\"", FALSE);
  compacted = request (client, "POST", "_compact", "{}", &error);
  g_assert_no_error (error);
  for (guint tries = 0; tries < 50; tries++)
    {
      g_clear_pointer (&ancestor, json_node_unref);
      g_clear_error (&error);
      ancestor = request (client, "GET", path, NULL, &error);
      if (ancestor == NULL)
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_assert_error (error, SEC_COUCH_ERROR, SEC_COUCH_ERROR_NOT_FOUND);

  merged = sync_office_ok (o.store, o.url, KL);
  conflicts = sec_store_conflicts (o.store);
  g_assert_cmpuint (conflicts->len, ==, 0);
  city = store_value (&o, "city");
  notes = store_value (&o, "notes");
  g_assert_cmpstr (city, ==, "Shah Alam");
  g_assert_cmpstr (notes, ==, "Met the board in Phnom Penh");
  assert_one_leaf_everywhere (&o);
  offices_close (&o);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sec_test_couch_start (SRCDIR);
  g_test_add_func ("/pouchdb/different-fields", test_different_fields);
  g_test_add_func ("/pouchdb/same-field", test_same_field);
  g_test_add_func ("/pouchdb/foreign-field-on-losing-leaf", test_foreign_field_on_losing_leaf);
  g_test_add_func ("/pouchdb/foreign-field-on-winning-leaf", test_foreign_field_on_winning_leaf);
  g_test_add_func ("/pouchdb/deleted-here-restored", test_deleted_here_restored);
  g_test_add_func ("/pouchdb/deleted-here-kept-deleted", test_deleted_here_kept_deleted);
  g_test_add_func ("/pouchdb/deleted-there-restored", test_deleted_there_restored);
  g_test_add_func ("/pouchdb/deleted-there-kept-deleted", test_deleted_there_kept_deleted);
  g_test_add_func ("/pouchdb/settled-once-everyone-converges", test_settled_once_everyone_converges);
  g_test_add_func ("/pouchdb/compacted-ancestor", test_compacted_ancestor);
  status = g_test_run ();
  sec_test_couch_stop ();
  return status;
}
