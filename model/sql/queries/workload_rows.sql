-- The rows of section 5 behind each person's workload: block, role, workload, as printed, in document order.
-- $passport_id, $no_block
select person, number, coalesce(block, $no_block) as block, role, workload_pct, person_printed, line
from participant where passport_id = $passport_id order by person, seq
