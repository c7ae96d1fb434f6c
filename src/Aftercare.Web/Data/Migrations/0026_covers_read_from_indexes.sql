-- A practitioner covering a colleague sees the open contacts and the conversations of the
-- pathways they cover, on every page (the banner) and on "my work". A colleague away for two weeks
-- leaves a hundred or more pathways covered: read through the pathways' index of every contact, each
-- covered pathway cost a visit to the table for all its contacts, open or done, and the person of
-- each covered pathway another. These read the open contacts of a pathway, and the person of an
-- active pathway, from index pages alone.
CREATE INDEX ix_planned_contacts_open_by_pathway ON planned_contacts (pathway_id)
    INCLUDE (due_at, opens_at, practitioner_id, person_id, kind, label, id) WHERE status = 1;
CREATE INDEX ix_pathways_active ON pathways (id) INCLUDE (person_id) WHERE status = 1;
