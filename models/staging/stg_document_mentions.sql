-- Every year and every self-reference of the unit a loaded document prints outside its
-- tables, with the frame it stands in and where it is printed.
with source as (
    select * from {{ source('landing', 'mentions') }}
),

renamed as (
    select
        document_sha256,
        {{ disclosure_key() }},
        {{ integer_value('mention_no') }} as mention_no,
        mention_kind,
        frame,
        value_as_printed,
        case when mention_kind = 'year' then {{ integer_value('value_as_printed') }} end as year_value,
        context,
        printed_at
    from source
)

select * from renamed
