-- The reconciliation checks as published to users and BI tools (contract enforced); the
-- build-failing tests (no_failed_error_checks, failed_warn_checks) sit on this model.
with checks as (
    select * from {{ ref('int_reconciliation_checks') }}
)

select * from checks
