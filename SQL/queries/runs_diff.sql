-- `periksa runs diff A B`: the findings new in run $2, gone since run $1, and those whose
-- rupiah changed, by change, category and subject (NPP or source reference).
with a as (
    select category, coalesce(npp, source_ref) as subject, estimated_loss_idr as loss
    from periksa.findings where run_id = $1::bigint
), b as (
    select category, coalesce(npp, source_ref) as subject, estimated_loss_idr as loss
    from periksa.findings where run_id = $2::bigint
)
select case when a.subject is null then 'new' when b.subject is null then 'gone' else 'changed' end,
       coalesce(a.category, b.category), coalesce(a.subject, b.subject), a.loss, b.loss
from a
full join b using (category, subject)
where a.subject is null or b.subject is null or a.loss <> b.loss
order by 1, 2, 3
