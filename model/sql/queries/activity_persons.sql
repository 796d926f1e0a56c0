-- Everyone named responsible for some row of a passport's plan, alphabetically. $passport_id
select distinct person from activity_person where passport_id = $passport_id order by person
