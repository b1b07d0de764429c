/* sec-agenda.c: an agenda's numbers and planned times
 *
 * Items run one after the other in the order of their positions, each
 * starting when the one before ends, from the meeting's start. Items are
 * numbered 1, 2, …; a sub-item (depth 1) takes its item's number and its
 * own, 2.1, 2.2; breaks take time but no number.
 */

#include "sec-agenda.h"
#include "sec-programme.h"

void
sec_agenda_entry_free (SecAgendaEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_object (&entry->item);
  g_free (entry->number);
  g_free (entry);
}

static gint64
integer_of (SecRecord  *record,
            const char *field)
{
  const char *value = sec_record_get (record, field);

  return value ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  gint64 first = integer_of (*(SecRecord **) a, "position");
  gint64 second = integer_of (*(SecRecord **) b, "position");

  return first < second ? -1 : first > second;
}

/**
 * sec_agenda_items:
 *
 * Returns: (transfer full) (element-type SecRecord): the live agenda items
 * of the meeting @event_id, in agenda order.
 */
GPtrArray *
sec_agenda_items (SecStore   *store,
                  const char *event_id)
{
  GPtrArray *items = sec_store_load_children (store, &sec_entity_agenda_item, event_id);

  g_ptr_array_sort (items, compare_positions);
  return items;
}

/**
 * sec_agenda_plan:
 * @items: (element-type SecRecord): agenda items, in any order
 * @starts_at: the meeting's start, "09:00"
 *
 * Returns: (transfer full) (element-type SecAgendaEntry): one entry an
 * item, in agenda order, with its number and planned times. The last
 * entry's end is the estimated end of the meeting.
 */
GPtrArray *
sec_agenda_plan (GPtrArray  *items,
                 const char *starts_at)
{
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_full (items->len, g_object_unref);
  GPtrArray *plan = g_ptr_array_new_with_free_func ((GDestroyNotify) sec_agenda_entry_free);
  int clock = MAX (sec_time_to_minutes (starts_at), 0);
  guint item = 0, sub = 0;

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (ordered, g_object_ref (g_ptr_array_index (items, i)));
  g_ptr_array_sort (ordered, compare_positions);
  for (guint i = 0; i < ordered->len; i++)
    {
      SecRecord *record = g_ptr_array_index (ordered, i);
      SecAgendaEntry *entry = g_new0 (SecAgendaEntry, 1);

      entry->item = g_object_ref (record);
      if (g_strcmp0 (sec_record_get (record, "kind"), "break") != 0)
        {
          if (integer_of (record, "depth") > 0 && item > 0)
            entry->number = g_strdup_printf ("%u.%u", item, ++sub);
          else
            {
              entry->number = g_strdup_printf ("%u", ++item);
              sub = 0;
            }
        }
      entry->starts = clock;
      clock += (int) CLAMP (integer_of (record, "duration"), 0, 24 * 60);
      entry->ends = clock;
      g_ptr_array_add (plan, entry);
    }
  return plan;
}
