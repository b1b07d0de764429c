/* sec-json.h: records as JSON objects, and the sample network */
#pragma once

#include <json-glib/json-glib.h>

#include "sec-store.h"

G_BEGIN_DECLS

char       *sec_json_node_text       (JsonNode         *node);
const char *sec_json_string          (JsonObject       *object,
                                      const char       *name,
                                      const char       *fallback);
gboolean    sec_json_true            (JsonObject       *object,
                                      const char       *name);
JsonArray  *sec_json_array           (JsonObject       *object,
                                      const char       *name);
JsonObject *sec_json_object          (JsonNode         *node);
JsonObject *sec_record_to_json       (SecRecord        *record);
void        sec_record_fill_from_json (SecRecord       *record,
                                      JsonObject       *object);
SecRecord  *sec_record_from_json     (const SecEntity  *entity,
                                      JsonObject       *object,
                                      GError          **error);
guint       sec_store_load_sample    (SecStore         *store,
                                      GError          **error);

G_END_DECLS
