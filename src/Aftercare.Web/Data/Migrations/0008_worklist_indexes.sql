-- The worklists read the open contacts that open within the next 14 days (everything due by then
-- has opened by then), by practitioner or by team: these partial indexes narrow to exactly those,
-- and let the team worklist count them from the index alone.
CREATE INDEX ix_planned_contacts_open_by_practitioner_opening ON planned_contacts (practitioner_id, opens_at) WHERE status = 1;
CREATE INDEX ix_planned_contacts_open_by_team_opening ON planned_contacts (team_id, opens_at) WHERE status = 1;
