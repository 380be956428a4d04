-- Uploaded files (evidence, photos, documents), stored in the database so that an upload and the
-- record it belongs to commit together, in both embedded and server mode.
create table files (
  id           text primary key,
  name         text not null,
  content_type text not null,
  size         integer not null check (size >= 0),
  sha256       text not null,
  content      bytea not null,
  unit_id      bigint not null references units(id),
  uploaded_by  bigint references users(id),
  created_at   timestamptz not null
);
create index files_unit on files (unit_id);
