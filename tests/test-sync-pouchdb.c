/* test-sync-pouchdb.c: offices that share the server with a real other client
 *
 * A third office is a plain PouchDB client (tests/couch/office.js) with
 * PouchDB's own replicator, which leaves documents with leaves in conflict
 * on the server as any CouchDB replicator does. This app's offices must
 * merge those leaves three-way, keep every field another client wrote,
 * never settle a deletion against an edit by themselves, and converge with
 * the PouchDB office once a person has settled what only a person can.
 */

#include <string.h>

#include <sqlite3.h>

#include "sec-json.h"
#include "sec-test-sync.h"

#define KL "Kuala Lumpur office"
#define PP "Phnom Penh office"
#define HN "Hanoi office"

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
  {
    g_autofree char *fields = record_text (&o);
    g_autofree char *questions = conflicts_text (&o);
    text = g_strconcat (fields, questions, NULL);
  }

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

/* Deleted here and pushed, and heard of in Hanoi; the PouchDB office,
 * which had not heard, adds a contact to it. The contact is not left under
 * a deleted member that no one sees: both offices of this app ask, and an
 * answer in one is the answer in the other and in the PouchDB office. */
static void
child_added_there (gboolean restore)
{
  Offices o = { NULL };
  g_autoptr(SecStore) hanoi = sec_test_store_new (NULL);
  g_autoptr(SecSyncReport) joined = NULL, deleted = NULL, heard = NULL, asked = NULL, asked_hanoi = NULL;
  g_autoptr(SecSyncReport) settled = NULL, followed = NULL;
  g_autoptr(SecConflict) conflict = NULL, in_hanoi = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *contact_id = g_uuid_string_random ();
  g_autofree char *doc_id = g_strconcat ("contact:", contact_id, NULL);
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) command = NULL, created = NULL, in_pouch = NULL, member_in_pouch = NULL;
  g_autoptr(SecRecord) contact = NULL, contact_in_hanoi = NULL, member_in_hanoi = NULL;

  offices_open (&o);
  joined = sync_office_ok (hanoi, o.url, HN);
  g_assert_true (sec_store_delete (o.store, &sec_entity_member, o.asec_id, &error));
  deleted = sync_office_ok (o.store, o.url, KL);
  heard = sync_office_ok (hanoi, o.url, HN);
  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  json = g_strdup_printf ("{\"do\": \"create\", \"doc\": {\"_id\": \"%s\", \"type\": \"contact\", \"schema\": 1, "
                          "\"member_id\": \"%s\", \"name\": \"Maria Santos\", \"updated_at\": \"%s\"}}",
                          doc_id, o.asec_id, stamp);
  command = json_from_string (json, NULL);
  created = sec_test_pouch_run (o.pouch, command);
  sec_test_pouch_replicate (o.pouch, "push");

  asked = sync_office_ok (o.store, o.url, KL);
  asked_hanoi = sync_office_ok (hanoi, o.url, HN);
  conflict = only_conflict (o.store);
  in_hanoi = only_conflict (hanoi);
  g_assert_true (conflict->entity == &sec_entity_member);
  g_assert_cmpstr (conflict->record_id, ==, o.asec_id);
  g_assert_cmpstr (conflict->field, ==, "_deleted");
  g_assert_cmpstr (conflict->local_value, ==, "deleted");
  g_assert_cmpstr (conflict->remote_value, ==, "changed");
  g_assert_cmpstr (conflict->base_value, ==, "contact");
  g_assert_cmpstr (conflict->remote_office, ==, PP);
  g_assert_cmpstr (in_hanoi->record_id, ==, o.asec_id);
  g_assert_cmpstr (in_hanoi->base_value, ==, "contact");

  g_assert_true (sec_store_resolve_conflict (o.store, conflict->id, restore, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (o.store, o.url, KL);
  g_assert_cmpuint (settled->problems->len, ==, 0);
  followed = sync_office_ok (hanoi, o.url, HN);
  left = sec_store_conflicts (hanoi);
  g_assert_cmpuint (left->len, ==, 0);   /* answered in Kuala Lumpur */
  sec_test_pouch_replicate (o.pouch, "pull");
  contact = sec_store_load (o.store, &sec_entity_contact, contact_id, NULL);
  contact_in_hanoi = sec_store_load (hanoi, &sec_entity_contact, contact_id, NULL);
  member_in_hanoi = sec_store_load (hanoi, &sec_entity_member, o.asec_id, NULL);
  in_pouch = sec_test_pouch_do (o.pouch, "get", doc_id);
  member_in_pouch = sec_test_pouch_do (o.pouch, "get", o.asec);
  g_assert_cmpint (contact != NULL, ==, restore);
  g_assert_cmpint (contact_in_hanoi != NULL, ==, restore);
  g_assert_cmpint (member_in_hanoi != NULL, ==, restore);
  g_assert_cmpint (!JSON_NODE_HOLDS_NULL (in_pouch), ==, restore);
  g_assert_cmpint (!JSON_NODE_HOLDS_NULL (member_in_pouch), ==, restore);
  sec_test_couch_assert_same (o.store, o.url);
  sec_test_couch_assert_same (hanoi, o.url);
  g_assert_cmpuint (sec_store_sync_count_dirty (o.store), ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (hanoi), ==, 0);
  offices_close (&o);
}

/* A contact edited offline in the PouchDB office while its member was
 * deleted here: the server keeps the edit and this office's deletion as
 * two leaves of the contact. Restoring the contact brings its member back,
 * with the contacts deleted along with it. */
static void
test_child_edited_there_restored (void)
{
  Offices o = { NULL };
  g_autoptr(GPtrArray) contacts = NULL, back = NULL, left = NULL;
  g_autoptr(SecSyncReport) deleted = NULL, asked = NULL, settled = NULL;
  g_autoptr(SecConflict) conflict = NULL;
  g_autoptr(SecRecord) contact = NULL, member = NULL;
  g_autoptr(JsonNode) member_in_pouch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contact_id = NULL, *doc_id = NULL;

  offices_open (&o);
  contacts = sec_store_load_children (o.store, &sec_entity_contact, o.asec_id);
  g_assert_cmpuint (contacts->len, >, 1);
  contact_id = g_strdup (sec_record_get_id (g_ptr_array_index (contacts, 0)));
  doc_id = g_strconcat ("contact:", contact_id, NULL);
  g_assert_true (sec_store_delete (o.store, &sec_entity_member, o.asec_id, &error));
  deleted = sync_office_ok (o.store, o.url, KL);
  for (guint i = 0; i < 2; i++)
    sec_test_pouch_edit (o.pouch, doc_id, "role", "\"Chair, re-elected\"");
  sec_test_pouch_replicate (o.pouch, "push");

  asked = sync_office_ok (o.store, o.url, KL);
  conflict = only_conflict (o.store);
  g_assert_true (conflict->entity == &sec_entity_contact);
  g_assert_cmpstr (conflict->field, ==, "_deleted");
  g_assert_cmpstr (conflict->local_value, ==, "deleted");
  g_assert_cmpstr (conflict->remote_value, ==, "changed");
  g_assert_null (sec_store_load (o.store, &sec_entity_member, o.asec_id, NULL));

  g_assert_true (sec_store_resolve_conflict (o.store, conflict->id, TRUE, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (o.store, o.url, KL);
  g_assert_cmpuint (settled->problems->len, ==, 0);
  member = sec_store_load (o.store, &sec_entity_member, o.asec_id, NULL);
  contact = sec_store_load (o.store, &sec_entity_contact, contact_id, NULL);
  back = sec_store_load_children (o.store, &sec_entity_contact, o.asec_id);
  left = sec_store_conflicts (o.store);
  g_assert_nonnull (member);
  g_assert_nonnull (contact);
  g_assert_cmpstr (sec_record_get (contact, "role"), ==, "Chair, re-elected");
  g_assert_cmpuint (back->len, ==, contacts->len);
  g_assert_cmpuint (left->len, ==, 0);
  sec_test_pouch_replicate (o.pouch, "pull");
  member_in_pouch = sec_test_pouch_do (o.pouch, "get", o.asec);
  g_assert_false (JSON_NODE_HOLDS_NULL (member_in_pouch));
  sec_test_couch_assert_same (o.store, o.url);
  g_assert_cmpuint (sec_store_sync_count_dirty (o.store), ==, 0);
  offices_close (&o);
}

static void
test_child_added_there_restored (void)
{
  child_added_there (TRUE);
}

static void
test_child_added_there_kept_deleted (void)
{
  child_added_there (FALSE);
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
  first = sync_office_ok (hanoi, o.url, HN);
  edit_here (&o, "city", "Shah Alam", FALSE);
  edit_there (&o, "city", "\"Petaling Jaya\"", FALSE);

  merged = sync_office_ok (o.store, o.url, KL);
  seen = sync_office_ok (hanoi, o.url, HN);
  in_kl = only_conflict (o.store);
  in_hanoi = only_conflict (hanoi);
  g_assert_cmpstr (in_hanoi->field, ==, in_kl->field);
  g_assert_cmpstr (in_hanoi->local_value, ==, in_kl->local_value);
  g_assert_cmpstr (in_hanoi->remote_value, ==, in_kl->remote_value);

  g_assert_true (sec_store_resolve_conflict (hanoi, in_hanoi->id, TRUE, &error));
  g_assert_no_error (error);
  settled = sync_office_ok (hanoi, o.url, HN);
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

/* A seeded random run over three offices */

#define N_OPERATIONS 600
static const char *const random_fields[] = { "city", "notes", "acronym" };

/* Every value an office wrote, and whether a person replaced it knowing
 * it: typed over it, chose another in a conflict, or deleted its record. */
typedef struct {
  char     *record_id;
  char     *field;
  char     *value;
  char     *office;
  gboolean  superseded;
} Written;

typedef struct {
  Offices       o;
  SecStore     *hanoi;
  GRand        *rand;
  GPtrArray    *written;   /* Written */
  GHashTable   *by_value;  /* value → Written */
  guint         n;         /* operations so far */
  GHashTable   *seen;      /* "office record field" → value last logged */
} Run;

static void
written_free (gpointer data)
{
  Written *w = data;

  g_free (w->record_id);
  g_free (w->field);
  g_free (w->value);
  g_free (w->office);
  g_free (w);
}

static void
note_written (Run        *run,
              const char *office,
              const char *record_id,
              const char *field,
              const char *value)
{
  Written *w = g_new0 (Written, 1);

  w->record_id = g_strdup (record_id);
  w->field = g_strdup (field);
  w->value = g_strdup (value);
  w->office = g_strdup (office);
  g_test_message ("%u %s: %s %s = %s", run->n, office, record_id, field, value);
  g_ptr_array_add (run->written, w);
  g_hash_table_insert (run->by_value, w->value, w);
}

static void
supersede (Run        *run,
           const char *value)
{
  Written *w = value ? g_hash_table_lookup (run->by_value, value) : NULL;

  if (w != NULL && !w->superseded)
    {
      g_test_message ("%u superseded: %s", run->n, value);
      w->superseded = TRUE;
    }
}

static char *
new_value (Run        *run,
           const char *office,
           const char *field)
{
  if (g_str_equal (field, "acronym"))
    return g_strdup_printf ("%c%u", office[0], run->n);
  return g_strdup_printf ("%s %s %u", office, field, run->n);
}

/* A deletion lets go of the values still in question for the record in
 * any office: they were alternatives of a record someone deleted. */
static void
supersede_questions (Run        *run,
                     const char *record_id)
{
  SecStore *stores[] = { run->o.store, run->hanoi };

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    {
      g_autoptr(GPtrArray) conflicts = sec_store_conflicts (stores[s]);

      for (guint i = 0; i < conflicts->len; i++)
        {
          SecConflict *c = g_ptr_array_index (conflicts, i);
          if (g_str_equal (c->record_id, record_id) && !g_str_equal (c->field, "_deleted"))
            {
              supersede (run, c->local_value);
              supersede (run, c->remote_value);
            }
        }
    }
}

/* An office of this app */

/* Every value @store holds for a record, in its row and its base: what a
 * person deleting it, or choosing its deletion, knowingly lets go. */
static void
supersede_record (Run        *run,
                  SecStore   *store,
                  const char *record_id)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (store, &sec_entity_member, record_id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) conflicts = NULL;

  if (state == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (random_fields); i++)
    supersede (run, sec_record_get (state->record, random_fields[i]));
  if (state->base != NULL && json_parser_load_from_data (parser, state->base, -1, NULL))
    for (guint i = 0; i < G_N_ELEMENTS (random_fields); i++)
      supersede (run, sec_json_string (json_node_get_object (json_parser_get_root (parser)), random_fields[i], NULL));
  /* The values still in question for it go too. */
  conflicts = sec_store_conflicts (store);
  for (guint i = 0; i < conflicts->len; i++)
    {
      SecConflict *c = g_ptr_array_index (conflicts, i);
      if (g_str_equal (c->record_id, record_id))
        {
          supersede (run, c->local_value);
          supersede (run, c->remote_value);
        }
    }
}

static void
settle (Run         *run,
        SecStore    *store,
        SecConflict *c,
        gboolean     take_remote)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (c->field, "_deleted"))
    {
      const char *chosen = take_remote ? c->remote_value : c->local_value;

      /* Choosing the deletion lets the whole record go, every office's edits. */
      for (guint i = 0; g_str_equal (chosen, "deleted") && i < run->written->len; i++)
        {
          Written *w = g_ptr_array_index (run->written, i);
          if (g_str_equal (w->record_id, c->record_id))
            supersede (run, w->value);
        }
    }
  else if (take_remote)
    {
      g_autoptr(SecSyncState) state = sec_store_sync_state (store, c->entity, c->record_id);
      supersede (run, sec_record_get (state->record, c->field));
    }
  else
    supersede (run, c->remote_value);
  g_test_message ("%u settled %s %s: %s / %s, %s", run->n, c->record_id, c->field, c->local_value, c->remote_value,
                  take_remote ? "theirs" : "ours");
  sec_store_resolve_conflict (store, c->id, take_remote, &error);
  g_assert_no_error (error);
}

static void
app_operation (Run        *run,
               SecStore   *store,
               const char *office)
{
  int dice = g_rand_int_range (run->rand, 0, 100);
  g_autofree char *id = random_id_of (store, &sec_entity_member, run->rand);
  g_autoptr(GError) error = NULL;

  if (dice < 40 && id != NULL)
    {
      g_autoptr(SecRecord) member = sec_store_load (store, &sec_entity_member, id, NULL);
      const char *field = random_fields[g_rand_int_range (run->rand, 0, G_N_ELEMENTS (random_fields))];
      g_autofree char *value = new_value (run, office, field);

      supersede (run, sec_record_get (member, field));
      sec_record_set (member, field, value);
      g_assert_true (sec_store_save (store, member, &error));
      note_written (run, office, id, field, value);
    }
  else if (dice < 48)
    {
      g_autofree char *name = new_value (run, office, "name");
      g_autoptr(SecRecord) member = sec_test_member (name, "KH", NULL);
      g_assert_true (sec_store_save (store, member, &error));
    }
  else if (dice < 54 && id != NULL)
    {
      g_test_message ("%u %s: deletes %s", run->n, office, id);
      supersede_record (run, store, id);
      supersede_questions (run, id);
      g_assert_true (sec_store_delete (store, &sec_entity_member, id, &error));
    }
  else if (dice < 64)
    {
      g_autoptr(GPtrArray) conflicts = sec_store_conflicts (store);
      if (conflicts->len > 0)
        settle (run, store, g_ptr_array_index (conflicts, g_rand_int_range (run->rand, 0, (gint32) conflicts->len)),
                g_rand_boolean (run->rand));
    }
  else
    {
      g_autoptr(SecSyncReport) report = sync_office_ok (store, run->o.url, office);
      g_test_message ("%u %s: synced, %u pulled, %u pushed, %u conflicts", run->n, office, report->pulled,
                      report->pushed, report->conflicts);
    }
  g_assert_no_error (error);
}

/* The PouchDB office */

static JsonArray *
pouch_members (Run *run)
{
  g_autoptr(JsonNode) all = sec_test_pouch_do (run->o.pouch, "all", NULL);
  JsonArray *members = json_array_new ();

  for (guint i = 0; i < json_array_get_length (json_node_get_array (all)); i++)
    {
      JsonObject *doc = json_array_get_object_element (json_node_get_array (all), i);
      if (g_str_has_prefix (json_object_get_string_member (doc, "_id"), "member:"))
        json_array_add_object_element (members, json_object_ref (doc));
    }
  return members;
}

static void
pouch_operation (Run *run)
{
  int dice = g_rand_int_range (run->rand, 0, 100);
  g_autoptr(JsonArray) members = pouch_members (run);
  guint n = json_array_get_length (members);
  JsonObject *doc = n ? json_array_get_object_element (members, (guint) g_rand_int_range (run->rand, 0, (gint32) n)) : NULL;
  const char *doc_id = doc ? json_object_get_string_member (doc, "_id") : NULL;
  g_autoptr(JsonNode) answer = NULL;

  if (dice < 40 && doc != NULL)
    {
      const char *field = random_fields[g_rand_int_range (run->rand, 0, G_N_ELEMENTS (random_fields))];
      g_autofree char *value = new_value (run, PP, field);
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);
      g_autofree char *json = json_to_string (node, FALSE);

      supersede (run, sec_json_string (doc, field, NULL));
      sec_test_pouch_edit (run->o.pouch, doc_id, field, json);
      note_written (run, PP, doc_id + strlen ("member:"), field, value);
    }
  else if (dice < 48)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *name = new_value (run, PP, "name");
      g_autofree char *json = g_strdup_printf ("{\"do\": \"create\", \"doc\": {\"_id\": \"member:%s\", \"type\": \"member\", "
                                               "\"schema\": 1, \"name\": \"%s\", \"kind\": \"association\", "
                                               "\"country\": \"KH\", \"updated_at\": \"2026-12-03T00:00:00Z\"}}",
                                               uuid, name);
      g_autoptr(JsonNode) command = json_from_string (json, NULL);
      answer = sec_test_pouch_run (run->o.pouch, command);
    }
  else if (dice < 55 && doc != NULL)
    {
      g_test_message ("%u %s: deletes %s", run->n, PP, doc_id);
      supersede_questions (run, doc_id + strlen ("member:"));
      for (guint i = 0; i < G_N_ELEMENTS (random_fields); i++)
        supersede (run, sec_json_string (doc, random_fields[i], NULL));
      answer = sec_test_pouch_do (run->o.pouch, "remove", doc_id);
    }
  else
    {
      gboolean push = g_rand_boolean (run->rand);
      g_test_message ("%u %s: %s", run->n, PP, push ? "pushes" : "pulls");
      sec_test_pouch_replicate (run->o.pouch, push ? "push" : "pull");
    }
}

