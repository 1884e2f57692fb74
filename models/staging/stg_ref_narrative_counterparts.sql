-- Reference: which table figure (or other narrative figure, or appendix count) each
-- narrative statement restates, and how it is checked (amount / rate / growth / none).
with source as (
    select * from {{ ref('ref_narrative_counterparts') }}
),

renamed as (
    select
        trim(topic) as topic,
        trim(subject_key) as subject_key,
        trim(metric) as metric,
        trim(check_kind) as check_kind,
        nullif(trim(numerator_source), '') as numerator_source,
        nullif(trim(numerator_ref), '') as numerator_ref,
        nullif(trim(denominator_source), '') as denominator_source,
        nullif(trim(denominator_ref), '') as denominator_ref,
        note
    from source
)

select * from renamed
