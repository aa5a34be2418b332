-- An import begins: its record, with the file's name, SHA-256, size and delimiter, whether
-- it is strict or forced, and when it started ($1 … $8); the counts are set when it ends.
insert into periksa.imports (kind, file_name, file_sha256, file_bytes, delimiter, is_strict, is_forced,
    status, rows_read, rows_loaded, rows_rejected, started_at)
values ($1::text, $2::text, $3::text, $4::bigint, $5::text, $6::boolean, $7::boolean, 'loaded', 0, 0, 0,
    $8::timestamptz)
returning import_id