/* Logs each value that changed in an office since the last operation,
 * so that a lost value's story can be read in the test's log. */
static void
log_value (Run        *run,
           const char *office,
           const char *record_id,
           const char *field,
           const char *value)
{
  g_autofree char *key = g_strdup_printf ("%s %s %s", office, record_id, field);
  const char *was = g_hash_table_lookup (run->seen, key);

  if (g_strcmp0 (was, value ? value : "") == 0)
    return;
  g_test_message ("%u   %s now has %s %s = %s", run->n, office, record_id, field, value ? value : "");
  g_hash_table_insert (run->seen, g_steal_pointer (&key), g_strdup (value ? value : ""));
}

static void
log_store (Run        *run,
           SecStore   *store,
           const char *office)
{
  g_autofree char *path = g_strdup (sec_store_get_path (store));
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, deleted, city, notes, acronym FROM member", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      log_value (run, office, id, "deleted", sqlite3_column_int (stmt, 1) ? "yes" : "no");
      for (guint i = 0; i < G_N_ELEMENTS (random_fields); i++)
        log_value (run, office, id, random_fields[i], (const char *) sqlite3_column_text (stmt, 2 + (int) i));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT record_id, field, remote_rev, local_value, remote_value, settled "
                                           "FROM conflict", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *field = g_strdup_printf ("conflict %s %s", sqlite3_column_text (stmt, 1),
                                                sqlite3_column_text (stmt, 2));
      g_autofree char *values = g_strdup_printf ("%s / %s%s", sqlite3_column_text (stmt, 3),
                                                 sqlite3_column_text (stmt, 4),
                                                 sqlite3_column_int (stmt, 5) ? " (settled)" : "");
      log_value (run, office, (const char *) sqlite3_column_text (stmt, 0), field, values);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
log_offices (Run *run)
{
  g_autoptr(JsonArray) members = pouch_members (run);

  log_store (run, run->o.store, KL);
  log_store (run, run->hanoi, HN);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *doc = json_array_get_object_element (members, i);
      const char *id = json_object_get_string_member (doc, "_id") + strlen ("member:");
      JsonArray *conflicts = sec_json_array (doc, "_conflicts");

      for (guint f = 0; f < G_N_ELEMENTS (random_fields); f++)
        log_value (run, PP, id, random_fields[f], sec_json_string (doc, random_fields[f], NULL));
      log_value (run, PP, id, "leaves", conflicts ? "several" : "one");
    }
}

