-- Links between matters (关联事项) are read in both directions: a matter's own links by its key,
-- and the matters that link to it (被关联) by their target, which this index serves.
create index matter_links_target on matter_links (target_type, target_id);
