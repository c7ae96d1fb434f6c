-- What each named practitioner has waiting in their people's conversations, kept as it changes
-- rather than worked out on every page (ADR 0015). The header's count of unread conversations is
-- read on every staff page; worked out afresh it probed the conversation of every person the
-- practitioner answers, which at scale was most of the header's cost.
--
-- One row per active pathway: its named practitioner, the person, and the person's conversation as
-- that practitioner stands with it (the person's latest message, how far the practitioner has read,
-- and whether the person waits for a reply). The triggers below keep it in the same transaction as
-- every change that moves it, whatever the code that makes the change:
--   * a pathway starting, ending, or handed to another named practitioner (pathways);
--   * a message from the person, or a reply that ends the wait (conversations);
--   * a member of staff reading the conversation (conversation_reads).
-- Cover is not kept here: it starts and ends by the clock with no change to any row, so the
-- covering practitioner's part is read live (there are few covers in force).
CREATE TABLE named_practitioner_inbox (
    pathway_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    person_id uuid NOT NULL,
    last_patient_sequence integer NOT NULL,
    last_read_sequence integer NOT NULL,
    awaiting_reply_since timestamp with time zone,
    CONSTRAINT pk_named_practitioner_inbox PRIMARY KEY (pathway_id),
    CONSTRAINT fk_named_practitioner_inbox_pathways_pathway_id FOREIGN KEY (pathway_id) REFERENCES pathways (id) ON DELETE RESTRICT
);
-- The header and "my work": only the rows with something waiting, by practitioner, read from the
-- index alone.
CREATE INDEX ix_named_practitioner_inbox_waiting ON named_practitioner_inbox (practitioner_id)
    INCLUDE (person_id, last_patient_sequence, last_read_sequence)
    WHERE last_patient_sequence > last_read_sequence OR awaiting_reply_since IS NOT NULL;
-- The triggers: a person's rows, when their conversation or a read mark changes.
CREATE INDEX ix_named_practitioner_inbox_person_id ON named_practitioner_inbox (person_id);
-- Rows change with every message and every read: vacuumed sooner, so the waiting index stays
-- readable without visiting the table.
ALTER TABLE named_practitioner_inbox SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

-- The person's row is the one lock every change to a person's rows takes, so two changes to the
-- same person never miss each other: a pathway starting reads the conversation as it is after any
-- message being sent commits, and a message being sent finds the new pathway's row once that
-- commits. Pathway changes share the lock (they change different rows); messages and read marks
-- take it alone.
CREATE FUNCTION named_practitioner_inbox_refresh(changed uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM persons WHERE id IN (SELECT person_id FROM pathways WHERE id = ANY (changed)) ORDER BY id FOR SHARE;
    DELETE FROM named_practitioner_inbox i
    WHERE i.pathway_id = ANY (changed) AND NOT EXISTS (SELECT 1 FROM pathways a WHERE a.id = i.pathway_id AND a.status = 1);
    INSERT INTO named_practitioner_inbox (pathway_id, practitioner_id, person_id, last_patient_sequence, last_read_sequence, awaiting_reply_since)
    SELECT a.id, a.named_practitioner_id, a.person_id, coalesce(c.last_patient_sequence, 0), coalesce(r.last_read_sequence, 0), c.awaiting_reply_since
    FROM pathways a
    LEFT JOIN conversations c ON c.person_id = a.person_id
    LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = a.named_practitioner_id
    WHERE a.id = ANY (changed) AND a.status = 1
    ON CONFLICT (pathway_id) DO UPDATE SET
        practitioner_id = excluded.practitioner_id, person_id = excluded.person_id,
        last_patient_sequence = excluded.last_patient_sequence, last_read_sequence = excluded.last_read_sequence,
        awaiting_reply_since = excluded.awaiting_reply_since;
END $$;

CREATE FUNCTION pathways_started_to_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed uuid[];
BEGIN
    SELECT array_agg(id) INTO changed FROM new_pathways WHERE status = 1;
    IF changed IS NOT NULL THEN PERFORM named_practitioner_inbox_refresh(changed); END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION pathways_changed_to_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed uuid[];
BEGIN
    SELECT array_agg(n.id) INTO changed
    FROM new_pathways n JOIN old_pathways o ON o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status OR n.named_practitioner_id IS DISTINCT FROM o.named_practitioner_id
       OR n.person_id IS DISTINCT FROM o.person_id;
    IF changed IS NOT NULL THEN PERFORM named_practitioner_inbox_refresh(changed); END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER pathways_inbox_on_insert AFTER INSERT ON pathways
    REFERENCING NEW TABLE AS new_pathways FOR EACH STATEMENT EXECUTE FUNCTION pathways_started_to_inbox();
CREATE TRIGGER pathways_inbox_on_update AFTER UPDATE ON pathways
    REFERENCING OLD TABLE AS old_pathways NEW TABLE AS new_pathways FOR EACH STATEMENT EXECUTE FUNCTION pathways_changed_to_inbox();

-- A message from the person, or the wait ending: every named practitioner's row for the person.
-- The conversation's own row lock orders these, so each carries the latest values.
CREATE FUNCTION conversations_to_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM persons WHERE id = NEW.person_id FOR NO KEY UPDATE;
    UPDATE named_practitioner_inbox SET last_patient_sequence = NEW.last_patient_sequence, awaiting_reply_since = NEW.awaiting_reply_since
    WHERE person_id = NEW.person_id;
    RETURN NULL;
END $$;

CREATE TRIGGER conversations_inbox_on_insert AFTER INSERT ON conversations
    FOR EACH ROW EXECUTE FUNCTION conversations_to_inbox();
CREATE TRIGGER conversations_inbox_on_update AFTER UPDATE OF last_patient_sequence, awaiting_reply_since ON conversations
    FOR EACH ROW WHEN (NEW.last_patient_sequence IS DISTINCT FROM OLD.last_patient_sequence
                       OR NEW.awaiting_reply_since IS DISTINCT FROM OLD.awaiting_reply_since)
    EXECUTE FUNCTION conversations_to_inbox();

-- A member of staff reading: their row for the person, if they are the named practitioner. A read
-- mark only ever moves forward.
CREATE FUNCTION conversation_reads_to_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    person uuid;
BEGIN
    SELECT c.person_id INTO person FROM conversations c WHERE c.id = NEW.conversation_id;
    PERFORM 1 FROM persons WHERE id = person FOR NO KEY UPDATE;
    UPDATE named_practitioner_inbox SET last_read_sequence = greatest(last_read_sequence, NEW.last_read_sequence)
    WHERE person_id = person AND practitioner_id = NEW.user_id;
    RETURN NULL;
END $$;

CREATE TRIGGER conversation_reads_inbox AFTER INSERT OR UPDATE ON conversation_reads
    FOR EACH ROW EXECUTE FUNCTION conversation_reads_to_inbox();

-- What is there already: every active pathway, with its person's conversation as it stands.
INSERT INTO named_practitioner_inbox (pathway_id, practitioner_id, person_id, last_patient_sequence, last_read_sequence, awaiting_reply_since)
SELECT a.id, a.named_practitioner_id, a.person_id, coalesce(c.last_patient_sequence, 0), coalesce(r.last_read_sequence, 0), c.awaiting_reply_since
FROM pathways a
LEFT JOIN conversations c ON c.person_id = a.person_id
LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = a.named_practitioner_id
WHERE a.status = 1;
