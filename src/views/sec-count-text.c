/* sec-count-text.c: counts of several kinds in words
 *
 * "34 members, 5 events, 6 roadmap items": each count in its language's
 * plural, a count of none left out, since it says nothing.
 */

#include <glib/gi18n.h>

#include "sec-count-text.h"

/* The @n counts, of the @nouns of the same index; "" if all are none. */
char *
sec_count_text (const SecCountNoun *nouns,
                const guint        *counts,
                guint               n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (counts[i] == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, nouns[i].one, nouns[i].many, counts[i]), counts[i]);
#pragma GCC diagnostic pop
    }
  return g_string_free (text, FALSE);
}

static const SecEntity *const network_kinds[SEC_NETWORK_KINDS] = {
  &sec_entity_member, &sec_entity_event, &sec_entity_roadmap_item,
};
static const SecCountNoun network_nouns[SEC_NETWORK_KINDS] = {
  { NP_("%'u member", "%'u members") },
  { NP_("%'u event", "%'u events") },
  { NP_("%'u roadmap item", "%'u roadmap items") },
};

/* "5 members, 1 roadmap item": @counts of the network's kinds in words. */
char *
sec_count_network_text (const guint counts[SEC_NETWORK_KINDS])
{
  return sec_count_text (network_nouns, counts, SEC_NETWORK_KINDS);
}

/* How many live records of each of the network's kinds @store holds. */
void
sec_count_network (SecStore *store,
                   guint     counts[SEC_NETWORK_KINDS])
{
  for (guint i = 0; i < SEC_NETWORK_KINDS; i++)
    counts[i] = (guint) sec_store_count (store, network_kinds[i]);
}

/* "Added 34 members, 5 events, 6 roadmap items from the sample network":
 * what loading the sample added to @store beyond @before (from
 * sec_count_network()), as the window and the command line say it. */
char *
sec_count_sample_added (SecStore    *store,
                        const guint  before[SEC_NETWORK_KINDS])
{
  guint counts[SEC_NETWORK_KINDS];
  g_autofree char *added = NULL;

  sec_count_network (store, counts);
  for (guint i = 0; i < SEC_NETWORK_KINDS; i++)
    counts[i] -= before[i];
  added = sec_count_network_text (counts);
  if (*added == '\0')
    return g_strdup (_("The sample network is already here"));
  /* Translators: %s is a list such as "34 members, 5 events, 6 roadmap items" */
  return g_strdup_printf (_("Added %s from the sample network"), added);
}
