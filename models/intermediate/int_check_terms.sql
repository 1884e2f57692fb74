-- TEMPORARY (issue 19, helper "localize"): a stand-in for the terms helper's int_check_terms,
-- covering only the seed-driven sum identities (seeds/ref_sum_identities.csv, as
-- int_checks_within_table's sum_identity CTEs evaluate them) and one rule of equalities across
-- tables (X-01-02-INCOME). The lead replaces this file with the terms helper's model at merge.
-- One row per (check, printed figure): sum(coefficient × amount) = 0 within the check's tolerance.
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

sum_identities as (
    select *, string_split(part_row_keys, '|') as part_keys
    from {{ ref('ref_sum_identities') }}
),

sum_terms as (
    select
        amounts.fiscal_year,
        amounts.unit_name,
        sum_identities.rule_id,
        sum_identities.table_type || '/' || sum_identities.total_row_key
        || case when sum_identities.key_names_column then '/' || sum_identities.measure else '' end as subject_key,
        amounts.table_code,
        amounts.row_key,
        amounts.measure,
        amounts.printed_row_no,
        amounts.amount,
        case when amounts.row_key = sum_identities.total_row_key then 1 else -1 end as coefficient
    from sum_identities
    inner join amounts
        on amounts.table_code = sum_identities.table_type
        and amounts.measure = sum_identities.measure
    where amounts.row_key = sum_identities.total_row_key
        or list_contains(sum_identities.part_keys, amounts.row_key)
        or amounts.code_level = sum_identities.part_code_level
),

{%- set gk02_sources = [
    (['收入/一般公共预算财政拨款收入', '收入/政府性基金预算财政拨款收入', '收入/国有资本经营预算财政拨款收入'], 'fiscal_appropriation_income'),
    (['收入/上级补助收入'], 'superior_subsidy_income'),
    (['收入/事业收入'], 'business_income'),
    (['收入/经营收入'], 'operating_income'),
    (['收入/附属单位上缴收入'], 'subsidiary_remittance_income'),
    (['收入/其他收入'], 'other_income'),
    (['收入/本年收入合计'], 'total_income'),
] %}

-- rule X-01-02-INCOME: income_expenditure_summary's income lines against income_by_function's 合计 row
income_sources as (
    select * from (values
    {%- for keys, measure in gk02_sources %}
        {%- set outer = loop %}
        {%- for key in keys %}
        ('{{ key }}', '{{ measure }}'){% if not (outer.last and loop.last) %},{% endif %}
        {%- endfor %}
    {%- endfor %}
    ) as sources (gk01_row_key, gk02_measure)
),

income_measures as (
    select distinct gk02_measure from income_sources
),

cross_terms as (
    select
        amounts.fiscal_year, amounts.unit_name, 'X-01-02-INCOME' as rule_id,
        'income_expenditure_summary-income_by_function/' || income_sources.gk02_measure as subject_key,
        amounts.table_code, amounts.row_key, amounts.measure, amounts.printed_row_no, amounts.amount,
        1 as coefficient
    from income_sources
    inner join amounts
        on amounts.table_code = 'income_expenditure_summary'
        and amounts.row_key = income_sources.gk01_row_key
    union all
    select
        amounts.fiscal_year, amounts.unit_name, 'X-01-02-INCOME',
        'income_expenditure_summary-income_by_function/' || income_measures.gk02_measure,
        amounts.table_code, amounts.row_key, amounts.measure, amounts.printed_row_no, amounts.amount,
        -1
    from income_measures
    inner join amounts
        on amounts.table_code = 'income_by_function'
        and amounts.row_key = '合计'
        and amounts.measure = income_measures.gk02_measure
),

terms as (
    select * from sum_terms
    union all
    select * from cross_terms
)

select
    fiscal_year,
    unit_name,
    rule_id,
    subject_key,
    table_code || '/' || row_key || '/' || measure as figure_key,
    'table' as figure_source,
    table_code,
    row_key,
    measure,
    printed_row_no,
    cast(coefficient as integer) as coefficient,
    cast(amount as decimal(18, 2)) as amount
from terms
