-- The compliance report: the $4 employers in scope with the most rupiah at stake in run $1
-- ($2: region code or prefix, $3: branch code; null: all), with their categories.
with scope as (
    select s.npp, s.branch_code, s.region_code, s.scale,
           concat_ws(' ', case when s.pds_program_idr is not null then 'PDS_PROGRAM' end,
                     case when s.pds_tk_idr is not null then 'PDS_TK' end,
                     case when s.pds_upah_idr is not null then 'PDS_UPAH' end,
                     case when s.tunggakan_idr is not null then 'TUNGGAKAN' end) as categories,
           coalesce(s.pds_tk_idr, 0) + coalesce(s.pds_upah_idr, 0) + coalesce(s.pds_program_idr, 0)
               + coalesce(s.tunggakan_idr, 0) as rupiah
    from periksa.run_employers s
    where s.run_id = $1::bigint
      and ($2::text is null or s.region_code like $2::text || '%')
      and ($3::text is null or s.branch_code = $3::text)
      and coalesce(s.pds_tk_idr, s.pds_upah_idr, s.pds_program_idr, s.tunggakan_idr) is not null
    order by rupiah desc, s.npp
    limit $4::integer
)
select s.npp, e.name, s.branch_code, s.region_code, s.scale, s.categories, s.rupiah::bigint
from scope s
join periksa.employers e on e.npp = s.npp
order by s.rupiah desc, s.npp
