{#- Read problems of the SQL layer. A staging model whose rows come from the reference
    transcription (seeds) and from landed documents declares its row integrity once, as its
    `model_integrity` test with a `landed_rows` argument ({part, table_code, printed_text}):

    - on the reference rows the test stays an error (the warehouse's own reference);
    - on the landed rows the same conditions are per-row outcomes: `first_read` keeps one row
      per key (the first printed) and lists where the other copies are printed, and
      `landed_read_problems` turns every condition into a row of stg_read_problems (READ-REQUIRED,
      READ-DUPLICATE, READ-VALUE), reported as a warn finding on that disclosure.

    The spec is read from the test node in the graph, so the key, the required columns and the
    accepted values are written once, in the model's .yml. -#}

{% macro read_specs(layer='stg_', all_layers=false) -%}
  {#- {model name: {key_columns, not_null_columns, accepted_values, landed_rows, columns}} for
      every model_integrity test that has landed_rows with a part (stg_rejected_cells has its
      own READ-FIGURE-TEXT block in stg_read_problems); empty while parsing. -#}
  {%- set specs = {} -%}
  {%- if execute and graph.get('nodes') -%}
    {%- for node in graph.nodes.values() -%}
      {%- if node.resource_type == 'test' and node.test_metadata is defined and node.test_metadata
            and node.test_metadata.name == 'model_integrity'
            and node.test_metadata.kwargs.get('landed_rows')
            and node.test_metadata.kwargs.get('landed_rows').get('part') -%}
        {%- set model_id = node.attached_node or node.depends_on.nodes[0] -%}
        {%- set model_node = graph.nodes[model_id] -%}
        {%- set kwargs = node.test_metadata.kwargs -%}
        {%- if all_layers or model_node.name.startswith(layer) -%}
        {%- do specs.update({model_node.name: {
              'key_columns': kwargs.get('key_columns') or [],
              'not_null_columns': kwargs.get('not_null_columns') or [],
              'accepted_values': kwargs.get('accepted_values') or {},
              'landed_rows': kwargs.get('landed_rows'),
              'columns': model_node.columns,
              'description': model_node.description}}) -%}
        {%- endif -%}
      {%- endif -%}
    {%- endfor -%}
  {%- endif -%}
  {{ return(specs) }}
{%- endmacro %}

{% macro printed_order(printed_at) -%}
  {#- the order in which rows are printed: the numbers of their place (page or line, printed
      row) compared as a list, so "line 99" comes before "line 100" -#}
  list_transform(regexp_extract_all(coalesce({{ printed_at }}, ''), '\d+'), digits -> try_cast(digits as bigint))
{%- endmacro %}

{% macro first_read(relation) %}
{#- Called after the model's last CTE and a comma: `),  {{ first_read('renamed') }}`.
    The tail of a model whose landed rows may repeat a key (a table or a 项 printed twice, two
    items numbered alike): reference rows are all kept (their duplicate fails the integrity
    test); of the landed rows with one key the first printed is kept, and duplicate_reads
    lists where the others are printed (reported as READ-DUPLICATE). Where the spec names an
    `address` (the key the rules find a row by, e.g. the function code of a printed row), the
    landed rows are then kept once per address too, the same way. A landed row with an empty
    key column or address is kept as it is (READ-REQUIRED names it). -#}
{%- set spec = read_specs(all_layers=true).get(model.name) -%}
{%- set key = spec.key_columns if spec else [] -%}
{%- set address = spec.landed_rows.get('address') if spec else none -%}
{%- if not key %}
numbered_reads as (
    select {{ relation }}.*, null::varchar[] as duplicate_reads, null::varchar[] as unkeyed_reads from {{ relation }}
)

select * from numbered_reads
{%- else %}
numbered_reads as (
    select
        {{ relation }}.*,
        {%- if address %}
        cast({{ address }} as varchar) as read_address,
        {%- else %}
        null::varchar as read_address,
        {%- endif %}
        case
            when loaded_from = 'document' and ({% for c in key %}{{ c }} is null{% if not loop.last %} or {% endif %}{% endfor %})
                then 0
            when loaded_from = 'document'
                then row_number() over (
                    partition by loaded_from, {{ key | join(', ') }}
                    order by {{ printed_order('printed_at') }}, printed_at)
            else 1
        end as read_copy_no
    from {{ relation }}
),

addressed_reads as (
    select
        numbered_reads.*,
        case
            when loaded_from = 'document' and read_copy_no = 1 and read_address is not null
                then row_number() over (
                    partition by loaded_from, fiscal_year, unit_name, read_address, read_copy_no
                    order by {{ printed_order('printed_at') }}, printed_at)
            else 1
        end as address_copy_no
    from numbered_reads
),

-- the places of the copies not kept: of the same key, and of the same address
copies_of_key as (
    select
        {{ key | join(', ') }},
        list(printed_at order by read_copy_no) as copies
    from addressed_reads
    where read_copy_no > 1
    group by {{ key | join(', ') }}
),

copies_of_address as (
    select
        fiscal_year, unit_name, read_address,
        list(printed_at order by address_copy_no) as copies
    from addressed_reads
    where address_copy_no > 1
    group by fiscal_year, unit_name, read_address
),

-- landed rows with an empty key column cannot be told apart: they are not used, and their
-- places are listed on the disclosure's first kept row (reported as READ-REQUIRED)
unkeyed_reads as (
    select fiscal_year, unit_name, list(printed_at order by {{ printed_order('printed_at') }}, printed_at) as places
    from addressed_reads
    where read_copy_no = 0
    group by fiscal_year, unit_name
),

kept_reads as (
    select
        addressed_reads.*,
        case when loaded_from = 'document' then row_number() over (
            partition by loaded_from, fiscal_year, unit_name
            order by {{ printed_order('printed_at') }}, printed_at) end as landed_row_no
    from addressed_reads
    where read_copy_no = 1 and address_copy_no = 1
)

select
    kept_reads.* exclude (read_copy_no, address_copy_no, read_address, landed_row_no),
    case
        when kept_reads.loaded_from = 'document'
            then nullif(list_concat(coalesce(copies_of_key.copies, []), coalesce(copies_of_address.copies, [])), [])
    end as duplicate_reads,
    case when kept_reads.landed_row_no = 1 then unkeyed_reads.places end as unkeyed_reads
from kept_reads
left join copies_of_key
    on {% for c in key %}kept_reads.{{ c }} = copies_of_key.{{ c }}{% if not loop.last %}
    and {% endif %}{% endfor %}
left join copies_of_address
    on kept_reads.fiscal_year = copies_of_address.fiscal_year
    and kept_reads.unit_name = copies_of_address.unit_name
    and kept_reads.read_address = copies_of_address.read_address
left join unkeyed_reads
    on kept_reads.fiscal_year = unkeyed_reads.fiscal_year
    and kept_reads.unit_name = unkeyed_reads.unit_name
{%- endif %}
{% endmacro %}

{% macro read_place(printed_at, kind) -%}
  {#- the page (PDF, 第21页) or line (text export, 文本第123行) of a landed row, from its
      printed place (staging_helpers.sql printed_place) -#}
  try_cast(nullif(regexp_extract({{ printed_at }}, ' {{ '第(\d+)页' if kind == 'page' else '文本第(\d+)行' }}', 1), '') as integer)
{%- endmacro %}

{% macro column_label(spec, column) -%}
  {%- set described = spec.columns.get(column) -%}
  {%- set text = (described.description if described else '') or '' -%}
  {{- return(text.split('（')[0].split('(')[0] ~ '（' ~ column ~ '）' if text else column) -}}
{%- endmacro %}

{% macro read_problem_head(landed, model_name, found_by, place, text) -%}
  {#- the columns every read-problem row of a model's landed rows starts with, for a row
      printed at `place` (its printed_at, or a place listed in duplicate_reads/unkeyed_reads) -#}
        fiscal_year,
        unit_name,
        '{{ landed.part }}' as part,
        {{ "'" ~ landed.table_code ~ "'" if landed.get('table_code') else 'table_code' }} as table_code,
        '{{ model_name }}' as model_name,
        {{ read_place(place, 'page') }} as source_page,
        {{ read_place(place, 'line') }} as source_line,
        {{ place }} as printed_at,
        cast({{ text }} as varchar) as printed_text,
        '{{ found_by }}' as found_by,
        null::integer as landed_problem_no
{%- endmacro %}

{% macro landed_read_problems(model_name, spec) %}
{#- The rows of one staging model's landed rows that break its integrity spec, as read
    problems: one row per (row, condition). -#}
{%- set landed = spec.landed_rows -%}
{%- set subject = landed.get('subject') or (spec.description or model_name).split('：')[0].split(':')[0] -%}
{%- set printed_text = landed.get('printed_text') or 'null' -%}
{%- set found_by = 'staging' if model_name.startswith('stg_') else 'intermediate' -%}
{%- set common = read_problem_head(landed, model_name, found_by, 'printed_at', printed_text) -%}
    select null::integer as fiscal_year, null::varchar as unit_name, null::varchar as part,
        null::varchar as table_code, null::varchar as model_name, null::integer as source_page,
        null::integer as source_line, null::varchar as printed_at, null::varchar as printed_text,
        null::varchar as rule_id, null::varchar as detail, null::varchar as found_by,
        null::integer as landed_problem_no
    where false
{%- for column in spec.not_null_columns if column not in spec.key_columns %}
    union all by name
    select
        {{ common }},
        'READ-REQUIRED' as rule_id,
        '{{ subject }}：{{ column_label(spec, column) }}未读出（为空），此行依赖该字段的核对无法核对' as detail
    from {{ ref(model_name) }}
    where loaded_from = 'document' and {{ column }} is null
{%- endfor %}
{%- if landed.get('address') %}
    union all by name
    select
        {{ common }},
        'READ-REQUIRED' as rule_id,
        '{{ subject }}：此行未读出核对时据以找到它的{{ landed.get("address_label", "键") }}，不参与核对' as detail
    from {{ ref(model_name) }}
    where loaded_from = 'document' and ({{ landed.address }}) is null
{%- endif %}
{%- for column, values in spec.accepted_values.items() %}
    union all by name
    select
        {{ common }},
        'READ-VALUE' as rule_id,
        '{{ subject }}：{{ column_label(spec, column) }}读出“' || cast({{ column }} as varchar)
            || '”，不在可接受值（{{ values | join("、") }}）之内' as detail
    from {{ ref(model_name) }}
    where loaded_from = 'document' and {{ column }} is not null
      and cast({{ column }} as varchar) not in ({% for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endfor %}
{%- if spec.key_columns and landed.get('unkeyed_reported', true) %}
    union all by name
    select
        {{ read_problem_head(landed, model_name, found_by, 'unkeyed_read', 'null') }},
        'READ-REQUIRED' as rule_id,
        '{{ subject }}：此行的键（{% for c in spec.key_columns %}{{ column_label(spec, c) }}{% if not loop.last %}、{% endif %}{% endfor %}）有未读出者，无法与其他行区分，不参与核对' as detail
    from {{ ref(model_name) }} as unkeyed
    cross join unnest(unkeyed.unkeyed_reads) as unkeyed_places(unkeyed_read)
    where unkeyed.unkeyed_reads is not null
{%- endif %}
{%- if spec.key_columns %}
    union all by name
    select
        {{ read_problem_head(landed, model_name, found_by, 'duplicate_read', printed_text) }},
        'READ-DUPLICATE' as rule_id,
        '{{ subject }}：同一披露中同一行重复读出（' || concat_ws('，', {% for c in spec.key_columns %}'{{ column_label(spec, c) }}=' || coalesce(cast({{ c }} as varchar), '空'){% if not loop.last %}, {% endif %}{% endfor %}
            {%- if landed.get('address') %}, '{{ landed.get("address_label", "键") }}=' || cast({{ landed.address }} as varchar){% endif %})
            || '）；保留先印的一行（' || printed_at || '），此处的一行未用于核对' as detail
    from {{ ref(model_name) }} as duplicated
    cross join unnest(duplicated.duplicate_reads) as other_reads(duplicate_read)
    where duplicated.duplicate_reads is not null
{%- endif %}
{% endmacro %}

{% macro not_deduplicated(seed_name, alias) -%}
  {#- In a test counting rows and cells, after `from X as alias`: leaves out the rows of a
      disclosure that had a key read twice (or not read) in that seed's staging model (CTE
      `deduplicated`: seed_name, fiscal_year, unit_name); an anti join, not a correlated subquery -#}
    anti join deduplicated
        on deduplicated.seed_name = {{ seed_name }}
        and deduplicated.fiscal_year = try_cast({{ alias }}.fiscal_year as integer)
        and deduplicated.unit_name = trim({{ alias }}.unit_name)
{%- endmacro %}


{% macro read_problems_of_layer(layer) -%}
  {#- The read problems of the landed rows of every model of a layer ('stg_' or 'int_') whose
      integrity spec names landed_rows: one landed_read_problems block per model. -#}
{%- set specs = read_specs(layer=layer) %}
{%- if specs %}
{%- for model_name, spec in specs.items() | sort %}
    {% if not loop.first %}union all by name{% endif %}
{{ landed_read_problems(model_name, spec) }}
{%- endfor %}
{%- else %}
    select null::integer as fiscal_year, null::varchar as unit_name, null::varchar as rule_id where false
{%- endif %}
{%- endmacro %}
