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
    {#- "十九、住房保障支出" -> "住房保障支出"; the usual wording variants of the summary
        tables' balance lines are brought to one name (the 单位决算 wording), so the rules
        find them in either layout: 年末结转和结余 -> 年末结转与结余, 使用非财政拨款结余
        （含专用结余） -> 使用非财政拨款结余和专用结余. item_as_printed keeps the print. -#}
    regexp_replace(regexp_replace(regexp_replace({{ item }}, '^[一二三四五六七八九十]+、', ''),
        '^年末结转和结余$', '年末结转与结余'),
        '^使用非财政拨款结余(（含专用结余）|\(含专用结余\))?$', '使用非财政拨款结余和专用结余')
{%- endmacro %}

{% macro function_coded_table(seed_name, amount_columns) %}
{#- Staging for the printed tables keyed by functional classification code
    (公开02, 03, 05, 07, 08): one row per printed row, code normalised and
    compared with the reference, amounts parsed strictly. -#}
with source as (
    select * from {{ ref('base_' ~ seed_name) }}
),

reference as (
    select * from {{ ref('ref_functional_classification') }}
),

renamed as (
    select
        -- disclosure and position
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        loaded_from,
        printed_at,
        -- classification code
        {{ code_clean('function_code') }} as function_code,
        trim(item_name) as name_as_printed,
        -- amounts (万元)
        {%- for column in amount_columns %}
        {{ table_amount_value(column) }} as {{ column }}{% if not loop.last %},{% endif %}
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
),

{{ first_read('coded') }}
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
        coalesce(name_map.function_code, ordinal_map.function_code) as function_code,
        coalesce(name_map.class_name, ordinal_map.class_name) as official_class_name,
        {{ name_differs_flag(renamed_cte ~ '.item_name', 'coalesce(name_map.class_name, ordinal_map.class_name)') }} as name_differs_from_reference
    from {{ renamed_cte }}
    -- a 类 line is mapped by its name; by its ordinal only when the name matches no 类
    -- (a list that omits 类, as some 部门决算 do, shifts the ordinals)
    left join {{ ref('ref_class_ordinal_map') }} as name_map
        on {{ renamed_cte }}.side = '支出'
        and {{ renamed_cte }}.ordinal_label is not null
        and {{ names_match(renamed_cte ~ '.item_name', 'name_map.class_name') }}
    left join {{ ref('ref_class_ordinal_map') }} as ordinal_map
        on {{ renamed_cte }}.side = '支出'
        and {{ renamed_cte }}.ordinal_label = ordinal_map.ordinal_label
        and name_map.function_code is null
{% endmacro %}

{% macro reference_or_landed(seed_name, landed_place="landed.table_title_as_printed || '第' || landed.row_no || '行'", reference_place="'第' || row_no || '行'") %}
{#- One printed table type, all disclosures: the hand transcription (seed) of the
    reference disclosures, and every landed disclosure the reference does not cover, so
    each disclosure enters the warehouse exactly once. All columns stay text; provenance
    says where each row is printed, as Chinese readers write it (printed_place): the seed file
    and its row (seeds/gk05_….csv 第7行), or the document, its page or text line, and the
    table's row (documents/….pdf 第21页，一般公共预算财政拨款支出决算表第1行).
    APPENDIX_FROM_DOCUMENTS=1 (build with --full-refresh): the project appendix (project_*)
    of every disclosure is taken from its document, the reference seeds' appendix left out —
    the check that the appendix read from the Nanyang export gives the seeds' 绩效 findings. -#}
{%- set appendix_from_documents = seed_name.startswith('project_') and env_var('APPENDIX_FROM_DOCUMENTS', '') not in ('', '0', 'false') %}
with reference_disclosures as (
    select fiscal_year, unit_name from {{ ref('disclosures') }}
),

documents as (
    select document_sha256, source_file from {{ source('landing', 'documents') }}
),

reference_rows as (
    select
        *,
        'reference' as loaded_from,
        null::varchar as document_sha256,
        'seeds/{{ seed_name }}.csv' as source_file,
        null::varchar as source_page,
        null::varchar as source_line,
        null::varchar as table_title_as_printed,
        'seeds/{{ seed_name }}.csv ' || {{ reference_place }} as printed_at
    from {{ ref(seed_name) }}
    {%- if appendix_from_documents %}
    where false
    {%- endif %}
),

landed_rows as (
    select
        landed.*,
        'document' as loaded_from,
        documents.source_file,
        {{ printed_place('documents.source_file', 'landed.source_page', 'landed.source_line', landed_place) }} as printed_at
    from {{ source('landing', seed_name) }} as landed
    left join documents
        on landed.document_sha256 = documents.document_sha256
    where {% if appendix_from_documents %}true{% else %}{{ not_covered_by_reference('landed', 'reference_disclosures') }}{% endif %}
)

select * from reference_rows
union all by name
select * from landed_rows
{% endmacro %}

{% macro raw_relation(seed_name) -%}
{#- Where a seed's rows are read from: the printed tables (gk01-gk09) through their base
    model (reference transcription + landed documents), everything else from the seed. -#}
{%- if is_landed(seed_name) -%}{{ ref('base_' ~ seed_name) }}{%- else -%}{{ ref(seed_name) }}{%- endif -%}
{%- endmacro %}

{% macro is_landed(seed_name) -%}
{#- Seeds whose disclosures also arrive as documents (printed tables, narrative, project appendix). -#}
{{ return(seed_name.startswith('gk0') or seed_name.startswith('narrative_') or seed_name.startswith('project_')) }}
{%- endmacro %}

{% macro raw_printed_at(seed_name, row_key) -%}
{%- if is_landed(seed_name) -%}printed_at{%- else -%}'seeds/{{ seed_name }}.csv 第' || coalesce(cast({{ row_key }} as varchar), '?') || '行'{%- endif -%}
{%- endmacro %}

{% macro printed_place(source_file, page, line, row_place='null') -%}
{#- Where something is printed, in the one form every printed_at takes: the file, then its
    PDF page (第21页) or the line of a text export (文本第123行, so a line of the file is never
    taken for a row of a table), then, after a full-width comma, the table and its printed row
    (一般公共预算财政拨款支出决算表第1行) when there is one:
    documents/x.pdf 第21页，一般公共预算财政拨款支出决算表第1行. macros/read_problems.sql
    read_place reads the page and line back. -#}
{{ source_file }}
            || coalesce(' 第' || {{ page }} || '页', ' 文本第' || {{ line }} || '行', '')
            || coalesce('，' || {{ row_place }}, '')
{%- endmacro %}

{% macro not_covered_by_reference(alias, reference) -%}
{#- True for a landed row whose disclosure (fiscal year + unit) the reference transcription
    does not cover: each disclosure enters the warehouse once, from one source. -#}
not exists (
        select 1 from {{ reference }} as covering
        where covering.fiscal_year = {{ alias }}.fiscal_year
          and covering.unit_name = {{ alias }}.unit_name
    )
{%- endmacro %}
