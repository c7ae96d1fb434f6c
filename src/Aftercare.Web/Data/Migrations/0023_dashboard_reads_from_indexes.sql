-- The dashboards read their counts from the indexes alone (ADR 0014; measured by the benchmark at
-- scale 10, where a team's year was read from some 900 table pages, one per few rows).

-- A team's (or a site's teams') months of the breakdowns shown: the team, then the breakdown, then
-- the months, so one page of the dashboard reads a few dozen index pages in a row.
CREATE INDEX ix_dashboard_rollups_by_team ON dashboard_rollups (team_id, dimension, month) INCLUDE (figure, grp, measure, value);

-- The deployment's: every team's rows of the breakdowns shown for a span of months.
DROP INDEX ix_dashboard_rollups_month;
CREATE INDEX ix_dashboard_rollups_by_month ON dashboard_rollups (month, dimension) INCLUDE (team_id, figure, grp, measure, value);

-- The recent months' rows are replaced every 10 minutes: vacuumed sooner than the default fifth of
-- the table, so those pages are soon readable from the indexes alone again.
ALTER TABLE dashboard_rollups SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);

-- Caseloads against the limit, live on every dashboard: the active pathways of the teams in view,
-- by named practitioner, from the index alone.
CREATE INDEX ix_pathways_active_by_team ON pathways (team_id, named_practitioner_id) WHERE status = 1;
