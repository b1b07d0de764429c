/* sec-entity.c: the record types of Secretariat, described once */

#include <glib/gi18n.h>

#include "sec-entity.h"
#include "sec-member-status.h"

const char *const sec_sdg_names[18] = {
  NULL,
  N_("No poverty"),
  N_("Zero hunger"),
  N_("Good health and well-being"),
  N_("Quality education"),
  N_("Gender equality"),
  N_("Clean water and sanitation"),
  N_("Affordable and clean energy"),
  N_("Decent work and economic growth"),
  N_("Industry, innovation and infrastructure"),
  N_("Reduced inequalities"),
  N_("Sustainable cities and communities"),
  N_("Responsible consumption and production"),
  N_("Climate action"),
  N_("Life below water"),
  N_("Life on land"),
  N_("Peace, justice and strong institutions"),
  N_("Partnerships for the goals"),
};

static const SecChoice member_kinds[] = {
  { "national_network", N_("National network") },
  { "continental_network", N_("Continental network") },
  { "cooperative", N_("Cooperative") },
  { "association", N_("Association") },
  { "mutual", N_("Mutual society") },
  { "foundation", N_("Foundation") },
  { "social_enterprise", N_("Social enterprise") },
  { "self_help_group", N_("Self-help group") },
  { "ngo", N_("NGO") },
  { "academic", N_("Academic") },
  { "government", N_("Government") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const SecChoice status_overrides[] = {
  { "suspended", N_("Suspended") },
  { "withdrawn", N_("Withdrawn") },
  { NULL, NULL }
};

static const SecField member_fields[] = {
  { "name", N_("Name"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE, .section = N_("Organisation") },
  { "acronym", N_("Acronym"), SEC_FIELD_TEXT, NULL, .searchable = TRUE },
  { "kind", N_("Kind"), SEC_FIELD_CHOICE, member_kinds, .required = TRUE },
  { "country", N_("Country"), SEC_FIELD_COUNTRY, NULL, .required = TRUE },
  { "city", N_("City"), SEC_FIELD_TEXT, NULL, .searchable = TRUE },
  { "website", N_("Website"), SEC_FIELD_URL, NULL, .section = N_("Reaching Them") },
  { "email", N_("Email"), SEC_FIELD_EMAIL, NULL },
  { "phone", N_("Phone"), SEC_FIELD_PHONE, NULL },
  { "joined_on", N_("Joined on"), SEC_FIELD_DATE, NULL, .section = N_("Membership") },
  { "approved_on", N_("Approved on"), SEC_FIELD_DATE, NULL },
  { "dues_amount", N_("Dues"), SEC_FIELD_MONEY, NULL, .integer = TRUE },
  { "dues_currency", N_("Currency"), SEC_FIELD_CURRENCY, NULL },
  { "dues_paid_until", N_("Dues paid until"), SEC_FIELD_DATE, NULL },
  { "status_override", N_("Status override"), SEC_FIELD_CHOICE, status_overrides },
  { "status_reason", N_("Reason"), SEC_FIELD_TEXT, NULL },
  { "sdgs", N_("Sustainable Development Goals"), SEC_FIELD_SDGS, NULL, .section = N_("Work") },
  { "notes", N_("Notes"), SEC_FIELD_MULTILINE, NULL, .searchable = TRUE },
};

static const SecComputed member_computed[] = {
  /* Kept in its own column (migration 008), indexed. */
  { "status", N_("Status"), "status", sec_member_statuses, .stored = sec_member_status_of },
  { NULL, }
};

const SecEntity sec_entity_member = {
  "member", N_("Member"), member_fields, G_N_ELEMENTS (member_fields), NULL, NULL, member_computed,
  NULL, NULL, { "name", "country" }
};

static const SecField contact_fields[] = {
  { "member_id", N_("Member"), SEC_FIELD_PARENT, NULL, .required = TRUE },
  { "name", N_("Name"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE },
  { "role", N_("Role"), SEC_FIELD_TEXT, NULL },
  { "email", N_("Email"), SEC_FIELD_EMAIL, NULL },
  { "phone", N_("Phone"), SEC_FIELD_PHONE, NULL },
  { "is_primary", N_("Primary contact"), SEC_FIELD_BOOL, NULL, .integer = TRUE },
};

const SecEntity sec_entity_contact = {
  "contact", N_("Contact"), contact_fields, G_N_ELEMENTS (contact_fields),
  &sec_entity_member, "member_id", NULL, NULL, NULL, { "member_id", "name" }
};

/* Events: conferences, workshops, assemblies, field visits */

static const SecChoice event_kinds[] = {
  { "conference", N_("Conference") },
  { "workshop", N_("Workshop") },
  { "general_assembly", N_("General assembly") },
  { "board_meeting", N_("Board meeting") },
  { "field_visit", N_("Field visit") },
  { "webinar", N_("Webinar") },
  { "training", N_("Training") },
  { NULL, NULL }
};

static const SecChoice event_statuses[] = {
  { "planned", N_("Planned") },
  { "confirmed", N_("Confirmed") },
  { "held", N_("Held") },
  { "cancelled", N_("Cancelled") },
  { NULL, NULL }
};

static const SecField event_fields[] = {
  { "title", N_("Title"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE, .section = N_("Event") },
  { "kind", N_("Kind"), SEC_FIELD_CHOICE, event_kinds, .required = TRUE },
  { "status", N_("Status"), SEC_FIELD_CHOICE, event_statuses, .required = TRUE },
  { "starts_on", N_("Starts on"), SEC_FIELD_DATE, NULL, .required = TRUE, .section = N_("When") },
  { "ends_on", N_("Ends on"), SEC_FIELD_DATE, NULL, .required = TRUE },
  { "timezone", N_("Time zone"), SEC_FIELD_TIMEZONE, NULL },
  { "venue", N_("Venue"), SEC_FIELD_TEXT, NULL, .searchable = TRUE, .section = N_("Where") },
  { "city", N_("City"), SEC_FIELD_TEXT, NULL, .searchable = TRUE },
  { "country", N_("Country"), SEC_FIELD_COUNTRY, NULL },
  { "online_link", N_("Online link"), SEC_FIELD_URL, NULL },
  { "organisers", N_("Organisers, one per line"), SEC_FIELD_MULTILINE, NULL, .searchable = TRUE, .section = N_("Who") },
  { "co_organisers", N_("Co-organisers, one per line"), SEC_FIELD_MULTILINE, NULL, .searchable = TRUE },
  { "description", N_("Description"), SEC_FIELD_MULTILINE, NULL, .searchable = TRUE },
  { "sdgs", N_("Sustainable Development Goals"), SEC_FIELD_SDGS, NULL },
};

static const SecChoice event_times[] = {
  { "upcoming", N_("Upcoming") },
  { "past", N_("Past") },
  { NULL, NULL }
};

/* Assemblies and board meetings have an agenda, a quorum and minutes. */
static const SecChoice event_meetings[] = {
  { "assembly", N_("Assembly or board meeting") },
  { "other", N_("Other event") },
  { NULL, NULL }
};

static const SecComputed event_computed[] = {
  { "year", N_("Year"), "substr(starts_on, 1, 4)", NULL },
  { "meeting", N_("Meeting"), "CASE WHEN kind IN ('general_assembly', 'board_meeting') THEN 'assembly' ELSE 'other' END",
    event_meetings },
  { "when", N_("When"), "CASE WHEN ends_on >= :today THEN 'upcoming' ELSE 'past' END", event_times },
  { NULL, }
};

static const SecOrderRule event_order[] = {
  { "ends_on", "starts_on", FALSE, N_("The event ends before it starts") },
  { NULL, }
};

const SecEntity sec_entity_event = {
  "event", N_("Event"), event_fields, G_N_ELEMENTS (event_fields), NULL, NULL, event_computed, event_order, NULL,
  { "title", "starts_on" }
};

static const SecChoice session_kinds[] = {
  { "registration", N_("Registration") },
  { "opening", N_("Opening") },
  { "keynote", N_("Keynote") },
  { "panel", N_("Panel") },
  { "case_study", N_("Case study") },
  { "open_forum", N_("Open forum") },
  { "break", N_("Break") },
  { "meal", N_("Meal") },
  { "visit", N_("Visit") },
  { "closing", N_("Closing") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const SecField session_fields[] = {
  { "event_id", N_("Event"), SEC_FIELD_PARENT, NULL, .required = TRUE },
  { "date", N_("Date"), SEC_FIELD_DATE, NULL, .required = TRUE, .section = N_("Session") },
  { "starts_at", N_("Starts at"), SEC_FIELD_TIME, NULL, .required = TRUE },
  { "ends_at", N_("Ends at"), SEC_FIELD_TIME, NULL, .required = TRUE },
  { "title", N_("Title"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE },
  { "kind", N_("Kind"), SEC_FIELD_CHOICE, session_kinds, .required = TRUE },
  { "speakers", N_("Speakers"), SEC_FIELD_TEXT, NULL, .searchable = TRUE, .section = N_("People and place") },
  { "moderator", N_("Moderator"), SEC_FIELD_TEXT, NULL, .searchable = TRUE },
  { "room", N_("Room"), SEC_FIELD_TEXT, NULL },
  { "notes", N_("Notes"), SEC_FIELD_MULTILINE, NULL },
  { "roadmap_item_id", N_("Roadmap item discussed"), SEC_FIELD_REFERENCE, NULL,
    .suggest = &sec_entity_roadmap_item, .reverse = N_("Discussed at"), .section = N_("Roadmap") },
};

static const SecOrderRule session_order[] = {
  { "ends_at", "starts_at", TRUE, N_("The session ends before it starts") },
  { NULL, }
};

static const SecWithinRule session_within[] = {
  { "date", "starts_on", "ends_on", N_("The date is outside the event’s dates") },
  { NULL, }
};

const SecEntity sec_entity_session = {
  "session", N_("Session"), session_fields, G_N_ELEMENTS (session_fields),
  &sec_entity_event, "event_id", NULL, session_order, session_within, { "event_id", "title" }
};

static const SecChoice participant_roles[] = {
  { "delegate", N_("Delegate") },
  { "speaker", N_("Speaker") },
  { "moderator", N_("Moderator") },
  { "observer", N_("Observer") },
  { "organiser", N_("Organiser") },
  { "online", N_("Online") },
  { NULL, NULL }
};

static const SecField participant_fields[] = {
  { "event_id", N_("Event"), SEC_FIELD_PARENT, NULL, .required = TRUE },
  { "name", N_("Name"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE, .section = N_("Participant") },
  /* A member, or any organisation: members are offered as one types. */
  { "organisation", N_("Organisation"), SEC_FIELD_TEXT, NULL, .searchable = TRUE, .suggest = &sec_entity_member },
  { "country", N_("Country"), SEC_FIELD_COUNTRY, NULL },
  { "role", N_("Role"), SEC_FIELD_CHOICE, participant_roles, .required = TRUE },
  { "voting_delegate", N_("Voting delegate"), SEC_FIELD_BOOL, NULL, .integer = TRUE },
  { "registered_on", N_("Registered on"), SEC_FIELD_DATE, NULL, .section = N_("Attendance") },
  { "attended", N_("Attended"), SEC_FIELD_BOOL, NULL, .integer = TRUE },
  { "certificate_issued", N_("Certificate issued"), SEC_FIELD_BOOL, NULL, .integer = TRUE },
};

const SecEntity sec_entity_participant = {
  "participant", N_("Participant"), participant_fields, G_N_ELEMENTS (participant_fields),
  &sec_entity_event, "event_id", NULL, NULL, NULL, { "event_id", "name" }
};

/* The development roadmap: pillars and their items */

static const SecField pillar_fields[] = {
  { "name", N_("Name"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE, .section = N_("Pillar") },
  { "position", N_("Position"), SEC_FIELD_INTEGER, NULL, .integer = TRUE, .automatic = TRUE },
  { "archived", N_("Archived"), SEC_FIELD_BOOL, NULL, .integer = TRUE },
};

const SecEntity sec_entity_pillar = {
  "pillar", N_("Pillar"), pillar_fields, G_N_ELEMENTS (pillar_fields), NULL, NULL, NULL, NULL, NULL,
  { "name", NULL }
};

static const SecChoice item_statuses[] = {
  { "proposed", N_("Proposed") },
  { "planned", N_("Planned") },
  { "in_progress", N_("In progress") },
  { "done", N_("Done") },
  { "blocked", N_("Blocked") },
  { "dropped", N_("Dropped") },
  { NULL, NULL }
};

static const SecChoice item_timings[] = {
  { "overdue", N_("Overdue") },
  { "due_soon", N_("Due soon") },
  { "on_track", N_("On track") },
  { "done", N_("Done") },
  { "dropped", N_("Dropped") },
  { NULL, NULL }
};

/* Due soon: within two weeks. A done or dropped item is never late: its
 * timing is what became of it. */
static const SecComputed item_computed[] = {
  { "timing", N_("Timing"),
    "CASE WHEN status IN ('done', 'dropped') THEN status WHEN due_on IS NULL THEN 'on_track' "
    "WHEN due_on < :today THEN 'overdue' "
    "WHEN due_on <= date(:today, '+14 days') THEN 'due_soon' ELSE 'on_track' END",
    item_timings },
  { NULL, }
};

static const SecField item_fields[] = {
  { "title", N_("Title"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE, .section = N_("Roadmap item") },
  { "pillar_id", N_("Pillar"), SEC_FIELD_REFERENCE, NULL, .required = TRUE, .suggest = &sec_entity_pillar },
  { "status", N_("Status"), SEC_FIELD_CHOICE, item_statuses, .required = TRUE },
  { "owner", N_("Owner"), SEC_FIELD_TEXT, NULL, .searchable = TRUE,
    .suggest = &sec_entity_member, .reverse = N_("Owns") },
  { "start_on", N_("Starts on"), SEC_FIELD_DATE, NULL, .section = N_("Timing") },
  { "due_on", N_("Due on"), SEC_FIELD_DATE, NULL },
  { "progress", N_("Progress, %"), SEC_FIELD_PERCENT, NULL, .integer = TRUE },
  { "parent_item_id", N_("Part of"), SEC_FIELD_REFERENCE, NULL, .suggest = &sec_entity_roadmap_item,
    .reverse = N_("Sub-item"), .section = N_("Links") },
  { "decided_at", N_("Decided at (agenda item)"), SEC_FIELD_TEXT, NULL },
  { "sdgs", N_("Sustainable Development Goals"), SEC_FIELD_SDGS, NULL },
  { "description", N_("Description"), SEC_FIELD_MULTILINE, NULL, .searchable = TRUE },
};

static const SecOrderRule item_order[] = {
  { "due_on", "start_on", FALSE, N_("The item is due before it starts") },
  { NULL, }
};

const SecEntity sec_entity_roadmap_item = {
  "roadmap_item", N_("Roadmap item"), item_fields, G_N_ELEMENTS (item_fields), NULL, NULL, item_computed,
  item_order, NULL, { "title", "pillar_id" }
};

/* The agenda of an assembly, and its minutes */

static const SecChoice agenda_kinds[] = {
  { "item", N_("Item") },
  { "break", N_("Break") },
  { NULL, NULL }
};

static const SecChoice agenda_outcomes[] = {
  { "adopted", N_("Adopted") },
  { "rejected", N_("Rejected") },
  { "deferred", N_("Deferred") },
  { "noted", N_("Noted") },
  { NULL, NULL }
};

static const SecChoice agenda_quorums[] = {
  { "present", N_("Present") },
  { "absent", N_("Not present") },
  { NULL, NULL }
};

static const SecField agenda_fields[] = {
  { "event_id", N_("Meeting"), SEC_FIELD_PARENT, NULL, .required = TRUE },
  { "position", N_("Position"), SEC_FIELD_INTEGER, NULL, .required = TRUE, .integer = TRUE, .automatic = TRUE },
  { "depth", N_("Level"), SEC_FIELD_INTEGER, NULL, .integer = TRUE, .automatic = TRUE },   /* 0 an item, 1 a sub-item */
  { "kind", N_("Kind"), SEC_FIELD_CHOICE, agenda_kinds, .required = TRUE, .section = N_("Agenda item") },
  { "title", N_("Title"), SEC_FIELD_TEXT, NULL, .required = TRUE, .searchable = TRUE },
  { "duration", N_("Duration, minutes"), SEC_FIELD_INTEGER, NULL, .required = TRUE, .integer = TRUE },
  { "presenter", N_("Presenter"), SEC_FIELD_TEXT, NULL, .searchable = TRUE },
  { "background", N_("Background"), SEC_FIELD_MULTILINE, NULL },
  { "roadmap_item_id", N_("Roadmap item"), SEC_FIELD_REFERENCE, NULL, .suggest = &sec_entity_roadmap_item,
    .reverse = N_("On the agenda of"), .section = N_("For") },
  { "member_id", N_("Member"), SEC_FIELD_REFERENCE, NULL, .suggest = &sec_entity_member,
    .reverse = N_("On the agenda of") },
  { "decision", N_("Decision"), SEC_FIELD_MULTILINE, NULL, .searchable = TRUE, .section = N_("Minutes") },
  { "votes_for", N_("Votes for"), SEC_FIELD_INTEGER, NULL, .integer = TRUE },
  { "votes_against", N_("Votes against"), SEC_FIELD_INTEGER, NULL, .integer = TRUE },
  { "votes_abstaining", N_("Abstentions"), SEC_FIELD_INTEGER, NULL, .integer = TRUE },
  { "outcome", N_("Outcome"), SEC_FIELD_CHOICE, agenda_outcomes },
  { "chair_override", N_("The chair lets the decision stand without a quorum"), SEC_FIELD_BOOL, NULL, .integer = TRUE },
  { "quorum", N_("Quorum when decided"), SEC_FIELD_CHOICE, agenda_quorums, .automatic = TRUE },
  { "represented", N_("Represented when decided"), SEC_FIELD_INTEGER, NULL, .integer = TRUE, .automatic = TRUE },
  { "decided_status", N_("Roadmap item's new status"), SEC_FIELD_CHOICE, item_statuses },
  { "decided_due_on", N_("Roadmap item's new due date"), SEC_FIELD_DATE, NULL },
};

const SecEntity sec_entity_agenda_item = {
  "agenda_item", N_("Agenda item"), agenda_fields, G_N_ELEMENTS (agenda_fields),
  &sec_entity_event, "event_id", NULL, NULL, NULL, { "event_id", "title" }
};

static const SecEntity *const all_entities[] = {
  &sec_entity_member,
  &sec_entity_contact,
  &sec_entity_event,
  &sec_entity_session,
  &sec_entity_participant,
  &sec_entity_pillar,
  &sec_entity_roadmap_item,
  &sec_entity_agenda_item,
  NULL
};

const SecEntity *const *
sec_entity_all (void)
{
  return all_entities;
}

const SecEntity *
sec_entity_lookup (const char *name)
{
  for (guint i = 0; all_entities[i] != NULL; i++)
    if (g_strcmp0 (all_entities[i]->name, name) == 0)
      return all_entities[i];
  return NULL;
}

int
sec_entity_field_index (const SecEntity *entity,
                        const char      *name)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (g_strcmp0 (entity->fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

const SecField *
sec_entity_get_field (const SecEntity *entity,
                      const char      *name)
{
  int i = sec_entity_field_index (entity, name);
  return i < 0 ? NULL : &entity->fields[i];
}

/* The field that names a record: its first required text field (a
 * member's name, an event's title). */
const SecField *
sec_entity_title_field (const SecEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].required && entity->fields[i].type == SEC_FIELD_TEXT)
      return &entity->fields[i];
  return NULL;
}

const SecComputed *
sec_entity_get_computed (const SecEntity *entity,
                         const char      *name)
{
  for (const SecComputed *c = entity->computed; c != NULL && c->name != NULL; c++)
    if (g_strcmp0 (c->name, name) == 0)
      return c;
  return NULL;
}

const char *
sec_field_choice_label (const SecField *field,
                        const char     *id)
{
  if (field->choices == NULL || id == NULL)
    return id;
  for (const SecChoice *c = field->choices; c->id != NULL; c++)
    if (g_strcmp0 (c->id, id) == 0)
      return _(c->label);
  return id;
}

/* Accepts the stored id or the label, in English or translated, any case. */
const char *
sec_field_choice_id (const SecField *field,
                     const char     *text)
{
  if (field->choices == NULL || text == NULL)
    return NULL;
  /* Ids first: an import names them a million times, and a collation is
   * dear. */
  for (const SecChoice *c = field->choices; c->id != NULL; c++)
    if (g_ascii_strcasecmp (c->id, text) == 0)
      return c->id;
  for (const SecChoice *c = field->choices; c->id != NULL; c++)
    if (g_utf8_collate (c->label, text) == 0 ||
        g_ascii_strcasecmp (c->label, text) == 0 ||
        g_utf8_collate (_(c->label), text) == 0)
      return c->id;
  return NULL;
}
