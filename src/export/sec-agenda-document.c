/* sec-agenda-document.c: an agenda as the printed and mailed copies show it
 *
 * One walk over the agenda gives the lines both copies print: number,
 * planned time, title, duration, presenter and the background a member
 * reads before the meeting (the item's own, then what its roadmap item or
 * member says about itself), and for the minutes who was present, the
 * quorum, and each item's decision, votes and outcome. The PDF lays them
 * out in sec-pdf.c; the Markdown, for email, is written here.
 */

#include <glib/gi18n.h>

#include "sec-agenda.h"
#include "sec-agenda-document.h"
#include "sec-export.h"
#include "sec-programme.h"

static void
line_free (SecAgendaLine *line)
{
  g_free (line->number);
  g_free (line->time);
  g_free (line->title);
  g_free (line->minutes);
  g_free (line->presenter);
  g_free (line->background);
  g_free (line->decision);
  g_free (line->votes);
  g_free (line->outcome);
  g_free (line->quorum);
  g_free (line);
}

/* "In progress, 45 %, due 2026-12-01, owner: …" or "National network,
 * Viet Nam, applicant": what the linked record says about itself. */
static char *
record_background (SecStore  *store,
                   SecRecord *item)
{
  const char *roadmap_id = sec_record_get (item, "roadmap_item_id");
  const char *member_id = sec_record_get (item, "member_id");

  if (roadmap_id != NULL)
    {
      g_autoptr(SecRecord) linked = sec_store_load (store, &sec_entity_roadmap_item, roadmap_id, NULL);
      g_autofree char *status = linked ? sec_export_display (linked, "status") : NULL;
      g_autofree char *progress = linked && sec_record_get (linked, "progress")
                                  ? g_strdup_printf ("%s %%", sec_record_get (linked, "progress")) : NULL;
      g_autofree char *due = linked && sec_record_get (linked, "due_on")
                             ? g_strdup_printf (_("due %s"), sec_record_get (linked, "due_on")) : NULL;
      g_autofree char *owner = linked && sec_record_get (linked, "owner")
                               ? g_strdup_printf (_("owner: %s"), sec_record_get (linked, "owner")) : NULL;
      const char *parts[] = { status, progress, due, owner };

      return linked ? sec_export_join (", ", G_N_ELEMENTS (parts), parts) : NULL;
    }
  if (member_id != NULL)
    {
      g_autoptr(SecRecord) linked = sec_store_load (store, &sec_entity_member, member_id, NULL);
      g_autofree char *kind = linked ? sec_export_display (linked, "kind") : NULL;
      g_autofree char *country = linked ? sec_export_display (linked, "country") : NULL;
      const char *status = linked ? sec_store_member_status (store, linked) : NULL;
      const char *parts[] = { kind, country, status };

      return linked ? sec_export_join (", ", G_N_ELEMENTS (parts), parts) : NULL;
    }
  return NULL;
}

static const char *
count_of (SecRecord  *item,
          const char *field)
{
  const char *value = sec_record_get (item, field);

  return value ? value : "0";
}

static SecAgendaLine *
line_new (SecStore       *store,
          SecAgendaEntry *entry)
{
  SecAgendaLine *line = g_new0 (SecAgendaLine, 1);
  g_autofree char *starts = sec_minutes_to_time (entry->starts);
  g_autofree char *ends = sec_minutes_to_time (entry->ends);
  g_autofree char *linked = record_background (store, entry->item);
  const char *own = sec_record_get (entry->item, "background");
  const char *parts[] = { own, linked };

  line->number = g_strdup (entry->number);
  line->time = g_strdup_printf ("%s–%s", starts, ends);
  line->title = g_strdup (sec_record_get (entry->item, "title"));
  line->minutes = g_strdup_printf ("%d", entry->ends - entry->starts);
  line->presenter = g_strdup (sec_record_get (entry->item, "presenter"));
  line->background = own || linked ? sec_export_join ("\n", G_N_ELEMENTS (parts), parts) : NULL;
  line->depth = entry->number && strchr (entry->number, '.') ? 1 : 0;
  line->decision = g_strdup (sec_record_get (entry->item, "decision"));
  line->outcome = sec_export_display (entry->item, "outcome");
  line->quorum = sec_agenda_quorum_text (entry->item);
  if (sec_record_get (entry->item, "votes_for") || sec_record_get (entry->item, "votes_against") ||
      sec_record_get (entry->item, "votes_abstaining"))
    /* Translators: the votes on an agenda item */
    line->votes = g_strdup_printf (_("%s for, %s against, %s abstaining"), count_of (entry->item, "votes_for"),
                                   count_of (entry->item, "votes_against"), count_of (entry->item, "votes_abstaining"));
  line->pause = entry->number == NULL;
  return line;
}

