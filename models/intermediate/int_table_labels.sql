-- How each disclosure names each of the nine tables, for messages: the number a 单位决算
-- prints under the title ("公开05"), else the title as the document prints it, else (a
-- reference transcription whose document was not ingested) the 单位决算 number for a 单位决算
-- and the standard title otherwise. Rules address tables by canonical type; the messages
-- users read name them as their document does.
with table_types as (
    select * from {{ ref('stg_ref_table_types') }}
),

presence as (
    select * from {{ ref('stg_table_presence') }}
),

reference_disclosures as (
    select fiscal_year, unit_name, document_title from {{ ref('stg_disclosures') }}
),

landed_disclosures as (
    select distinct fiscal_year, unit_name from presence
),

all_disclosures as (
    select fiscal_year, unit_name from reference_disclosures
    union
    select fiscal_year, unit_name from landed_disclosures
),

labelled as (
    select
        all_disclosures.fiscal_year,
        all_disclosures.unit_name,
        table_types.table_type,
        table_types.sort_order,
        coalesce(
            presence.number_as_printed,
            regexp_replace(presence.title_as_printed, '\s', '', 'g'),
            case when reference_disclosures.document_title like '%单位决算%' then table_types.unit_number end,
            table_types.standard_title
        ) as table_label
    from all_disclosures
    cross join table_types
    left join presence
        on all_disclosures.fiscal_year = presence.fiscal_year
        and all_disclosures.unit_name = presence.unit_name
        and table_types.landing_code = presence.table_code
    left join reference_disclosures
        on all_disclosures.fiscal_year = reference_disclosures.fiscal_year
        and all_disclosures.unit_name = reference_disclosures.unit_name
)

select * from labelled
