-- The worklists read every open contact of a practitioner or a team opening within 14 days. With
-- only the keys in the index, each of those contacts cost a read of its own table page (a
-- practitioner's contacts are made over months, so they share none). Carrying the columns the
-- worklists show lets them read the index alone.
DROP INDEX ix_planned_contacts_open_by_practitioner_opening;
DROP INDEX ix_planned_contacts_open_by_team_opening;
CREATE INDEX ix_planned_contacts_open_by_practitioner_opening ON planned_contacts (practitioner_id, opens_at)
    INCLUDE (due_at, id, pathway_id, person_id, kind, label) WHERE status = 1;
CREATE INDEX ix_planned_contacts_open_by_team_opening ON planned_contacts (team_id, opens_at)
    INCLUDE (due_at, id, pathway_id, person_id, practitioner_id, kind, label) WHERE status = 1;
