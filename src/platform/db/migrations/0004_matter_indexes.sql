-- Indexes for reading many matters at once (inbox counts and lists over every open matter a
-- viewer may see).

-- Every column the inbox conditions read of an open matter: the counts become an index-only scan
-- of a narrow index instead of a scan of the wide matter rows.
create index matters_open_inbox on matters (state)
  include (id, light, confidential, assigner_unit_id, lead_unit_id, leader_id, filed_by)
  where state <> 'closed';

-- The open deadlines of one unit (an assisting unit's views still to give: the to_report box).
create index matter_deadlines_open_unit on matter_deadlines (unit_id) where status = 'open' and unit_id is not null;
