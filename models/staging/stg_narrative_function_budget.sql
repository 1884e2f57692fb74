-- 第三部分 五（三）, 七 and 八: per-项 年初预算 / 全年预算 / 预算数 / 决算 / 完成率 as stated, each budget
-- under its basis (seeds/vocab_budget_bases.csv), with the basis the completion rate and the
-- comparison word name (for "预算数", the budget last stated in the paragraph). The narrative names each 项
-- by "类（类）款（款）项（项）"; the names are resolved to codes through the reference,
-- 款 within its 类 and 项 within its 款 (项 names repeat across 款).
with source as (
    select * from {{ ref('base_narrative_function_budget') }}
),

reference as (
    select * from {{ ref('ref_functional_classification') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        {{ integer_value('item_no') }} as item_no,
        trim(class_name) as class_name,
        trim(kuan_name) as kuan_name,
        trim(xiang_name) as xiang_name,
        {{ number_value('initial_budget_text') }} as stated_initial_budget,
        {{ number_value('full_year_budget_text') }} as stated_full_year_budget,
        {{ number_value('budget_text') }} as stated_budget,
        {{ number_value('final_amount_text') }} as stated_final_amount,
        -- the 决算 stated a second time in the paragraph (its heading and its sentence); NULL where stated once
        nullif(trim(final_amount_restated_text), '') as restated_final_text,
        {{ number_value('final_amount_restated_text') }} as stated_final_restated,
        -- the account the paragraph belongs to: 一般公共预算 (the reference transcriptions), 政府性基金 or 国有资本经营
        coalesce(nullif(trim(budget_topic), ''), 'general_budget') as budget_topic,
        {{ number_value('completion_rate_text', suffixes=['%']) }} as stated_completion_rate_pct,
        {{ number_decimals('completion_rate_text', suffixes=['%']) }} as stated_completion_rate_decimals,
        -- the reference transcriptions state 年初预算 only: their rates and words are on that basis
        case when nullif(trim(completion_rate_text), '') is not null
             then coalesce(nullif(trim(completion_rate_basis), ''), 'initial_budget') end as completion_rate_basis,
        nullif(trim(wording), '') as stated_wording,
        case when nullif(trim(wording), '') is not null
             then coalesce(nullif(trim(wording_basis), ''), 'initial_budget') end as wording_basis,
        nullif(trim(stated_reason), '') as stated_reason,
        -- the whole per-项 paragraph as printed (landed documents; the reference transcription has none)
        nullif(trim(quoted_phrase), '') as quoted_phrase,
        loaded_from,
        printed_at
    from source
),

classes as (
    select function_code, official_name from reference where level = '类'
),

kuans as (
    select function_code, official_name, parent_code from reference where level = '款'
),

xiangs as (
    select function_code, official_name, parent_code from reference where level = '项'
),

coded as (
    select
        renamed.*,
        classes.function_code as class_code,
        kuans.function_code as kuan_code,
        xiangs.function_code
    from renamed
    left join classes
        on {{ names_match('renamed.class_name', 'classes.official_name') }}
    left join kuans
        on kuans.parent_code = classes.function_code
        and {{ names_match('renamed.kuan_name', 'kuans.official_name') }}
    left join xiangs
        on xiangs.parent_code = kuans.function_code
        and {{ names_match('renamed.xiang_name', 'xiangs.official_name') }}
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('coded') }}
