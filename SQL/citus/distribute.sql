-- Periksa on Citus: which tables are distributed, colocated, replicated or kept on the
-- coordinator. Applied by `periksa db distribute` (one transaction) on a coordinator whose
-- server has the citus extension, after `periksa db migrate` and before the first import;
-- the workers must have been added (citus_add_node). Not exercised by the test suite: see
-- docs/scale-out.md for the reasoning and the limits.

create extension if not exists citus;

-- periksa.imports (a reference table) and periksa.contributions carry triggers; Citus refuses
-- to distribute such tables unless told that their triggers are safe (they only read and write
-- tables on the coordinator or their own shard's rows).
set local citus.enable_unsafe_triggers = on;

-- Reference tables: small, read by every rule, copied to every node so that joins with them
-- run where the wage rows are.
select create_reference_table('periksa.imports');
select create_reference_table('periksa.programme_rates');
select create_reference_table('periksa.jp_wage_caps');
select create_reference_table('periksa.minimum_wages');
select create_reference_table('periksa.holidays');
select create_reference_table('periksa.kbli_sections');
select create_reference_table('periksa.due_months');
select create_reference_table('periksa.runs');
select create_reference_table('periksa.run_rates');
select create_reference_table('periksa.inspector_branches');

-- Distributed by NPP and colocated: an employer's registry row, wage rows, sums per month,
-- payments and per-run figures live on the same shard, so every per-employer statement (the
-- sums, the arrears, the per-employer figures) runs on the workers in parallel.
select create_distributed_table('periksa.employers', 'npp');
select create_distributed_table('periksa.contributions', 'npp', colocate_with => 'periksa.employers');
select create_distributed_table('periksa.employer_month_due', 'npp', colocate_with => 'periksa.employers');
-- A distributed table's unique keys must hold its distribution column.
alter table periksa.payments drop constraint payments_pkey;
alter table periksa.payments add primary key (npp, payment_id);
select create_distributed_table('periksa.payments', 'npp', colocate_with => 'periksa.employers');
select create_distributed_table('periksa.inspections', 'npp', colocate_with => 'periksa.employers');
select create_distributed_table('periksa.run_employers', 'npp', colocate_with => 'periksa.employers');
select create_distributed_table('periksa.run_due', 'npp', colocate_with => 'periksa.employers');
select create_distributed_table('periksa.employer_periods_store', 'npp', colocate_with => 'periksa.employers');

-- Kept on the coordinator (Citus local tables): tables not keyed by an employer. Findings hold
-- unregistered businesses (no NPP); outside records match by NPP, NPWP or NIB, so no one
-- column places them; rejections and notes are read per import or run.
select citus_add_local_table_to_metadata('periksa.findings', cascade_via_foreign_keys => true);
select citus_add_local_table_to_metadata('periksa.run_notes', cascade_via_foreign_keys => true);
select citus_add_local_table_to_metadata('periksa.workforce');
select citus_add_local_table_to_metadata('periksa.import_problems');
select citus_add_local_table_to_metadata('periksa.import_rejected_lines');

-- The rules join distributed tables with the run's temporary tables on the coordinator, and
-- the employer groups (a shared NPWP) span shards: such joins are repartitioned.
do $$ begin execute format('alter database %I set citus.enable_repartition_joins = on', current_database()); end $$;
-- The statement-level trigger that marks a month's sums stale when wage rows are written
-- other than by `periksa import` (periksa.contributions_changed) is not propagated to shards
-- by default; with it allowed, it runs on the coordinator for each statement.
do $$ begin execute format('alter database %I set citus.enable_unsafe_triggers = on', current_database()); end $$;
