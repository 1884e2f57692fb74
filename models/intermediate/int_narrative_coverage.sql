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

items as (
    select * from {{ ref('int_narrative_items') }}
),

wording as (
    select * from {{ ref('stg_narrative_comparison_wording') }}
),

statements as (
    select fiscal_year, unit_name, 'figures' as source, topic, subject_key, metric, printed_at from figures
    union all
    select fiscal_year, unit_name, 'items', null, null, null, printed_at from items
    union all
    select fiscal_year, unit_name, 'previous_year_wording', topic, subject_key, 'change_amount', printed_at
    from wording
    where compared_with = 'previous_year'
),

found as (
    select
        disclosures.fiscal_year,
        disclosures.unit_name,
        kinds.statement_kind,
        kinds.description,
        kinds.sort_order,
        count(statements.source) as statements_found,
        min(statements.printed_at) as first_printed_at
    from disclosures
    cross join kinds
    left join statements
        on statements.fiscal_year = disclosures.fiscal_year
        and statements.unit_name = disclosures.unit_name
        and (statements.source = kinds.source
             or (kinds.source = 'figures_or_previous_year_wording' and statements.source in ('figures', 'previous_year_wording')))
        and (kinds.topic is null or statements.topic = kinds.topic)
        and (kinds.subject_key is null or statements.subject_key = kinds.subject_key)
        and (kinds.metric is null or statements.metric = kinds.metric or statements.metric = 'nil')
    group by all
)

select
    *,
    case when statements_found > 0 then 'found' else 'missing' end as coverage_status
from found
