-- Mart: the funding lines (results / activities) of each table, with their printed code, name and КБК.
-- Lines that print no amounts are kept, so a line is named even when only its sources print numbers.
create or replace view funding_line as
with rows_ as (select * from stg_funding_row),
final as (
    select passport_id, section, line_code, line_name, kbk, seq as line_seq, line
    from rows_
    where role = 'line'
)
select * from final;
