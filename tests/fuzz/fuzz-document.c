/* fuzz-document.c: the CouchDB document decoder, on any bytes
 *
 * The input is a document as a server could send it. It is checked and
 * decoded as a pull does, written to a database in memory, and merged with
 * a local record changed meanwhile.
 */

#include <stdint.h>

#include "sec-couch-client.h"
#include "sec-store-sync.h"
#include "sec-sync-document.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static SecStore *store;
  g_autoptr(JsonNode) node = sec_couch_parse_json ((const char *) data, size, NULL);
  JsonObject *document = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const SecEntity *entity;
  const char *id = NULL;
  g_autoptr(SecRecord) record = NULL;
  g_autoptr(SecRecord) local = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(SecSyncState) state = NULL;
  g_autoptr(JsonObject) again = NULL;

  if (store == NULL)
    store = sec_store_open (":memory:", NULL);
  if (document == NULL || (entity = sec_sync_document_entity (document, &id)) == NULL ||
      !sec_sync_document_check (entity, document, NULL))
    return 0;
  record = sec_sync_document_record (entity, id, document);
  sec_store_sync_write (store, record, FALSE, "1-fuzz", "{}", FALSE, NULL);
  /* A local change to the first field, against a base that had none. */
  local = sec_record_copy (record);
  sec_record_set (local, entity->fields[0].name, "Changed here meanwhile");
  base = json_object_new ();
  conflicts = sec_sync_merge (local, base, document);
  if ((state = sec_store_sync_state (store, entity, id)) != NULL)
    again = sec_sync_document_new (state, "Fuzz office");
  return 0;
}
