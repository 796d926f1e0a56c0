-- Mart: the section-3 results each block of the plan of activities delivers, as its `delivers:` lists them
-- (made by hand from the documents' wording), with the block's and the result's seed lines.
create or replace view activity_delivers as
with links as (select * from stg_activity_delivers),
blocks as (select * from stg_activity),
final as (
    select l.passport_id, l.activity_key, b.code as block_code, l.result_code, l.result_line, l.ord,
           b.line as block_line
    from links l
    join blocks b using (passport_id, seq)
)
select * from final;
