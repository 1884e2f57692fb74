-- Reference: the reconciliation rule catalog (one row per rule id).
with source as (
    select * from {{ ref('ref_reconciliation_rules') }}
),

renamed as (
    select
        trim(rule_id) as rule_id,
        trim(rule_family) as rule_family,
        trim(severity) as severity,
        trim(comparison) as comparison,
        description,
        tolerance_basis,
        nullif(trim(tables), '') as tables,
        nullif(trim(needs_parts), '') as needs_parts,
        trim(evaluated_in) as evaluated_in
    from source
)

select * from renamed
