-- Findings of the quality checks, of the chosen passports only (null: all), errors first, then in document order.
-- Read from the findings computed once per model (quality_materialize.sql). $passport_ids
with findings as (
    select * from quality_finding_all
    where $passport_ids::varchar[] is null or list_contains($passport_ids::varchar[], passport_id)
),
final as (
    select * exclude (severity_rank)
    from findings
    order by passport_id, severity_rank, line nulls last, check_id, code, year nulls last
)
select * from final
