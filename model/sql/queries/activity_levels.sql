-- Control levels of a passport's plan as printed ($no_level for rows printed without one). $passport_id, $no_level
select distinct coalesce(control_level, $no_level) as level from activity where passport_id = $passport_id
order by level
