-- The month's figures and rankings read every active project of a campaign with the columns that
-- group and sum them (scripts/bench-projects.ts). This index holds exactly those columns, so the
-- figures read it (about 120 bytes a project) instead of the table (about 700), and join it to
-- the month's facts (project_months_month_cover) by project.
create index projects_figures on projects (campaign_year, id)
  include (unit_id, dept_id, leader_id, category, stage, total_investment, planned_investment,
           planned_start, actual_start, registered, registered_on)
  where active;

-- A month's facts are found by (month, project) through the covering index; the key needs no second
-- index in that order. The key by (project, month) serves a project's months and replaces the
-- separate index that did, so registering a project writes its twelve month rows into two indexes,
-- not three.
alter table project_months drop constraint project_months_pkey;
drop index project_months_project;
alter table project_months add primary key (project_id, month);