/* Checking the end */

static gboolean
store_holds (SecStore   *store,
             Written    *w,
             gboolean    in_record_only)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (store, &sec_entity_member, w->record_id);
  g_autoptr(GPtrArray) conflicts = NULL;

  if (state != NULL && g_strcmp0 (sec_record_get (state->record, w->field), w->value) == 0)
    return !in_record_only || !state->deleted;
  if (in_record_only)
    return FALSE;
  if (state != NULL && state->base != NULL && strstr (state->base, w->value) != NULL)
    return TRUE;   /* a deleted record's last values, or the live side of a deletion */
  conflicts = sec_store_conflicts (store);
  for (guint i = 0; i < conflicts->len; i++)
    {
      SecConflict *c = g_ptr_array_index (conflicts, i);
      if (g_str_equal (c->record_id, w->record_id) && g_str_equal (c->field, w->field) &&
          (g_strcmp0 (c->local_value, w->value) == 0 || g_strcmp0 (c->remote_value, w->value) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
describe_in (SecStore   *store,
             const char *office,
             Written    *w)
{
  g_autoptr(SecSyncState) state = sec_store_sync_state (store, &sec_entity_member, w->record_id);

  if (state == NULL)
    return;
  g_printerr ("%s: %s, %s, rev %s, %s = %s\nbase %s\n", office, state->deleted ? "deleted" : "live",
              state->dirty ? "dirty" : "clean", state->rev, w->field, sec_record_get (state->record, w->field),
              state->base);
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;
    g_autofree char *sql = g_strdup_printf ("SELECT field, local_value, remote_value, remote_rev, leaf, settled "
                                            "FROM conflict WHERE record_id = '%s'", w->record_id);

    sqlite3_open_v2 (sec_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_printerr ("  conflict %s: %s / %s, rev %s, leaf %d, settled %d\n", sqlite3_column_text (stmt, 0),
                  sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                  sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

/* What the offices hold of a lost value's record. */
static void
describe (Run     *run,
          Written *w)
{
  g_autoptr(JsonNode) leaves = NULL;
  g_autoptr(SecCouchClient) client = sec_couch_client_new (run->o.url, USER, PASSWORD, NULL);
  g_autofree char *path = g_strconcat ("member:", w->record_id, "?open_revs=all&revs=true", NULL);
  g_autofree char *text = NULL;

  describe_in (run->o.store, KL, w);
  describe_in (run->hanoi, HN, w);
  leaves = request (client, "GET", path, NULL, NULL);
  text = leaves ? json_to_string (leaves, TRUE) : NULL;
  g_printerr ("server: %s\n", text);
}

/* Every value no one knowingly replaced is still there: in a record or a
 * kept conflict, or with @final in the live record of every office. */
static void
assert_nothing_lost (Run      *run,
                     gboolean  final)
{
  guint checked = 0;

  for (guint i = 0; i < run->written->len; i++)
    {
      Written *w = g_ptr_array_index (run->written, i);

      if (w->superseded)
        continue;
      if (!(store_holds (run->o.store, w, final) || (!final && store_holds (run->hanoi, w, FALSE))) ||
          (final && !store_holds (run->hanoi, w, TRUE)))
        {
          describe (run, w);
          g_error ("lost: %s wrote %s = \"%s\" in member %s", w->office, w->field, w->value, w->record_id);
        }
      checked++;
    }
  g_test_message ("%u values written, %u of them still to be found, all found", run->written->len, checked);
  g_assert_cmpuint (checked, >, 0);
}

/* Syncs the three offices in turn until a round changes nothing. */
static void
quiesce (Run *run)
{
  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(SecSyncReport) kl = NULL, hanoi = NULL, kl_again = NULL;
      gboolean quiet;

      sec_test_pouch_replicate (run->o.pouch, "push");
      kl = sync_office_ok (run->o.store, run->o.url, KL);
      hanoi = sync_office_ok (run->hanoi, run->o.url, HN);
      kl_again = sync_office_ok (run->o.store, run->o.url, KL);
      sec_test_pouch_replicate (run->o.pouch, "pull");
      quiet = hanoi->pushed + kl_again->pushed + kl_again->pulled == 0;
      if (quiet && round > 0)
        return;
    }
}

/* Settles every open conflict of @store, one by one, as a person would:
 * settling a deletion can settle others with it. */
static void
settle_all_in (Run      *run,
               SecStore *store)
{
  for (;;)
    {
      g_autoptr(GPtrArray) conflicts = sec_store_conflicts (store);

      if (conflicts->len == 0)
        return;
      settle (run, store, g_ptr_array_index (conflicts, 0), g_rand_boolean (run->rand));
    }
}

static void
settle_everything (Run *run)
{
  for (guint loop = 0; loop < 6; loop++)
    {
      g_autoptr(GPtrArray) in_kl = sec_store_conflicts (run->o.store);
      g_autoptr(GPtrArray) in_hanoi = sec_store_conflicts (run->hanoi);

      if (in_kl->len + in_hanoi->len == 0)
        return;
      g_test_message ("settling %u conflicts in Kuala Lumpur, %u in Hanoi", in_kl->len, in_hanoi->len);
      settle_all_in (run, run->o.store);
      quiesce (run);
      settle_all_in (run, run->hanoi);
      quiesce (run);
    }
  g_error ("conflicts keep coming back");
}

/* The PouchDB office holds what the server holds: the same live members,
 * at the same revisions, with the same values. */
static void
assert_pouch_same_as_server (Run *run)
{
  g_autoptr(GHashTable) on_server = sec_test_couch_documents (run->o.url);
  g_autoptr(JsonArray) members = pouch_members (run);
  guint n_server_members = 0;
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *doc = json_array_get_object_element (members, i);
      JsonObject *server_doc = g_hash_table_lookup (on_server, json_object_get_string_member (doc, "_id"));

      g_assert_nonnull (server_doc);
      g_assert_false (json_object_has_member (doc, "_conflicts"));
      g_assert_cmpstr (json_object_get_string_member (doc, "_rev"), ==, json_object_get_string_member (server_doc, "_rev"));
      for (guint f = 0; f < sec_entity_member.n_fields; f++)
        {
          g_autofree char *here = sec_test_couch_value (doc, sec_entity_member.fields[f].name);
          g_autofree char *there = sec_test_couch_value (server_doc, sec_entity_member.fields[f].name);
          g_assert_cmpstr (here, ==, there);
        }
    }
  g_hash_table_iter_init (&iter, on_server);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    n_server_members += g_str_has_prefix (id, "member:");
  g_assert_cmpuint (json_array_get_length (members), ==, n_server_members);
}

static void
test_random_three_offices (void)
{
  Run run = { { NULL } };
  g_autoptr(SecSyncReport) seeded = NULL, joined = NULL;
  g_autoptr(GError) error = NULL;

  run.o.url = new_database ();
  run.o.store = sec_test_store_new (NULL);
  run.hanoi = sec_test_store_new (NULL);
  run.rand = g_rand_new_with_seed (20261203);
  run.written = g_ptr_array_new_with_free_func (written_free);
  run.by_value = g_hash_table_new (g_str_hash, g_str_equal);
  /* A small network, so that the offices often meet on one record. */
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Koperasi %u", i + 1);
      g_autoptr(SecRecord) member = sec_test_member (name, "MY", NULL);
      g_assert_true (sec_store_save (run.o.store, member, &error));
    }
  seeded = sync_office_ok (run.o.store, run.o.url, KL);
  joined = sync_office_ok (run.hanoi, run.o.url, HN);
  run.o.pouch = sec_test_pouch_start (SRCDIR, run.o.url, PP);
  sec_test_pouch_replicate (run.o.pouch, "pull");

  run.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (run.n = 0; run.n < N_OPERATIONS; run.n++)
    {
      switch (g_rand_int_range (run.rand, 0, 3))
      {
      case 0:
        app_operation (&run, run.o.store, KL);
        break;
      case 1:
        app_operation (&run, run.hanoi, HN);
        break;
      default:
        pouch_operation (&run);
      }
      log_offices (&run);
    }

  quiesce (&run);
  assert_nothing_lost (&run, FALSE);
  settle_everything (&run);
  assert_nothing_lost (&run, TRUE);
  g_assert_cmpuint (sec_store_sync_count_dirty (run.o.store), ==, 0);
  g_assert_cmpuint (sec_store_sync_count_dirty (run.hanoi), ==, 0);
  sec_test_couch_assert_same (run.o.store, run.o.url);
  sec_test_couch_assert_same (run.hanoi, run.o.url);
  assert_pouch_same_as_server (&run);

  sec_test_pouch_stop (run.o.pouch);
  g_clear_object (&run.o.store);
  g_clear_object (&run.hanoi);
  g_rand_free (run.rand);
  g_ptr_array_unref (run.written);
  g_hash_table_unref (run.by_value);
  g_hash_table_unref (run.seen);
  g_free (run.o.url);
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
  g_test_add_func ("/pouchdb/child-added-there-restored", test_child_added_there_restored);
  g_test_add_func ("/pouchdb/child-added-there-kept-deleted", test_child_added_there_kept_deleted);
  g_test_add_func ("/pouchdb/child-edited-there-restored", test_child_edited_there_restored);
  g_test_add_func ("/pouchdb/settled-once-everyone-converges", test_settled_once_everyone_converges);
  g_test_add_func ("/pouchdb/compacted-ancestor", test_compacted_ancestor);
  g_test_add_func ("/pouchdb/random-three-offices", test_random_three_offices);
  status = g_test_run ();
  sec_test_couch_stop ();
  return status;
}
