-- Each performance indicator of the appendix scored again from the rule printed under
-- the tables (注5): a quantitative target met scores in full, otherwise by the ratio of
-- actual to target (≥/=/> targets: actual ÷ target; ≤/< targets: target ÷ actual); a
-- qualitative target scores the stated percentage. An actual printed as a bound
-- ("≥90%", ">15天") gives a range of possible scores.
with indicators as (
    -- the staging provenance and read-problem columns are not carried into the scores
    select * exclude (loaded_from, printed_at, duplicate_reads, unkeyed_reads) from {{ ref('stg_project_indicators') }}
),

indicator_ratios as (
    select
        indicators.*,
        case
            when target_comparator = 'qualitative' and actual_unit = '%' and actual_comparator = '=' then 'qualitative_pct'
            when target_comparator = 'qualitative' and actual_comparator = 'qualitative' and actual_text = target_text then 'qualitative_met'
            when target_comparator = 'qualitative' then 'unscorable'
            when target_value is null or actual_value is null then 'unscorable'
            when target_unit is not null and actual_unit is not null and target_unit <> actual_unit then 'unscorable'
            when target_comparator in ('≥', '>', '=') then 'higher_is_better'
            when target_comparator in ('≤', '<') then 'lower_is_better'
            else 'unscorable'
        end as scoring,
        case
            when target_comparator in ('≥', '>', '=') and target_value > 0 then least(actual_value / target_value, 1)
            when target_comparator in ('≤', '<') and actual_value > 0 then least(target_value / actual_value, 1)
            when target_comparator in ('≤', '<') and actual_value = 0 then 1
            when target_comparator = 'qualitative' and actual_unit = '%' then actual_value / 100
            when target_comparator = 'qualitative' and actual_text = target_text then 1
        end as point_ratio
    from indicators
),

indicator_ranges as (
    select
        indicator_ratios.*,
        case
            when scoring = 'higher_is_better' and actual_comparator in ('≤', '<') then 0
            when scoring = 'lower_is_better' and actual_comparator in ('≥', '>') then 0
            else point_ratio
        end as ratio_low,
        case
            when scoring = 'higher_is_better' and actual_comparator in ('≥', '>') then 1
            when scoring = 'lower_is_better' and actual_comparator in ('≤', '<') then 1
            else point_ratio
        end as ratio_high
    from indicator_ratios
),

indicator_expected as (
    select
        indicator_ranges.*,
        weight * ratio_low as score_low,
        weight * ratio_high as score_high,
        -- greatest/least skip NULLs in DuckDB: only clamp when both bounds exist
        case when ratio_low is not null and ratio_high is not null
            then greatest(least(printed_score, weight * ratio_high), weight * ratio_low) end as score_closest,
        case when ratio_low is not null and ratio_high is not null
            then greatest(least(printed_deviation_pct, (ratio_high - 1) * 100), (ratio_low - 1) * 100) end as deviation_closest
    from indicator_ranges
)

select
    indicator_expected.*,
    -- the recomputed score: the point score, or for a range the possible score closest
    -- to the printed one
    case when score_low = score_high then score_low else coalesce(score_closest, score_low) end as recomputed_score,
    case when ratio_low = ratio_high then (ratio_low - 1) * 100 else deviation_closest end as recomputed_deviation_pct
from indicator_expected
