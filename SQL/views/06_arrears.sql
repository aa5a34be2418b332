-- analytics.arrears_by_age
-- Grain: one row per audited period (its latest run), branch office and age of arrears
--   (1–3, 4–6, 7–12 months late).
-- Columns: run_id, period, branch_code, age, employers, employer_months, outstanding, fines.
-- From the evidence of the TUNGGAKAN findings. Inspectors see their branches only.
create view analytics.arrears_by_age as
select f.run_id, f.period, f.branch_code,
       case when (p->>'months_late')::integer <= 3 then '1-3' when (p->>'months_late')::integer <= 6 then '4-6'
            else '7-12' end as age,
       count(distinct f.npp) as employers, count(*) as employer_months,
       sum((p->>'outstanding')::numeric) as outstanding, sum((p->>'fine')::numeric) as fines
from analytics.findings f
cross join lateral jsonb_array_elements(f.evidence->'periods') p
where f.category = 'TUNGGAKAN'
group by 1, 2, 3, 4;

comment on view analytics.arrears_by_age is
    'Per audited period, branch and age of arrears (months late): employers, employer-months, outstanding contributions, fines.';
comment on column analytics.arrears_by_age.run_id is 'The latest finished run of the period.';
comment on column analytics.arrears_by_age.period is 'The audited month.';
comment on column analytics.arrears_by_age.branch_code is 'The employers'' branch office.';
comment on column analytics.arrears_by_age.age is 'Months late: 1-3, 4-6 or 7-12.';
comment on column analytics.arrears_by_age.employers is 'Employers with arrears of that age.';
comment on column analytics.arrears_by_age.employer_months is 'Unpaid employer-months of that age.';
comment on column analytics.arrears_by_age.outstanding is 'Contributions outstanding (rupiah, with cents).';
comment on column analytics.arrears_by_age.fines is 'Fines on them (whole rupiah).';
