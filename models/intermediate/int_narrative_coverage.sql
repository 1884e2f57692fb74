-- Narrative coverage: for every disclosure in the warehouse, each statement kind a
-- final-accounts narrative carries (seeds/ref_narrative_statement_kinds.csv) and how many
-- statements of that kind were found. A kind not found is reported (rule N-COVERAGE),
-- never silently skipped; a disclosure whose narrative was not found at all misses them all.
with kinds as (
    select * from {{ ref('stg_ref_narrative_statement_kinds') }}
),

disclosures as (
    select distinct fiscal_year, unit_name from {{ ref('int_printed_amounts') }}
),

figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

-- the statement kind "items" is the 一般公共预算 per-项 account (an account not named is 一般公共预算)
items as (
    select * from {{ ref('int_narrative_items') }}
    where coalesce(budget_topic, 'general_budget') = 'general_budget'
),

wording as (
    select * from {{ ref('stg_narrative_comparison_wording') }}
),

statements as (
    -- a 一般公共预算 budget stated on any basis (年初预算, 全年预算, 预算数) is the budget statement
    select fiscal_year, unit_name, 'figures' as source, topic, subject_key,
        case when topic = 'general_budget' and metric in ('full_year_budget', 'budget') then 'initial_budget' else metric end as metric,
        printed_at
    from figures
    union all
    select fiscal_year, unit_name, 'items', null, null, null, printed_at from items
    union all
    select fiscal_year, unit_name, 'previous_year_wording', topic, subject_key, 'change_amount', printed_at
    from wording
    where compared_with = 'previous_year'
),

disclosure_kinds as (
    select disclosures.fiscal_year, disclosures.unit_name, kinds.*
    from disclosures
    cross join kinds
),

-- statements of each kind: joined on the disclosure first (a hash join), the kind's
-- conditions then filter; an OR inside the join condition would make it a nested loop
matches as (
    select
        disclosure_kinds.fiscal_year,
        disclosure_kinds.unit_name,
        disclosure_kinds.statement_kind,
        statements.source,
        statements.printed_at
    from disclosure_kinds
    inner join statements
        on statements.fiscal_year = disclosure_kinds.fiscal_year
        and statements.unit_name = disclosure_kinds.unit_name
    where (statements.source = disclosure_kinds.source
           or (disclosure_kinds.source = 'figures_or_previous_year_wording'
               and statements.source in ('figures', 'previous_year_wording')))
        and (disclosure_kinds.topic is null or statements.topic = disclosure_kinds.topic)
        and (disclosure_kinds.subject_key is null or statements.subject_key = disclosure_kinds.subject_key)
        and (disclosure_kinds.metric is null or statements.metric = disclosure_kinds.metric or statements.metric = 'nil')
),

found as (
    select
        disclosure_kinds.fiscal_year,
        disclosure_kinds.unit_name,
        disclosure_kinds.statement_kind,
        disclosure_kinds.description,
        disclosure_kinds.sort_order,
        count(matches.source) as statements_found,
        -- the first in print order (page, line, row as numbers: 第9行 before 第10行), not as text
        arg_min(matches.printed_at, struct_pack(printed_order := {{ printed_order('matches.printed_at') }}, printed_at := matches.printed_at))
            as first_printed_at
    from disclosure_kinds
    left join matches
        on matches.fiscal_year = disclosure_kinds.fiscal_year
        and matches.unit_name = disclosure_kinds.unit_name
        and matches.statement_kind = disclosure_kinds.statement_kind
    group by all
)

select
    *,
    case when statements_found > 0 then 'found' else 'missing' end as coverage_status
from found