static char *
summary_of (GPtrArray *plan)
{
  SecAgendaEntry *first, *last;
  g_autofree char *starts = NULL, *ends = NULL;
  int total;

  if (plan->len == 0)
    return g_strdup (_("The agenda has no items yet."));
  first = g_ptr_array_index (plan, 0);
  last = g_ptr_array_index (plan, plan->len - 1);
  starts = sec_minutes_to_time (first->starts);
  ends = sec_minutes_to_time (last->ends);
  total = last->ends - first->starts;
  /* Translators: the agenda's start, its estimated end, then its length in hours and minutes */
  return g_strdup_printf (_("From %s to about %s: %d h %02d min"), starts, ends, total / 60, total % 60);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* Those who checked in, by name. */
static GPtrArray *
present_of (SecStore   *store,
            const char *event_id)
{
  g_autoptr(GPtrArray) participants = sec_store_load_children (store, &sec_entity_participant, event_id);
  GPtrArray *present = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < participants->len; i++)
    {
      SecRecord *participant = g_ptr_array_index (participants, i);
      gboolean voting = g_strcmp0 (sec_record_get (participant, "voting_delegate"), "1") == 0;
      const char *parts[] = { sec_record_get (participant, "name"), sec_record_get (participant, "organisation") };
      g_autofree char *who = sec_export_join (", ", G_N_ELEMENTS (parts), parts);

      if (g_strcmp0 (sec_record_get (participant, "attended"), "1") != 0)
        continue;
      g_ptr_array_add (present, voting ? g_strdup_printf (_("%s (voting delegate)"), who) : g_steal_pointer (&who));
    }
  g_ptr_array_sort (present, compare_names);
  return present;
}

static char *
quorum_text (SecAgendaDocument *document)
{
  /* Translators: the quorum line of the minutes; the rule follows in brackets */
  return g_strdup_printf (_("Quorum: %u of %u voting members represented; %u required (%s). %s"),
                          document->quorum.represented, document->quorum.voting, document->quorum.required,
                          sec_quorum_rule_label (document->rule),
                          document->quorum.met ? _("The quorum was met.") : _("The quorum was not met."));
}

