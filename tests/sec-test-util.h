/* sec-test-util.h: fresh stores for tests */
#pragma once

#include <glib/gstdio.h>

#include "sec-store.h"

/* A new store in a file of its own under the test's isolated data folder. */
static inline SecStore *
sec_test_store_new (char **path_out)
{
  static guint n;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "stores", NULL);
  g_autofree char *name = g_strdup_printf ("test-%u-%u.db", (guint) getpid (), ++n);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SecStore *store;

  g_mkdir_with_parents (dir, 0700);
  store = sec_store_open (path, &error);
  g_assert_no_error (error);
  sec_store_set_today (store, "2026-06-15");
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static inline SecRecord *
sec_test_member (const char *name,
                 const char *country,
                 const char *kind)
{
  SecRecord *member = sec_record_new (&sec_entity_member);

  sec_record_set (member, "name", name);
  sec_record_set (member, "country", country);
  sec_record_set (member, "kind", kind ? kind : "cooperative");
  return member;
}
