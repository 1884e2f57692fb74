-- The reconciliation checks as published to users and BI tools (contract enforced); the
-- build-failing tests (no_failed_error_checks, failed_warn_checks) sit on this model.
-- status_word: the status in the one Chinese word the messages, the report, the workbook and
-- the console use (seeds/vocab_check_statuses.csv, joined in int_reconciliation_checks), for
-- BI users who filter on words, not codes.
with checks as (
    select * from {{ ref('int_reconciliation_checks') }}
)

select * from checks
