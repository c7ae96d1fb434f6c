-- Patients sign in, with the same password rules as staff: the account table holds both kinds,
-- each row either a member of staff (role) or a patient (person_id), never both.
-- The safety plan, its versions (append-only), share links and patient invitations.

ALTER TABLE staff_users RENAME TO user_accounts;
ALTER TABLE staff_user_claims RENAME TO user_account_claims;
ALTER TABLE staff_user_logins RENAME TO user_account_logins;
ALTER TABLE staff_user_tokens RENAME TO user_account_tokens;
ALTER INDEX ix_staff_users_team_id RENAME TO ix_user_accounts_team_id;
ALTER INDEX ix_staff_user_claims_user_id RENAME TO ix_user_account_claims_user_id;
ALTER INDEX ix_staff_user_logins_user_id RENAME TO ix_user_account_logins_user_id;
ALTER TABLE user_accounts RENAME CONSTRAINT pk_staff_users TO pk_user_accounts;

ALTER TABLE user_accounts ALTER COLUMN role DROP NOT NULL;
ALTER TABLE user_accounts ADD COLUMN person_id uuid;
ALTER TABLE user_accounts ADD CONSTRAINT fk_user_accounts_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT;
ALTER TABLE user_accounts ADD CONSTRAINT ck_user_accounts_staff_or_patient CHECK ((role IS NULL) <> (person_id IS NULL));
CREATE UNIQUE INDEX ix_user_accounts_person_id ON user_accounts (person_id);

CREATE TABLE safety_plans (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    current_version integer NOT NULL,
    current_content jsonb NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    updated_by_id uuid NOT NULL,
    updated_by_kind integer NOT NULL,
    updated_by_name character varying(200) NOT NULL,
    CONSTRAINT pk_safety_plans PRIMARY KEY (id),
    CONSTRAINT fk_safety_plans_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_safety_plans_person_id ON safety_plans (person_id);

CREATE TABLE safety_plan_versions (
    id uuid NOT NULL,
    safety_plan_id uuid NOT NULL,
    number integer NOT NULL,
    content jsonb NOT NULL,
    saved_at timestamp with time zone NOT NULL,
    saved_by_id uuid NOT NULL,
    saved_by_kind integer NOT NULL,
    saved_by_name character varying(200) NOT NULL,
    CONSTRAINT pk_safety_plan_versions PRIMARY KEY (id),
    CONSTRAINT fk_safety_plan_versions_safety_plans_safety_plan_id FOREIGN KEY (safety_plan_id) REFERENCES safety_plans (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_safety_plan_versions_safety_plan_id_number ON safety_plan_versions (safety_plan_id, number);

CREATE TABLE share_links (
    id uuid NOT NULL,
    safety_plan_id uuid NOT NULL,
    person_id uuid NOT NULL,
    token_hash character varying(64) NOT NULL,
    recipient_name character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    created_by_id uuid NOT NULL,
    created_by_kind integer NOT NULL,
    created_by_name character varying(200) NOT NULL,
    CONSTRAINT pk_share_links PRIMARY KEY (id),
    CONSTRAINT fk_share_links_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_share_links_safety_plans_safety_plan_id FOREIGN KEY (safety_plan_id) REFERENCES safety_plans (id) ON DELETE RESTRICT
);

CREATE INDEX ix_share_links_person_id_created_at ON share_links (person_id, created_at);
CREATE INDEX ix_share_links_safety_plan_id ON share_links (safety_plan_id);
CREATE UNIQUE INDEX ix_share_links_token_hash ON share_links (token_hash);

CREATE TABLE patient_invitations (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    code_hash character varying(64) NOT NULL,
    issued_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    used_at timestamp with time zone,
    withdrawn_at timestamp with time zone,
    CONSTRAINT pk_patient_invitations PRIMARY KEY (id),
    CONSTRAINT fk_patient_invitations_persons_person_id FOREIGN KEY (person_id) REFERENCES persons (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_patient_invitations_code_hash ON patient_invitations (code_hash);
CREATE INDEX ix_patient_invitations_person_id_created_at ON patient_invitations (person_id, created_at);

-- Every version of a plan is kept as it was saved: the database refuses to change or remove one.
CREATE FUNCTION safety_plan_versions_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'safety_plan_versions is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER safety_plan_versions_no_update_or_delete
    BEFORE UPDATE OR DELETE ON safety_plan_versions
    FOR EACH ROW EXECUTE FUNCTION safety_plan_versions_are_append_only();
CREATE TRIGGER safety_plan_versions_no_truncate
    BEFORE TRUNCATE ON safety_plan_versions
    FOR EACH STATEMENT EXECUTE FUNCTION safety_plan_versions_are_append_only();
