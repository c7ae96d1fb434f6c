-- Who has the team's crisis alerts (the duty rota), how long an alert may wait before it goes to
-- the supervisor, and the crisis rules a team adds to the defaults. Shifts and rules are added and
-- ended or retired, never edited or deleted: who was on duty, and what flagged a message, on any
-- day can always be answered.
ALTER TABLE teams ADD COLUMN alert_escalation_minutes integer NOT NULL DEFAULT 10;
ALTER TABLE teams ADD CONSTRAINT ck_teams_alert_escalation_minutes CHECK (alert_escalation_minutes BETWEEN 1 AND 60);

CREATE TABLE duty_shifts (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    arranged_by uuid NOT NULL,
    arranged_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    CONSTRAINT pk_duty_shifts PRIMARY KEY (id),
    CONSTRAINT fk_duty_shifts_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT,
    CONSTRAINT fk_duty_shifts_user_accounts_practitioner_id FOREIGN KEY (practitioner_id) REFERENCES user_accounts (id) ON DELETE RESTRICT,
    CONSTRAINT ck_duty_shifts_ends_after_start CHECK (ends_at > starts_at)
);
-- "Who is on duty now" and the rota ahead: the team's shifts that have not ended yet.
CREATE INDEX ix_duty_shifts_team_id_ends_at ON duty_shifts (team_id, ends_at);

CREATE TABLE team_crisis_rules (
    id uuid NOT NULL,
    team_id uuid NOT NULL,
    rule_id character varying(40) NOT NULL,
    kind integer NOT NULL,
    name character varying(80) NOT NULL,
    reason character varying(300) NOT NULL,
    groups jsonb NOT NULL,
    added_by uuid NOT NULL,
    added_at timestamp with time zone NOT NULL,
    retired_by uuid,
    retired_at timestamp with time zone,
    CONSTRAINT pk_team_crisis_rules PRIMARY KEY (id),
    CONSTRAINT fk_team_crisis_rules_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_team_crisis_rules_team_id_rule_id ON team_crisis_rules (team_id, rule_id);

-- A rule once added keeps its words: only its retirement may be recorded.
CREATE FUNCTION team_crisis_rules_keep_their_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'team crisis rules are retired, never deleted';
    END IF;
    IF (NEW.team_id, NEW.rule_id, NEW.kind, NEW.name, NEW.reason, NEW.groups, NEW.added_by, NEW.added_at)
       IS DISTINCT FROM (OLD.team_id, OLD.rule_id, OLD.kind, OLD.name, OLD.reason, OLD.groups, OLD.added_by, OLD.added_at)
       OR OLD.retired_at IS NOT NULL THEN
        RAISE EXCEPTION 'a team crisis rule keeps its words; only its retirement is recorded, once';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER team_crisis_rules_keep_their_words BEFORE UPDATE OR DELETE ON team_crisis_rules
    FOR EACH ROW EXECUTE FUNCTION team_crisis_rules_keep_their_words();
