-- The care pathway (ASSURED by default): planned contacts with windows and due times from the
-- assessment's sign-off, cover and handover of the named practitioner, recorded sessions, the
-- letters at 3, 6 and 9 months, team caseload limits, and the due-work table that the timers
-- claim with FOR UPDATE SKIP LOCKED (ADR 0007).

ALTER TABLE teams ADD COLUMN caseload_limit integer;
ALTER TABLE teams ADD COLUMN video_link character varying(500);
ALTER TABLE teams ADD CONSTRAINT ck_teams_caseload_limit CHECK (caseload_limit IS NULL OR caseload_limit BETWEEN 1 AND 200);

CREATE TABLE pathways (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    team_id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    definition_code character varying(40) NOT NULL,
    definition_name character varying(200) NOT NULL,
    started_at timestamp with time zone NOT NULL,
    named_practitioner_id uuid NOT NULL,
    status integer NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT pk_pathways PRIMARY KEY (id),
    CONSTRAINT fk_pathways_assessments_assessment_id FOREIGN KEY (assessment_id) REFERENCES assessments (id) ON DELETE RESTRICT,
    CONSTRAINT fk_pathways_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_pathways_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_pathways_assessment_id ON pathways (assessment_id);
CREATE INDEX ix_pathways_named_practitioner_id_status ON pathways (named_practitioner_id, status);
CREATE INDEX ix_pathways_person_id_started_at ON pathways (person_id, started_at);
CREATE INDEX ix_pathways_team_id_status ON pathways (team_id, status);

CREATE TABLE planned_contacts (
    id uuid NOT NULL,
    pathway_id uuid NOT NULL,
    person_id uuid NOT NULL,
    team_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    sequence integer NOT NULL,
    key character varying(40) NOT NULL,
    label character varying(200) NOT NULL,
    kind integer NOT NULL,
    letter_month integer,
    opens_at timestamp with time zone NOT NULL,
    due_at timestamp with time zone NOT NULL,
    status integer NOT NULL,
    done_at timestamp with time zone,
    done_by uuid,
    session_id uuid,
    closed_reason character varying(1000),
    closed_at timestamp with time zone,
    closed_by uuid,
    overdue_recorded_at timestamp with time zone,
    CONSTRAINT pk_planned_contacts PRIMARY KEY (id),
    CONSTRAINT fk_planned_contacts_pathways_pathway_id FOREIGN KEY (pathway_id) REFERENCES pathways (id) ON DELETE RESTRICT
);

CREATE INDEX ix_planned_contacts_open_by_practitioner ON planned_contacts (practitioner_id, due_at) WHERE status = 1;
CREATE INDEX ix_planned_contacts_open_by_team ON planned_contacts (team_id, due_at) WHERE status = 1;
CREATE UNIQUE INDEX ix_planned_contacts_pathway_id_sequence ON planned_contacts (pathway_id, sequence);
CREATE INDEX ix_planned_contacts_person_id_due_at ON planned_contacts (person_id, due_at);

CREATE TABLE pathway_covers (
    id uuid NOT NULL,
    pathway_id uuid NOT NULL,
    covering_practitioner_id uuid NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    reason character varying(1000) NOT NULL,
    arranged_by uuid NOT NULL,
    arranged_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    ended_by uuid,
    CONSTRAINT pk_pathway_covers PRIMARY KEY (id),
    CONSTRAINT fk_pathway_covers_pathways_pathway_id FOREIGN KEY (pathway_id) REFERENCES pathways (id) ON DELETE RESTRICT
);

CREATE INDEX ix_pathway_covers_covering_practitioner_id_ends_at ON pathway_covers (covering_practitioner_id, ends_at);
CREATE INDEX ix_pathway_covers_pathway_id ON pathway_covers (pathway_id);

CREATE TABLE pathway_practitioner_changes (
    id uuid NOT NULL,
    from_practitioner_id uuid,
    to_practitioner_id uuid NOT NULL,
    reason character varying(1000),
    changed_by uuid NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    pathway_id uuid NOT NULL,
    CONSTRAINT pk_pathway_practitioner_changes PRIMARY KEY (id),
    CONSTRAINT fk_pathway_practitioner_changes_pathways_pathway_id FOREIGN KEY (pathway_id) REFERENCES pathways (id) ON DELETE CASCADE
);

CREATE INDEX ix_pathway_practitioner_changes_pathway_id ON pathway_practitioner_changes (pathway_id);

CREATE TABLE care_sessions (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    pathway_id uuid,
    planned_contact_id uuid,
    practitioner_id uuid NOT NULL,
    practitioner_name character varying(200) NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    mode integer NOT NULL,
    outcome integer NOT NULL,
    notes text,
    adaptations integer NOT NULL,
    adaptation_notes text,
    alliance jsonb,
    re_engagement jsonb NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    solution_focused_already_working text,
    solution_focused_best_hopes text,
    solution_focused_next_step text,
    solution_focused_preferred_future text,
    solution_focused_scale integer,
    CONSTRAINT pk_care_sessions PRIMARY KEY (id),
    CONSTRAINT fk_care_sessions_pathways_pathway_id FOREIGN KEY (pathway_id) REFERENCES pathways (id) ON DELETE RESTRICT,
    CONSTRAINT fk_care_sessions_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT
);

CREATE INDEX ix_care_sessions_pathway_id ON care_sessions (pathway_id);
CREATE INDEX ix_care_sessions_person_id_occurred_at ON care_sessions (person_id, occurred_at);
CREATE INDEX ix_care_sessions_planned_contact_id ON care_sessions (planned_contact_id);

CREATE TABLE aftercare_letters (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    pathway_id uuid NOT NULL,
    planned_contact_id uuid NOT NULL,
    month integer NOT NULL,
    body character varying(6000) NOT NULL,
    status integer NOT NULL,
    drafted_at timestamp with time zone NOT NULL,
    last_edited_by uuid,
    last_edited_at timestamp with time zone,
    approved_by uuid,
    approved_by_name character varying(200),
    approved_at timestamp with time zone,
    sent_by integer,
    sent_at timestamp with time zone,
    sent_recorded_by uuid,
    CONSTRAINT pk_aftercare_letters PRIMARY KEY (id),
    CONSTRAINT fk_aftercare_letters_pathways_pathway_id FOREIGN KEY (pathway_id) REFERENCES pathways (id) ON DELETE RESTRICT,
    CONSTRAINT fk_aftercare_letters_planned_contacts_planned_contact_id FOREIGN KEY (planned_contact_id) REFERENCES planned_contacts (id) ON DELETE RESTRICT
);

CREATE INDEX ix_aftercare_letters_pathway_id ON aftercare_letters (pathway_id);
CREATE INDEX ix_aftercare_letters_person_id ON aftercare_letters (person_id);
CREATE UNIQUE INDEX ix_aftercare_letters_planned_contact_id ON aftercare_letters (planned_contact_id);

CREATE TABLE due_work (
    id bigint GENERATED ALWAYS AS IDENTITY,
    kind character varying(40) NOT NULL,
    subject_id uuid NOT NULL,
    due_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone NOT NULL,
    fired_at timestamp with time zone,
    fired_by character varying(100),
    attempts integer NOT NULL,
    last_error character varying(2000),
    CONSTRAINT pk_due_work PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_due_work_kind_subject_id ON due_work (kind, subject_id);
CREATE INDEX ix_due_work_waiting ON due_work (due_at) WHERE fired_at IS NULL;

ALTER TABLE care_sessions ADD CONSTRAINT ck_care_sessions_scale CHECK (solution_focused_scale IS NULL OR solution_focused_scale BETWEEN 0 AND 10);

-- Nothing clinical is deleted: a planned contact is done or closed with a reason, a session or
-- letter stays as recorded, and the history of who was named is kept.
CREATE FUNCTION clinical_rows_are_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% keeps its history: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER pathways_no_delete BEFORE DELETE ON pathways
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER pathways_no_truncate BEFORE TRUNCATE ON pathways
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER planned_contacts_no_delete BEFORE DELETE ON planned_contacts
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER planned_contacts_no_truncate BEFORE TRUNCATE ON planned_contacts
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER pathway_covers_no_delete BEFORE DELETE ON pathway_covers
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER pathway_covers_no_truncate BEFORE TRUNCATE ON pathway_covers
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER pathway_practitioner_changes_no_delete BEFORE DELETE ON pathway_practitioner_changes
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER pathway_practitioner_changes_no_truncate BEFORE TRUNCATE ON pathway_practitioner_changes
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER care_sessions_no_delete BEFORE DELETE ON care_sessions
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER care_sessions_no_truncate BEFORE TRUNCATE ON care_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER aftercare_letters_no_delete BEFORE DELETE ON aftercare_letters
    FOR EACH ROW EXECUTE FUNCTION clinical_rows_are_never_deleted();
CREATE TRIGGER aftercare_letters_no_truncate BEFORE TRUNCATE ON aftercare_letters
    FOR EACH STATEMENT EXECUTE FUNCTION clinical_rows_are_never_deleted();
