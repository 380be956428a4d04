-- The recompute reads deadlines by their rule, not one by one (src/modules/matters/recompute.ts).

-- A period deadline's rule as one value: start day, length, day mode, shift and anchor. Deadlines
-- with the same key and the same stored due date move together when the calendar changes, so the
-- recompute resolves each (key, due) group once and updates the group in one statement.
-- NULL for a fixed date (nothing to recompute).
alter table matter_deadlines add column rule_key text generated always as (
  case when basis ? 'from' then
    (basis->>'from') || '|' || coalesce(basis->>'days', '') || '|' || coalesce(basis->>'months', '') || '|' ||
    coalesce(basis->>'mode', '') || '|' || coalesce(basis->>'shift', '') || '|' || coalesce(basis->>'anchor', '')
  end
) stored;

-- A completion or milestone date: the earliest open one is the matter's due date.
alter table matter_deadlines add column ending boolean generated always as (
  coalesce(basis->>'kind', 'complete') in ('complete', 'milestone')
) stored;

-- No index holds `due`: a calendar change then moves deadlines with heap-only updates.

-- Room on each page for the new version of a moved deadline (its indexed columns stay the same).
alter table matter_deadlines set (fillfactor = 85);
