{#- Shared staging shapes. Each staging model stays one select over one seed; these
    macros hold the column logic that several seeds share, so it is written once. -#}

{% macro disclosure_key(fy='fiscal_year', unit='unit_name') -%}
    {{ integer_value(fy) }} as fiscal_year,
    trim({{ unit }}) as unit_name
{%- endmacro %}

{% macro split_ordinal_label(item) -%}
    {#- "十九、住房保障支出" -> ordinal label "十九" -#}
    nullif(regexp_extract({{ item }}, '^([一二三四五六七八九十]+)、', 1), '')
{%- endmacro %}

{% macro strip_ordinal_label(item) -%}
    regexp_replace({{ item }}, '^[一二三四五六七八九十]+、', '')
{%- endmacro %}

{% macro function_coded_table(seed_name, amount_columns) %}
{#- Staging for the printed tables keyed by functional classification code
    (公开02, 03, 05, 07, 08): one row per printed row, code normalised and
    compared with the reference, amounts parsed strictly. -#}
with source as (
    select * from {{ ref(seed_name) }}
),

reference as (
    select * from {{ ref('ref_functional_classification') }}
),

renamed as (
    select
        -- disclosure and position
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        -- classification code
        {{ code_clean('function_code') }} as function_code,
        trim(item_name) as name_as_printed,
        -- amounts (万元)
        {%- for column in amount_columns %}
        {{ number_value(column) }} as {{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from source
),

coded as (
    select
        renamed.*,
        renamed.function_code is null and renamed.name_as_printed = '合计' as is_total_row,
        {{ function_code_level('renamed.function_code') }} as code_level,
        {{ code_parent('renamed.function_code') }} as parent_code,
        left(renamed.function_code, 3) as class_code,
        reference.official_name,
        {{ name_differs_flag('renamed.name_as_printed', 'reference.official_name') }} as name_differs_from_reference
    from renamed
    left join reference
        on renamed.function_code = reference.function_code
)

select * from coded
{% endmacro %}

{% macro summary_line_mapping(renamed_cte) %}
{#- 公开01/04 two-sided summaries: classify each printed line and map the 支出 side's
    "序号、类名" rows to the 类 code through ref_class_ordinal_map. -#}
    select
        {{ renamed_cte }}.*,
        case
            when {{ renamed_cte }}.item_as_printed is null and {{ renamed_cte }}.amount is null then 'blank_line'
            when {{ renamed_cte }}.side = '支出' and {{ renamed_cte }}.ordinal_label is not null then '类'
            else 'item'
        end as line_kind,
        ordinal_map.function_code,
        ordinal_map.class_name as official_class_name,
        {{ name_differs_flag(renamed_cte ~ '.item_name', 'ordinal_map.class_name') }} as name_differs_from_reference
    from {{ renamed_cte }}
    left join {{ ref('ref_class_ordinal_map') }} as ordinal_map
        on {{ renamed_cte }}.side = '支出'
        and {{ renamed_cte }}.ordinal_label = ordinal_map.ordinal_label
{% endmacro %}
