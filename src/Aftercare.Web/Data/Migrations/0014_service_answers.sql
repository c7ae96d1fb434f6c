-- Receiving services answer their referrals in Aftercare (M9). Each step of a referral's history is
-- by a member of staff (by: the referring team, or staff recording the service's answer on its
-- behalf) or by someone of the receiving service itself (by_service_user: its own answer, given in
-- Aftercare), never both and never neither, so the two are never mistaken for each other.

ALTER TABLE referral_history ALTER COLUMN by DROP NOT NULL;
ALTER TABLE referral_history ADD COLUMN by_service_user uuid;
ALTER TABLE referral_history ADD CONSTRAINT ck_referral_history_one_author CHECK (num_nonnulls(by, by_service_user) = 1);
-- A service gives only its answers: accepted (6), waiting list (7), declined (8), first appointment
-- offered (11) and attended (12). Sending, escalating, resubmitting and closing are the team's.
ALTER TABLE referral_history ADD CONSTRAINT ck_referral_history_service_answers_only
    CHECK (by_service_user IS NULL OR kind IN (6, 7, 8, 11, 12));

-- The service's answered referrals (declined, first appointment attended, closed), most recently
-- sent first, a page at a time: the open ones are read from ix_referrals_sent_by_service.
CREATE INDEX ix_referrals_answered_by_service ON referrals (service_id, sent_at DESC)
    WHERE sent_at IS NOT NULL AND status IN (4, 7, 8);
