-- The reconciliation checks as published to users and BI tools (contract enforced); the
-- build-failing tests (no_failed_error_checks, failed_warn_checks) sit on this model.
-- status_word: the status in the one Chinese word the messages, the report, the workbook and
-- the console use (seeds/vocab_check_statuses.csv, joined in int_reconciliation_checks), for
-- BI users who filter on words, not codes.
-- cause_id: the suspect figure (fct_suspect_figures) or shifted rows (fct_row_shifts) that
-- explain a failing check (int_suspect_figures, issue 19); null when no cause explains it.
with checks as (
    select * from {{ ref('int_reconciliation_checks') }}
),

causes as (
    select distinct fiscal_year, unit_name, rule_id, subject_key, cause_id
    from {{ ref('int_suspect_figures') }}
    where cause_kind in ('figure', 'shift')
)

select
    checks.*,
    causes.cause_id
from checks
left join causes
    on checks.fiscal_year = causes.fiscal_year
    and checks.unit_name = causes.unit_name
    and checks.rule_id = causes.rule_id
    and checks.subject_key = causes.subject_key
