-- Every figure the narrative (情况说明) states, from the reference transcription or a
-- landed document: its topic, its subject (as printed and as a canonical key), what it
-- measures, the value as printed and parsed, and the sentence and place it is printed.
-- A 类 named in a structure sentence ("一般公共服务（类）支出" / "一般公共服务支出（类）")
-- is resolved to its code through the reference classification.
with source as (
    select * from {{ ref('base_narrative_figures') }}
),

classes as (
    select function_code, official_name from {{ ref('ref_functional_classification') }} where level = '类'
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as figure_no,
        trim(topic) as topic,
        section,
        nullif(subsection, '') as subsection,
        subject,
        trim(subject_key) as subject_key,
        trim(metric) as metric,
        value_text,
        {{ number_value('value_text', max_value="case when metric = 'share' then 100 end") }} as stated_value,
        {{ number_decimals('value_text') }} as stated_decimals,
        nullif(value_unit, '') as value_unit,
        nullif(stated_word, '') as stated_word,
        -- 减少/下降 state a fall: the signed change is negative
        case
            when metric in ('change_amount', 'change_rate') and regexp_matches(stated_word, '^(减少|下降|降低)') then -1
            when metric in ('change_amount', 'change_rate') then 1
        end as change_sign,
        quoted_phrase,
        loaded_from,
        printed_at
    from source
),

coded as (
    select
        renamed.*,
        classes.function_code as class_code
    from renamed
    left join classes
        on renamed.subject_key = 'class'
        and {{ names_match("regexp_replace(renamed.subject, '[（(]类[）)]', '')", 'classes.official_name') }}
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('coded') }}
