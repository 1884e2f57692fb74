-- Reference: the statement kinds a final-accounts narrative (情况说明) carries, and how a
-- landed statement is recognised as one of them (source, topic, subject key, metric;
-- blank = any). Drives the coverage list (int_narrative_coverage, rule N-COVERAGE).
with source as (
    select * from {{ ref('ref_narrative_statement_kinds') }}
),

renamed as (
    select
        trim(statement_kind) as statement_kind,
        description,
        trim(source) as source,
        nullif(trim(topic), '') as topic,
        nullif(trim(subject_key), '') as subject_key,
        nullif(trim(metric), '') as metric,
        row_number() over () as sort_order
    from source
)

select * from renamed
