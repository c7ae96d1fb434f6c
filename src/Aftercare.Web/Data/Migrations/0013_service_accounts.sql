-- Receiving services sign in (M9): an account is a member of staff (role), a patient (person_id)
-- or someone of one aftercare service in the directory (service_id), exactly one of the three.
-- A service's user belongs to no care team, so no team's records can ever be read as theirs.

ALTER TABLE user_accounts ADD COLUMN service_id uuid;
ALTER TABLE user_accounts ADD CONSTRAINT fk_user_accounts_aftercare_services_service_id FOREIGN KEY (service_id) REFERENCES aftercare_services (id) ON DELETE RESTRICT;

ALTER TABLE user_accounts DROP CONSTRAINT ck_user_accounts_staff_or_patient;
ALTER TABLE user_accounts ADD CONSTRAINT ck_user_accounts_one_kind CHECK (num_nonnulls(role, person_id, service_id) = 1);
ALTER TABLE user_accounts ADD CONSTRAINT ck_user_accounts_service_has_no_team CHECK (service_id IS NULL OR team_id IS NULL);

-- A service's page of its users, for administrators.
CREATE INDEX ix_user_accounts_service_id ON user_accounts (service_id);
