-- Supervision and training (M14). A supervisor records each supervision session with a
-- practitioner of the team: the people of the team's care discussed, the transcripts and care
-- sessions reviewed, and the actions agreed. A session is kept as recorded (a correction is an
-- addendum); an action is closed as done or no longer needed with who, when and why, and never
-- deleted, so an action about a person's safety cannot be lost (hazard H55). Training modules of
-- the deployment with their refresh intervals, and each completion as recorded.

CREATE TABLE supervision_sessions (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    supervisor_name character varying(200) NOT NULL,
    practitioner_id uuid NOT NULL,
    practitioner_name character varying(200) NOT NULL,
    held_on date NOT NULL,
    duration_minutes integer,
    kind integer NOT NULL,
    covered character varying(4000),
    recorded_by uuid NOT NULL,
    recorded_by_name character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_sessions PRIMARY KEY (id),
    CONSTRAINT fk_supervision_sessions_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_sessions_user_accounts_supervisor_id FOREIGN KEY (supervisor_id) REFERENCES user_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_sessions_user_accounts_practitioner_id FOREIGN KEY (practitioner_id) REFERENCES user_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT ck_supervision_sessions_kind CHECK (kind IN (1, 2, 3)),
    CONSTRAINT ck_supervision_sessions_duration CHECK (duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 600)
);
-- A practitioner's history, newest first; and the team's sessions by date (the supervisor's list,
-- "supervision due" on the dashboards).
CREATE INDEX ix_supervision_sessions_practitioner_id_held_on ON supervision_sessions (practitioner_id, held_on);
CREATE INDEX ix_supervision_sessions_team_id_held_on ON supervision_sessions (team_id, held_on);

CREATE TABLE supervision_cases (
    id uuid NOT NULL,
    supervision_session_id uuid NOT NULL,
    person_id uuid NOT NULL,
    discussed character varying(2000) NOT NULL,
    CONSTRAINT pk_supervision_cases PRIMARY KEY (id),
    CONSTRAINT fk_supervision_cases_supervision_sessions_supervision_session_id FOREIGN KEY (supervision_session_id) REFERENCES supervision_sessions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_cases_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT
);
CREATE INDEX ix_supervision_cases_supervision_session_id ON supervision_cases (supervision_session_id);
CREATE INDEX ix_supervision_cases_person_id ON supervision_cases (person_id);

CREATE TABLE supervision_reviews (
    id uuid NOT NULL,
    supervision_session_id uuid NOT NULL,
    kind integer NOT NULL,
    person_id uuid NOT NULL,
    care_session_id uuid,
    CONSTRAINT pk_supervision_reviews PRIMARY KEY (id),
    CONSTRAINT fk_supervision_reviews_supervision_sessions_supervision_session_id FOREIGN KEY (supervision_session_id) REFERENCES supervision_sessions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_reviews_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_reviews_care_sessions_care_session_id FOREIGN KEY (care_session_id) REFERENCES care_sessions (id) ON DELETE RESTRICT,
    -- A transcript is a person's; a care session names itself.
    CONSTRAINT ck_supervision_reviews_kind CHECK ((kind = 1 AND care_session_id IS NULL) OR (kind = 2 AND care_session_id IS NOT NULL))
);
CREATE INDEX ix_supervision_reviews_supervision_session_id ON supervision_reviews (supervision_session_id);
CREATE INDEX ix_supervision_reviews_person_id ON supervision_reviews (person_id);

