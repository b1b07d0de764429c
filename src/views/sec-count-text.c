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
