-- Duty alerts (M12): a person's message that may signal immediate danger is put in front of the
-- practitioner on duty with the reasons it was flagged, escalates to the supervisor when nobody takes
-- it on in time, and closes only with what was done. A flagged message and its alert are saved
-- together or not at all: the database checks, when the transaction commits, that every message
-- marked as having raised an alert has one (hazard H52). And the supervisor's notes on a transcript,
-- kept as written, for the team only (hazard H54).

ALTER TABLE messages ADD COLUMN raised_alert boolean NOT NULL DEFAULT false;
-- Only the person's own messages are read against the crisis rules.
ALTER TABLE messages ADD CONSTRAINT ck_messages_raised_alert CHECK (NOT raised_alert OR sender_kind = 1);

CREATE TABLE duty_alerts (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    person_id uuid NOT NULL,
    message_id uuid NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    reasons jsonb NOT NULL,
    duty_practitioner_id uuid,
    escalates_at timestamp with time zone NOT NULL,
    acknowledged_at timestamp with time zone,
    acknowledged_by uuid,
    escalated_at timestamp with time zone,
    responded_at timestamp with time zone,
    responded_by uuid,
    response integer,
    response_note character varying(2000),
    CONSTRAINT pk_duty_alerts PRIMARY KEY (id),
    CONSTRAINT fk_duty_alerts_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT,
    CONSTRAINT fk_duty_alerts_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_duty_alerts_messages_message_id FOREIGN KEY (message_id) REFERENCES messages (id) ON DELETE RESTRICT,
    -- Closed only with what was done, by whom and when.
    CONSTRAINT ck_duty_alerts_response CHECK ((responded_at IS NULL) = (response IS NULL) AND (responded_at IS NULL) = (responded_by IS NULL))
);
-- One alert per message, however often a send is retried.
CREATE UNIQUE INDEX ix_duty_alerts_message_id ON duty_alerts (message_id);
-- The banner on every clinician's page and the open alerts first on the team's list: the team's
-- open alerts, with who they went to, read from the index alone.
CREATE INDEX ix_duty_alerts_open_by_team ON duty_alerts (team_id, raised_at) INCLUDE (id, duty_practitioner_id, acknowledged_by, escalated_at)
    WHERE responded_at IS NULL;
-- The team's list of alerts, newest first, a page at a time.
CREATE INDEX ix_duty_alerts_team_id_raised_at ON duty_alerts (team_id, raised_at);
CREATE INDEX ix_duty_alerts_person_id ON duty_alerts (person_id);

CREATE TRIGGER duty_alerts_no_delete BEFORE DELETE ON duty_alerts
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER duty_alerts_no_truncate BEFORE TRUNCATE ON duty_alerts
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();

-- A message that raised an alert has it by the time its transaction commits: checked then (not
-- row by row), so the message and its alert can be inserted in either order, and never one alone.
CREATE FUNCTION flagged_messages_have_their_alert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.raised_alert AND NOT EXISTS (SELECT 1 FROM duty_alerts WHERE message_id = NEW.id) THEN
        RAISE EXCEPTION 'a message that may signal immediate danger is saved only with its duty alert'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER messages_flagged_have_their_alert
    AFTER INSERT OR UPDATE ON messages DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.raised_alert) EXECUTE FUNCTION flagged_messages_have_their_alert();

-- Whether a message raised an alert is part of it as sent, like its words.
CREATE FUNCTION messages_keep_whether_they_raised_an_alert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.raised_alert IS DISTINCT FROM OLD.raised_alert THEN
        RAISE EXCEPTION 'whether a message raised a duty alert is kept as it was sent'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER messages_keep_raised_alert BEFORE UPDATE ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_keep_whether_they_raised_an_alert();

CREATE TABLE supervisor_notes (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    about_sequence integer,
    written_by uuid NOT NULL,
    written_by_name character varying(200) NOT NULL,
    body character varying(4000) NOT NULL,
    written_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervisor_notes PRIMARY KEY (id),
    CONSTRAINT fk_supervisor_notes_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervisor_notes_user_accounts_written_by FOREIGN KEY (written_by) REFERENCES user_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT ck_supervisor_notes_about_sequence CHECK (about_sequence IS NULL OR about_sequence >= 1)
);
CREATE INDEX ix_supervisor_notes_person_id_written_at ON supervisor_notes (person_id, written_at);

-- Notes are added, never changed or removed.
CREATE FUNCTION supervisor_notes_are_kept_as_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'supervision notes are kept as written: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER supervisor_notes_no_change_or_delete BEFORE UPDATE OR DELETE ON supervisor_notes
    FOR EACH ROW EXECUTE FUNCTION supervisor_notes_are_kept_as_written();
CREATE TRIGGER supervisor_notes_no_truncate BEFORE TRUNCATE ON supervisor_notes
    FOR EACH STATEMENT EXECUTE FUNCTION supervisor_notes_are_kept_as_written();
