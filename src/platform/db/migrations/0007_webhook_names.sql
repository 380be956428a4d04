-- A unit's robots are told apart by a name (e.g. 离石区督办工作群), not only by their address.
alter table unit_webhooks add column name text not null default '' check (length(name) <= 50);
