-- A practitioner covering a colleague sees the covered pathways' open contacts and conversations on
-- every page (the banner) and on "my work". Read pathway by pathway, a colleague away with a large
-- caseload (at scale 10, up to 424 pathways) cost three index probes a pathway on every page of the
-- one covering: the pathway's open contacts, the pathway for its person, the person's conversation.
--
-- A cover now records whose work it covers: the named practitioner when it was arranged. A handover
-- ends every cover in place or to come (Pathway.HandOver), and every open contact of a pathway is
-- its named practitioner's, so the covered work is that practitioner's open work on the covered
-- pathways: one range of their own index, not a probe for each pathway (hazard H61).
ALTER TABLE pathway_covers ADD COLUMN covered_practitioner_id uuid;

-- A cover in place or to come covers the pathway's named practitioner now; one ended or over, the
-- practitioner named when it was arranged, from the history of who was named.
UPDATE pathway_covers v SET covered_practitioner_id = a.named_practitioner_id
FROM pathways a
WHERE a.id = v.pathway_id AND v.ended_at IS NULL AND v.ends_at > now();
UPDATE pathway_covers v SET covered_practitioner_id = coalesce(
    (SELECT h.to_practitioner_id FROM pathway_practitioner_changes h
     WHERE h.pathway_id = v.pathway_id AND h.changed_at <= v.arranged_at
     ORDER BY h.changed_at DESC, h.id DESC LIMIT 1),
    (SELECT a.named_practitioner_id FROM pathways a WHERE a.id = v.pathway_id))
WHERE v.covered_practitioner_id IS NULL;
ALTER TABLE pathway_covers ALTER COLUMN covered_practitioner_id SET NOT NULL;

-- The covers a practitioner gives, with what the worklists read of them, from index pages alone:
-- only covers not ended are ever read by who gives them.
DROP INDEX ix_pathway_covers_covering_practitioner_id_ends_at;
CREATE INDEX ix_pathway_covers_covering_practitioner_id_ends_at ON pathway_covers (covering_practitioner_id, ends_at)
    INCLUDE (starts_at, pathway_id, covered_practitioner_id) WHERE ended_at IS NULL;

-- The active pathways of a named practitioner whose person has written: the covering
-- practitioner's unread count and the conversations waiting on them start here, not from every
-- covered pathway's conversation.
CREATE INDEX ix_named_practitioner_inbox_written ON named_practitioner_inbox (practitioner_id)
    INCLUDE (pathway_id, person_id) WHERE last_patient_sequence > 0 OR awaiting_reply_since IS NOT NULL;

-- Covered work is no longer read pathway by pathway: migration 0026's indexes of the open contacts
-- by pathway and of the active pathways' people are read by nothing now, and every contact's change
-- paid for the first.
DROP INDEX ix_planned_contacts_open_by_pathway;
DROP INDEX ix_pathways_active;
