-- Referrals (M9): a person referred from one presentation to an aftercare service, with the letter
-- (one jsonb document, fixed once sent), the colleagues named to add their part, the escalations of
-- a decline contrary to NICE NG225 to a senior clinician, and the history of every step with who
-- and when. Nothing here is ever deleted, and a history entry is never changed once written.

CREATE TABLE referrals (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    presentation_id uuid NOT NULL,
    presentation_arrived_at timestamp with time zone NOT NULL,
    service_id uuid NOT NULL,
    service_name character varying(200) NOT NULL,
    service_is_gp_practice boolean NOT NULL,
    team_id uuid NOT NULL,
    referrer_id uuid NOT NULL,
    referrer_name character varying(200) NOT NULL,
    status integer NOT NULL,
    letter jsonb NOT NULL,
    drafted_at timestamp with time zone NOT NULL,
    last_edited_by uuid,
    last_edited_at timestamp with time zone,
    sent_at timestamp with time zone,
    sent_by uuid,
    sent_by_name character varying(200),
    accepted_at timestamp with time zone,
    placed_on_waiting_list_at timestamp with time zone,
    decline_reason integer,
    decline_explanation character varying(4000),
    decline_alternative_service character varying(200),
    declined_at timestamp with time zone,
    declined_by_name character varying(200),
    is_contrary_to_guidance boolean NOT NULL,
    first_appointment_at timestamp with time zone,
    first_contact_at timestamp with time zone,
    closure integer,
    closure_detail character varying(2000),
    closed_at timestamp with time zone,
    resubmission_of uuid,
    resubmitted_as uuid,
    CONSTRAINT pk_referrals PRIMARY KEY (id),
    CONSTRAINT fk_referrals_aftercare_services_service_id FOREIGN KEY (service_id) REFERENCES aftercare_services (id) ON DELETE RESTRICT,
    CONSTRAINT fk_referrals_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_referrals_presentations_presentation_id FOREIGN KEY (presentation_id) REFERENCES presentations (id) ON DELETE RESTRICT,
    CONSTRAINT fk_referrals_teams_team_id FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT,
    CONSTRAINT ck_referrals_status CHECK (status BETWEEN 1 AND 8),
    -- What the domain's status machine promises, kept by the database too: a referral with the
    -- service was sent; a decline has its coded reason and the service's words; a flag rests on
    -- one of the six grounds NICE NG225 rules out; a closed referral has its outcome; the first
    -- aftercare contact is there exactly when the person has been seen.
    CONSTRAINT ck_referrals_with_the_service_was_sent CHECK (status IN (1, 8) OR sent_at IS NOT NULL),
    CONSTRAINT ck_referrals_decline_has_reason CHECK (status <> 4 OR (decline_reason IS NOT NULL AND decline_explanation IS NOT NULL)),
    CONSTRAINT ck_referrals_flag_rests_on_guidance CHECK (NOT is_contrary_to_guidance OR decline_reason BETWEEN 1 AND 6),
    CONSTRAINT ck_referrals_closed_has_outcome CHECK ((status = 8) = (closure IS NOT NULL)),
    CONSTRAINT ck_referrals_first_contact_when_seen CHECK ((status = 7) = (first_contact_at IS NOT NULL))
);

CREATE INDEX ix_referrals_person_id_drafted_at ON referrals (person_id, drafted_at);
CREATE INDEX ix_referrals_presentation_id ON referrals (presentation_id);
-- The receiving service's inbox: what has been sent to it, by where it stands. Drafts are the referrer's alone.
CREATE INDEX ix_referrals_sent_by_service ON referrals (service_id, status, sent_at) WHERE sent_at IS NOT NULL;
-- The team's standing declines contrary to NICE NG225: few at any time and read on every team
-- worklist, so a small index that holds what the worklist shows and counts.
CREATE INDEX ix_referrals_declined_contrary_to_guidance ON referrals (team_id, declined_at)
    INCLUDE (id, person_id, service_name, decline_reason) WHERE status = 4 AND is_contrary_to_guidance;

CREATE TABLE referral_contributors (
    id uuid NOT NULL,
    referral_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    discipline integer NOT NULL,
    role character varying(200),
    staff_id uuid,
    named_by uuid NOT NULL,
    named_at timestamp with time zone NOT NULL,
    part character varying(8000),
    part_written_by uuid,
    part_written_by_name character varying(200),
    part_written_at timestamp with time zone,
    removed_by uuid,
    removed_at timestamp with time zone,
    removal_reason character varying(2000),
    CONSTRAINT pk_referral_contributors PRIMARY KEY (id),
    CONSTRAINT fk_referral_contributors_referrals_referral_id FOREIGN KEY (referral_id) REFERENCES referrals (id) ON DELETE RESTRICT
);

CREATE INDEX ix_referral_contributors_referral_id ON referral_contributors (referral_id);
-- A colleague's list of letters waiting for their part.
CREATE INDEX ix_referral_contributors_waiting_by_staff ON referral_contributors (staff_id) WHERE part IS NULL AND removed_at IS NULL;

CREATE TABLE referral_escalations (
    id uuid NOT NULL,
    referral_id uuid NOT NULL,
    senior_clinician_id uuid NOT NULL,
    senior_clinician_name character varying(200) NOT NULL,
    decline_reason integer NOT NULL,
    note character varying(2000),
    escalated_by uuid NOT NULL,
    escalated_by_name character varying(200) NOT NULL,
    escalated_at timestamp with time zone NOT NULL,
    outcome integer,
    outcome_detail character varying(2000),
    outcome_recorded_by uuid,
    outcome_recorded_by_name character varying(200),
    outcome_recorded_at timestamp with time zone,
    CONSTRAINT pk_referral_escalations PRIMARY KEY (id),
    CONSTRAINT fk_referral_escalations_referrals_referral_id FOREIGN KEY (referral_id) REFERENCES referrals (id) ON DELETE RESTRICT,
    -- An outcome is recorded with what happened, who recorded it and when, or not at all.
    CONSTRAINT ck_referral_escalations_outcome_complete CHECK (
        (outcome IS NULL) = (outcome_detail IS NULL) AND (outcome IS NULL) = (outcome_recorded_at IS NULL))
);

CREATE INDEX ix_referral_escalations_referral_id ON referral_escalations (referral_id);

CREATE TABLE referral_history (
    id uuid NOT NULL,
    referral_id uuid NOT NULL,
    sequence integer NOT NULL,
    kind integer NOT NULL,
    status_after integer NOT NULL,
    by uuid NOT NULL,
    by_name character varying(200) NOT NULL,
    at timestamp with time zone NOT NULL,
    detail text,
    decline_reason integer,
    closure integer,
    CONSTRAINT pk_referral_history PRIMARY KEY (id),
    CONSTRAINT fk_referral_history_referrals_referral_id FOREIGN KEY (referral_id) REFERENCES referrals (id) ON DELETE RESTRICT
);

-- Two saves appending the same step can never both land, whatever the application does.
CREATE UNIQUE INDEX ix_referral_history_referral_id_sequence ON referral_history (referral_id, sequence);

-- What happened to a referral is never rewritten: the history only grows.
CREATE FUNCTION referral_history_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'referral_history is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER referral_history_no_update_or_delete
    BEFORE UPDATE OR DELETE ON referral_history
    FOR EACH ROW EXECUTE FUNCTION referral_history_is_append_only();