SecAgendaDocument *
sec_agenda_document_new (SecStore      *store,
                         const char    *event_id,
                         SecQuorumRule  rule,
                         GError       **error)
{
  g_autoptr(SecRecord) event = sec_export_load_event (store, event_id, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *start = NULL;
  SecAgendaDocument *document;

  if (event == NULL)
    return NULL;
  items = sec_agenda_items (store, event_id);
  start = sec_agenda_start (store, event_id);
  plan = sec_agenda_plan (items, start);
  document = g_new0 (SecAgendaDocument, 1);
  document->event = g_steal_pointer (&event);
  document->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  for (guint i = 0; i < plan->len; i++)
    g_ptr_array_add (document->lines, line_new (store, g_ptr_array_index (plan, i)));
  document->summary = summary_of (plan);
  document->present = present_of (store, event_id);
  document->rule = rule;
  if (!sec_quorum_count (store, event_id, rule, &document->quorum, error))
    {
      sec_agenda_document_free (document);
      return NULL;
    }
  document->quorum_text = quorum_text (document);
  return document;
}

void
sec_agenda_document_free (SecAgendaDocument *document)
{
  if (document == NULL)
    return;
  g_clear_object (&document->event);
  g_clear_pointer (&document->lines, g_ptr_array_unref);
  g_free (document->summary);
  g_clear_pointer (&document->present, g_ptr_array_unref);
  g_free (document->quorum_text);
  g_free (document);
}

/* A table cell: no pipes or line breaks may end it early. */
static void
append_cell (GString    *out,
             const char *text)
{
  g_string_append (out, " ");
  for (const char *c = text ? text : ""; *c != '\0'; c++)
    {
      if (*c == '|')
        g_string_append (out, "\\|");
      else if (*c == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *c);
    }
  g_string_append (out, " |");
}

/* The agenda as Markdown, for email: a table, then the background. */
char *
sec_agenda_document_markdown (SecAgendaDocument *document)
{
  GString *out = g_string_new (NULL);
  g_autofree char *dates = sec_export_format_date (sec_record_get (document->event, "starts_on"));
  gboolean any_background = FALSE;

  g_string_append_printf (out, "# %s\n\n", sec_record_get (document->event, "title"));
  g_string_append_printf (out, "%s  \n%s\n\n", dates, document->summary);
  g_string_append_printf (out, "| %s | %s | %s | %s | %s |\n|---|---|---|--:|---|\n",
                          _("No."), _("Time"), _("Item"), _("Min."), _("Presenter"));
  for (guint i = 0; i < document->lines->len; i++)
    {
      SecAgendaLine *line = g_ptr_array_index (document->lines, i);
      g_autofree char *title = line->pause ? g_strdup_printf ("*%s*", line->title)
                               : line->depth > 0 ? g_strdup_printf ("   %s", line->title) : g_strdup (line->title);

      g_string_append (out, "|");
      append_cell (out, line->number);
      append_cell (out, line->time);
      append_cell (out, title);
      append_cell (out, line->minutes);
      append_cell (out, line->presenter);
      g_string_append_c (out, '\n');
      any_background |= line->background != NULL;
    }
  if (any_background)
    g_string_append_printf (out, "\n## %s\n", _("Background"));
  for (guint i = 0; i < document->lines->len; i++)
    {
      SecAgendaLine *line = g_ptr_array_index (document->lines, i);

      g_autoptr(GString) background = NULL;

      if (line->background == NULL)
        continue;
      /* Each line its own in Markdown too: a hard break is two spaces. */
      background = g_string_new (line->background);
      g_string_replace (background, "\n", "  \n", 0);
      g_string_append_printf (out, "\n**%s %s**  \n%s\n", line->number ? line->number : "", line->title,
                              background->str);
    }
  return g_string_free (out, FALSE);
}

/* The minutes as Markdown: attendance, quorum, then each item with its
 * decision, votes and outcome. */
char *
sec_agenda_document_minutes_markdown (SecAgendaDocument *document)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date = sec_export_format_date (sec_record_get (document->event, "starts_on"));

  g_string_append_printf (out, "# %s: %s\n\n%s\n\n", _("Minutes"), sec_record_get (document->event, "title"), date);
  g_string_append_printf (out, "## %s\n\n", _("Attendance"));
  for (guint i = 0; i < document->present->len; i++)
    g_string_append_printf (out, "- %s\n", (const char *) g_ptr_array_index (document->present, i));
  if (document->present->len == 0)
    g_string_append_printf (out, "%s\n", _("No one has checked in."));
  g_string_append_printf (out, "\n%s\n\n## %s\n", document->quorum_text, _("Decisions"));
  for (guint i = 0; i < document->lines->len; i++)
    {
      SecAgendaLine *line = g_ptr_array_index (document->lines, i);

      if (line->pause)
        continue;
      g_string_append_printf (out, "\n### %s %s\n\n", line->number, line->title);
      if (line->decision != NULL)
        g_string_append_printf (out, "%s\n\n", line->decision);
      if (line->votes != NULL)
        g_string_append_printf (out, "%s: %s  \n", _("Votes"), line->votes);
      g_string_append_printf (out, "%s: %s%s\n", _("Outcome"), line->outcome ? line->outcome : _("not recorded"),
                              line->quorum ? "  " : "");
      if (line->quorum != NULL)
        g_string_append_printf (out, "%s\n", line->quorum);
    }
  return g_string_free (out, FALSE);
}

gboolean
sec_agenda_export_markdown (SecStore       *store,
                            const char     *event_id,
                            SecQuorumRule   rule,
                            gboolean        minutes,
                            const char     *path,
                            GError        **error)
{
  g_autoptr(SecAgendaDocument) document = sec_agenda_document_new (store, event_id, rule, error);
  g_autofree char *text = NULL;

  if (document == NULL)
    return FALSE;
  text = minutes ? sec_agenda_document_minutes_markdown (document) : sec_agenda_document_markdown (document);
  return sec_export_write (path, text, strlen (text), error);
}
