-- Mart: the methodology text of each numbered indicator, one row per indicator that has one.
-- Amur numbers its Приложение № 2 on its own (its «9» is indicator 6), Tomsk keys its footnotes by
-- indicator code; both print the indicator's name, so rows are matched by name, not by number.
create or replace view indicator_methodology as
with indicators as (
    select passport_id, indicator_code, parent_code, indicator_name from indicator where indicator_code is not null
),
methods as (select * from methodology),
-- the row itself, its parent and grandparent: a sub-row «- по программам …» takes the methodology of the
-- indicator it details (depth says how far up the match was found)
lineage as (
    select i.passport_id, i.indicator_code, 0 as depth, i.indicator_code as via_code, i.indicator_name as via_name
    from indicators i
    union all
    select i.passport_id, i.indicator_code, 1, p.indicator_code, p.indicator_name
    from indicators i join indicators p on p.passport_id = i.passport_id and p.indicator_code = i.parent_code
    union all
    select i.passport_id, i.indicator_code, 2, g.indicator_code, g.indicator_name
    from indicators i
    join indicators p on p.passport_id = i.passport_id and p.indicator_code = i.parent_code
    join indicators g on g.passport_id = p.passport_id and g.indicator_code = p.parent_code
),
-- a name as the set of its word stems (first 5 letters of words of 4+ letters): endings and spacing differ
-- between the indicator table and the methodology
lineage_words as (
    select *, list_distinct(list_transform(list_filter(
        string_split_regex(lower(via_name), '[^\p{L}\p{N}]+'), lambda w: length(w) >= 4), lambda w: left(w, 5)))
        as words
    from lineage
),
method_words as (
    select *, list_distinct(list_transform(list_filter(
        string_split_regex(lower(indicator_name), '[^\p{L}\p{N}]+'), lambda w: length(w) >= 4), lambda w: left(w, 5)))
        as words
    from methods
),
-- Jaccard similarity of the stem sets; 0.5 and more is the same indicator (real matches score 0.54–1,
-- different indicators of the same passport at most 0.29 on the printed names)
scored as (
    select l.passport_id, l.indicator_code, l.depth, l.via_code, m.number, m.indicator_name as method_indicator_name,
           m.method, m.base_indicators, m.data_source, m.responsible, m.aggregation, m.timing, m.extra, m.line,
           len(list_intersect(l.words, m.words)) / greatest(1, len(list_distinct(list_concat(l.words, m.words))))
               as match_score
    from lineage_words l join method_words m using (passport_id)
),
ranked as (
    select *, row_number() over (partition by passport_id, indicator_code order by depth, match_score desc) as rn
    from scored where match_score >= 0.5
),
final as (
    select passport_id, indicator_code, via_code, depth, number as methodology_number, method_indicator_name,
           method, base_indicators, data_source, responsible, aggregation, timing, extra,
           round(match_score, 2) as match_score, line
    from ranked where rn = 1
)
select * from final;