CREATE TABLE supervision_actions (
    id uuid NOT NULL,
    supervision_session_id uuid NOT NULL,
    team_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    supervisor_id uuid NOT NULL,
    owner integer NOT NULL,
    owner_id uuid NOT NULL,
    position integer NOT NULL,
    text character varying(1000) NOT NULL,
    about_person_id uuid,
    agreed_on date NOT NULL,
    due_on date,
    status integer NOT NULL,
    closed_at timestamp with time zone,
    closed_by uuid,
    closed_by_name character varying(200),
    closed_note character varying(1000),
    CONSTRAINT pk_supervision_actions PRIMARY KEY (id),
    CONSTRAINT fk_supervision_actions_supervision_sessions_supervision_session_id FOREIGN KEY (supervision_session_id) REFERENCES supervision_sessions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_actions_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT,
    CONSTRAINT fk_supervision_actions_persons_about_person_id FOREIGN KEY (about_person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT ck_supervision_actions_owner CHECK (owner IN (1, 2)),
    CONSTRAINT ck_supervision_actions_status CHECK (status IN (1, 2, 3)),
    -- Closed only with who and when; no longer needed only with why.
    CONSTRAINT ck_supervision_actions_closed CHECK ((status = 1) = (closed_at IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL)),
    CONSTRAINT ck_supervision_actions_why CHECK (status <> 3 OR closed_note IS NOT NULL)
);
CREATE UNIQUE INDEX ix_supervision_actions_supervision_session_id_position ON supervision_actions (supervision_session_id, position);
-- Open actions by whoever carries them, soonest due first: "my supervision", the line on "my work".
CREATE INDEX ix_supervision_actions_open_by_owner ON supervision_actions (owner_id, due_on) WHERE status = 1;
-- The team's open actions for each practitioner: the supervisor's list, the dashboards.
CREATE INDEX ix_supervision_actions_open_by_team ON supervision_actions (team_id, practitioner_id) WHERE status = 1;
CREATE INDEX ix_supervision_actions_practitioner_id_agreed_on ON supervision_actions (practitioner_id, agreed_on);

CREATE TABLE supervision_action_history (
    id uuid NOT NULL,
    supervision_action_id uuid NOT NULL,
    status integer NOT NULL,
    at timestamp with time zone NOT NULL,
    by uuid NOT NULL,
    by_name character varying(200) NOT NULL,
    note character varying(1000),
    CONSTRAINT pk_supervision_action_history PRIMARY KEY (id),
    CONSTRAINT fk_supervision_action_history_supervision_actions_supervision_action_id FOREIGN KEY (supervision_action_id) REFERENCES supervision_actions (id) ON DELETE RESTRICT
);
CREATE INDEX ix_supervision_action_history_supervision_action_id ON supervision_action_history (supervision_action_id);

CREATE TABLE supervision_addenda (
    id uuid NOT NULL,
    supervision_session_id uuid NOT NULL,
    text character varying(4000) NOT NULL,
    added_by uuid NOT NULL,
    added_by_name character varying(200) NOT NULL,
    added_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_supervision_addenda PRIMARY KEY (id),
    CONSTRAINT fk_supervision_addenda_supervision_sessions_supervision_session_id FOREIGN KEY (supervision_session_id) REFERENCES supervision_sessions (id) ON DELETE RESTRICT
);
CREATE INDEX ix_supervision_addenda_supervision_session_id_added_at ON supervision_addenda (supervision_session_id, added_at);

-- Kept as recorded: a session, its cases, reviews and addenda, an action's history and a training
-- record are never changed or removed.
CREATE FUNCTION supervision_rows_are_kept_as_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'supervision and training records are kept as recorded: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER supervision_sessions_no_change_or_delete BEFORE UPDATE OR DELETE ON supervision_sessions
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_sessions_no_truncate BEFORE TRUNCATE ON supervision_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_cases_no_change_or_delete BEFORE UPDATE OR DELETE ON supervision_cases
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_cases_no_truncate BEFORE TRUNCATE ON supervision_cases
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_reviews_no_change_or_delete BEFORE UPDATE OR DELETE ON supervision_reviews
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_reviews_no_truncate BEFORE TRUNCATE ON supervision_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_addenda_no_change_or_delete BEFORE UPDATE OR DELETE ON supervision_addenda
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_addenda_no_truncate BEFORE TRUNCATE ON supervision_addenda
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_action_history_no_change_or_delete BEFORE UPDATE OR DELETE ON supervision_action_history
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_action_history_no_truncate BEFORE TRUNCATE ON supervision_action_history
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();

-- An action is never deleted, and changes only once: from open to done or no longer needed, with
-- what it was agreed as left as it was.
CREATE FUNCTION supervision_actions_close_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 1 OR NEW.status = 1
       OR (NEW.supervision_session_id, NEW.team_id, NEW.practitioner_id, NEW.supervisor_id, NEW.owner, NEW.owner_id, NEW.position,
           NEW.text, NEW.about_person_id, NEW.agreed_on, NEW.due_on)
          IS DISTINCT FROM
          (OLD.supervision_session_id, OLD.team_id, OLD.practitioner_id, OLD.supervisor_id, OLD.owner, OLD.owner_id, OLD.position,
           OLD.text, OLD.about_person_id, OLD.agreed_on, OLD.due_on) THEN
        RAISE EXCEPTION 'a supervision action is kept as agreed and closed once'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER supervision_actions_close_once BEFORE UPDATE ON supervision_actions
    FOR EACH ROW EXECUTE FUNCTION supervision_actions_close_once();
CREATE TRIGGER supervision_actions_no_delete BEFORE DELETE ON supervision_actions
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER supervision_actions_no_truncate BEFORE TRUNCATE ON supervision_actions
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();

CREATE TABLE training_modules (
    id uuid NOT NULL,
    code character varying(40) NOT NULL,
    name character varying(200) NOT NULL,
    description character varying(2000),
    refresh_months integer,
    created_at timestamp with time zone NOT NULL,
    retired_at timestamp with time zone,
    CONSTRAINT pk_training_modules PRIMARY KEY (id),
    CONSTRAINT ck_training_modules_refresh CHECK (refresh_months IS NULL OR refresh_months BETWEEN 1 AND 120)
);
-- Seeding the default modules from configuration adds each once, however often it runs.
CREATE UNIQUE INDEX ix_training_modules_code ON training_modules (code);

CREATE TABLE training_records (
    id uuid NOT NULL,
    staff_id uuid NOT NULL,
    training_module_id uuid NOT NULL,
    completed_on date NOT NULL,
    recorded_by uuid NOT NULL,
    recorded_by_name character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    evidence character varying(1000),
    CONSTRAINT pk_training_records PRIMARY KEY (id),
    CONSTRAINT fk_training_records_user_accounts_staff_id FOREIGN KEY (staff_id) REFERENCES user_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT fk_training_records_training_modules_training_module_id FOREIGN KEY (training_module_id) REFERENCES training_modules (id) ON DELETE RESTRICT
);
-- A person's latest completion of each module, from the index alone: the team's matrix joins the
-- team's staff to this, and "training due" on "my work" and the dashboards read it.
CREATE INDEX ix_training_records_staff_id_training_module_id_completed_on ON training_records (staff_id, training_module_id, completed_on DESC);
CREATE INDEX ix_training_records_training_module_id ON training_records (training_module_id);

CREATE TRIGGER training_records_no_change_or_delete BEFORE UPDATE OR DELETE ON training_records
    FOR EACH ROW EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
CREATE TRIGGER training_records_no_truncate BEFORE TRUNCATE ON training_records
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_rows_are_kept_as_recorded();
