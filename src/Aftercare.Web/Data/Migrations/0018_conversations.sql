-- Secure messaging between a person and their care team (M11): one conversation per person, its
-- messages in order, how far each reader has read, and when the team reads messages and how soon it
-- replies. Messages are the record of what was said: the database refuses to change or remove one.

-- Every team reads messages Monday to Friday, 9am to 5pm, and replies within 16 reading hours (two
-- working days) until its supervisor says otherwise (ReadingHours.ToStored's form).
ALTER TABLE teams ADD COLUMN message_reading_hours character varying(200) NOT NULL
    DEFAULT 'Mo 09:00-17:00;Tu 09:00-17:00;We 09:00-17:00;Th 09:00-17:00;Fr 09:00-17:00';
ALTER TABLE teams ADD COLUMN message_reply_within_hours integer NOT NULL DEFAULT 16;
ALTER TABLE teams ADD CONSTRAINT ck_teams_message_reply_within_hours CHECK (message_reply_within_hours BETWEEN 1 AND 80);

CREATE TABLE conversations (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    last_sequence integer NOT NULL,
    last_patient_sequence integer NOT NULL,
    last_message_at timestamp with time zone,
    awaiting_reply_since timestamp with time zone,
    automatic_reply_covers_until timestamp with time zone,
    CONSTRAINT pk_conversations PRIMARY KEY (id),
    CONSTRAINT fk_conversations_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT ck_conversations_sequences CHECK (last_sequence >= 0 AND last_patient_sequence BETWEEN 0 AND last_sequence)
);
-- One per person; what the header and "my work" ask of it is carried in the index.
CREATE UNIQUE INDEX ix_conversations_person_id ON conversations (person_id) INCLUDE (id, last_patient_sequence, awaiting_reply_since);

CREATE TABLE messages (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    sequence integer NOT NULL,
    sender_kind integer NOT NULL,
    sender_id uuid,
    sender_name character varying(200) NOT NULL,
    body text NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    sent_out_of_hours boolean NOT NULL,
    CONSTRAINT pk_messages PRIMARY KEY (id),
    CONSTRAINT fk_messages_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE RESTRICT,
    CONSTRAINT ck_messages_sequence CHECK (sequence >= 1),
    -- The person (1) or staff (2) write from their own account; an automatic reply (3) from none.
    CONSTRAINT ck_messages_sender CHECK (sender_kind IN (1, 2, 3) AND (sender_kind = 3) = (sender_id IS NULL)),
    -- 4,000 characters as a reader counts them (an emoji is one) is far fewer than this; a bound all the same.
    CONSTRAINT ck_messages_body CHECK (char_length(body) BETWEEN 1 AND 40000)
);
-- Two messages can never take one place in a conversation; the transcript is read from here.
CREATE UNIQUE INDEX ix_messages_conversation_id_sequence ON messages (conversation_id, sequence);

CREATE TABLE conversation_reads (
    conversation_id uuid NOT NULL,
    user_id uuid NOT NULL,
    last_read_sequence integer NOT NULL,
    read_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conversation_reads PRIMARY KEY (conversation_id, user_id),
    CONSTRAINT fk_conversation_reads_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_conversation_reads_user_accounts_user_id FOREIGN KEY (user_id) REFERENCES user_accounts (id) ON DELETE RESTRICT
);
CREATE INDEX ix_conversation_reads_user_id ON conversation_reads (user_id);

-- The people a practitioner is named for now, from the index alone (the header's count and "my work").
CREATE INDEX ix_pathways_active_by_named_practitioner ON pathways (named_practitioner_id) INCLUDE (person_id) WHERE status = 1;

-- A message stays as it was sent: who sent it, what it said and when can never be changed, and it
-- can never be removed. Other columns may be added to a message later (what was done about it)
-- and changed; its words and its place never.
CREATE FUNCTION messages_are_kept_as_sent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.conversation_id = OLD.conversation_id AND NEW.sequence = OLD.sequence
       AND NEW.sender_kind = OLD.sender_kind AND NEW.sender_id IS NOT DISTINCT FROM OLD.sender_id AND NEW.sender_name = OLD.sender_name
       AND NEW.body = OLD.body AND NEW.sent_at = OLD.sent_at AND NEW.sent_out_of_hours = OLD.sent_out_of_hours THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'messages are kept as sent: % of what was said is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER messages_no_change_or_delete
    BEFORE UPDATE OR DELETE ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_are_kept_as_sent();
CREATE TRIGGER messages_no_truncate
    BEFORE TRUNCATE ON messages
    FOR EACH STATEMENT EXECUTE FUNCTION messages_are_kept_as_sent();
CREATE TRIGGER conversations_no_delete BEFORE DELETE ON conversations
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER conversations_no_truncate BEFORE TRUNCATE ON conversations
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
