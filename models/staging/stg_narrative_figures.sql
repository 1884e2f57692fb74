-- Every figure the narrative (情况说明) states, from the reference transcription or a
-- landed document: its topic, its subject (as printed and as a canonical key), what it
-- measures, the value as printed and parsed, and the sentence and place it is printed.
-- A 类 named in a structure sentence ("一般公共服务（类）支出" / "一般公共服务支出（类）")
-- is resolved to its code through the reference classification.
with source as (
    select * from {{ ref('base_narrative_figures') }}
),

-- the words of a fall on last year (vocab_change_words: direction down)
falling_words as (
    select string_agg(word, '|' order by length(word) desc) as pattern
    from {{ ref('vocab_change_words') }}
    where direction = 'down'
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
        -- a word of a fall (减少/下降/降低/降幅 …) states a fall: the signed change is negative
        case
            when metric in ('change_amount', 'change_rate') and regexp_matches(stated_word, '^(' || falling_words.pattern || ')') then -1
            when metric in ('change_amount', 'change_rate') then 1
        end as change_sign,
        -- the basis of a stated budget or completion rate (年初预算 / 全年预算 / 预算数); the
        -- reference transcriptions state 年初预算 (一般公共预算) and 预算数 ("三公")
        case
            when metric in ('initial_budget', 'full_year_budget', 'budget', 'completion_rate')
            then coalesce(nullif(trim(budget_basis), ''),
                          case when metric = 'budget' then 'budget'
                               when metric = 'completion_rate' and topic = 'three_public' then 'budget'
                               when metric = 'full_year_budget' then 'full_year_budget'
                               else 'initial_budget' end)
        end as budget_basis,
        quoted_phrase,
        loaded_from,
        printed_at
    from source
    cross join falling_words
),

coded as (
    select
        renamed.*,
        classes.function_code as class_code
    from renamed
    left join classes
        on renamed.subject_key = 'class'
        and {{ names_match("replace(regexp_replace(renamed.subject, '[（(]类[）)]|[“”]', '', 'g'), chr(34), '')", 'classes.official_name') }}
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('coded') }}
