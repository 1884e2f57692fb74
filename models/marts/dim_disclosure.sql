-- One row per disclosure (fiscal year × unit) with how its checks came out.
with disclosures as (
    select * from {{ ref('stg_disclosures') }}
),

checks as (
    select * from {{ ref('int_reconciliation_checks') }}
),

check_counts as (
    select fiscal_year, unit_name,
        count(*) as checks_evaluated,
        count(*) filter (where status = 'pass') as checks_pass,
        count(*) filter (where status = 'rounding') as checks_rounding,
        count(*) filter (where status = 'fail' and severity = 'error') as checks_fail_error,
        count(*) filter (where status = 'fail' and severity = 'warn') as checks_fail_warn
    from checks
    group by all
)

select
    disclosures.fiscal_year,
    disclosures.unit_name,
    disclosures.document_title,
    disclosures.published_text,
    disclosures.amount_unit,
    disclosures.source_file,
    disclosures.internal_department_count,
    disclosures.consolidated_unit_count,
    coalesce(check_counts.checks_evaluated, 0) as checks_evaluated,
    coalesce(check_counts.checks_pass, 0) as checks_pass,
    coalesce(check_counts.checks_rounding, 0) as checks_rounding,
    coalesce(check_counts.checks_fail_error, 0) as checks_fail_error,
    coalesce(check_counts.checks_fail_warn, 0) as checks_fail_warn
from disclosures
left join check_counts
    on disclosures.fiscal_year = check_counts.fiscal_year and disclosures.unit_name = check_counts.unit_name
