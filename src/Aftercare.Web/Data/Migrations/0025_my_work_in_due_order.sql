-- "My work" shows everything overdue or due today, then the first few of the rest. Read from the
-- practitioner's open contacts in due order, with what the page shows, it stops at its last row;
-- read by opening, every contact within the 14 days was read and sorted (at scale 10, 252 for the
-- busiest practitioner, to show 39). How many the rest are is counted from the keys of the index by
-- opening, which no longer needs to carry the rest.
DROP INDEX ix_planned_contacts_open_by_practitioner;
CREATE INDEX ix_planned_contacts_open_by_practitioner ON planned_contacts (practitioner_id, due_at, id)
    INCLUDE (opens_at, pathway_id, person_id, kind, label) WHERE status = 1;
DROP INDEX ix_planned_contacts_open_by_practitioner_opening;
CREATE INDEX ix_planned_contacts_open_by_practitioner_opening ON planned_contacts (practitioner_id, opens_at)
    INCLUDE (due_at) WHERE status = 1;
