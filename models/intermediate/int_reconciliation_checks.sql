-- Every reconciliation check evaluated on every disclosure, passing or not: one row per
-- rule × disclosure × subject, with both sides, the difference, the tolerance derived
-- from how many rounded figures take part, the status and a Chinese message.
-- The marts read this model, not fct_reconciliation_checks, so that an error finding
-- (which fails the tests on fct_reconciliation_checks) does not stop them being built.
with within_table as (
    select * from {{ ref('int_checks_within_table') }}
),

across_tables as (
    select * from {{ ref('int_checks_across_tables') }}
),

narrative as (
    select * from {{ ref('int_checks_narrative') }}
),

performance as (
    select * from {{ ref('int_checks_performance') }}
),

classification as (
    select * from {{ ref('int_checks_classification') }}
),

rules as (
    select * from {{ ref('stg_ref_reconciliation_rules') }}
),

all_checks as (
    select * from within_table
    union all
    select * from across_tables
    union all
    select * from narrative
    union all
    select * from performance
    union all
    select * from classification
),

judged as (
    select
        all_checks.*,
        rules.rule_family,
        rules.severity,
        rules.description as rule_description
    from all_checks
    left join rules
        on all_checks.rule_id = rules.rule_id
),

worded as (
    select
        judged.*,
        '[' || rule_id || '] ' || subject || '：'
        || case
             when comparison = 'text' then
               left_label || '“' || coalesce(left_text, '未印') || '”，' || right_label || '“' || coalesce(right_text, '未印') || '”'
             else
               left_label || ' ' || {{ fmt('left_value') }} || '，' || right_label || ' ' || {{ fmt('right_value') }}
               || '，差额 ' || {{ fmt('difference') }} || '（容差 ' || {{ fmt('tolerance') }} || '）'
           end
        || ' → ' || case status when 'pass' then '一致' when 'rounding' then '尾差（在舍入容差内）' else '不符' end
        || case when detail is not null then '。' || detail else '' end as message
    from judged
)

select
    fiscal_year,
    unit_name,
    rule_id,
    rule_family,
    severity,
    subject_key,
    subject,
    left_label,
    left_value,
    right_label,
    right_value,
    difference,
    tolerance,
    status,
    comparison,
    printed_decimals,
    left_text,
    right_text,
    detail,
    message,
    rule_description
from worded
