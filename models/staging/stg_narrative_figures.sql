-- Every number stated in 第三部分 情况说明, with its section and quoted phrase.
with source as (
    select * from {{ ref('narrative_figures') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as figure_no,
        section,
        subject,
        metric,
        value_text,
        {{ number_value('value_text', max_value="case when metric = 'share' then 100 end") }} as stated_value,
        {{ number_decimals('value_text') }} as stated_decimals,
        value_unit,
        quoted_phrase
    from source
)

select * from renamed
