-- Dashboards of follow-up, referral and equity (M15, ADR 0014): counts per team, UK month,
-- figure, breakdown and group, precomputed so that a team's dashboard and the deployment's read
-- a few thousand rows, never the clinical tables. Counts only, never rates, so a site or the
-- deployment is the sum of its teams; medians come from counts of whole days. No person's id
-- or name is ever stored here.
CREATE TABLE dashboard_rollups (
    team_id uuid NOT NULL,
    month date NOT NULL,
    figure character varying(20) NOT NULL,
    dimension character varying(20) NOT NULL,
    grp character varying(200) NOT NULL,
    measure character varying(40) NOT NULL,
    value integer NOT NULL,
    CONSTRAINT pk_dashboard_rollups PRIMARY KEY (team_id, month, figure, dimension, grp, measure),
    CONSTRAINT ck_dashboard_rollups_month_is_first_day CHECK (extract(day FROM month) = 1),
    CONSTRAINT ck_dashboard_rollups_value_counts CHECK (value > 0)
);

-- The site and deployment views read every team's rows for a span of months.
CREATE INDEX ix_dashboard_rollups_month ON dashboard_rollups (month, dimension);

-- When each month's counts were last worked out: the page's "Figures as of" is the oldest of the
-- months it shows, so a stale month cannot hide behind a fresh one.
CREATE TABLE dashboard_rollup_months (
    month date NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_dashboard_rollup_months PRIMARY KEY (month)
);

-- The refresh reads a month of events at a time; these find them without reading every row.
CREATE INDEX ix_pathways_started_at ON pathways (started_at);
CREATE INDEX ix_referrals_sent_at ON referrals (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX ix_care_sessions_occurred_at ON care_sessions (occurred_at);
CREATE INDEX ix_aftercare_letters_sent_at ON aftercare_letters (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX ix_presentations_arrived_at ON presentations (arrived_at);

-- The two timers that keep the counts fresh (ADR 0007 rows, fired once across nodes): the recent
-- months every 10 minutes, everything each night. Each firing schedules its next one.
INSERT INTO due_work (kind, subject_id, due_at, created_at, attempts)
VALUES ('dashboard-refresh', gen_random_uuid(), now(), now(), 0),
       ('dashboard-rebuild', gen_random_uuid(), now(), now(), 0);
