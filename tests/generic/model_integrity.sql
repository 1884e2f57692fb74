{#- One test node per model for its row-level integrity, instead of one node per column:
    the key is unique (each duplicated key named with how often it occurs), further
    single columns are unique, required columns are filled, and coded columns hold
    only their accepted values (NULL is left to not_null_columns). Every failing row
    says which check it breaks in failure_message. -#}
{% test model_integrity(model, key_columns, unique_columns=[], not_null_columns=[], accepted_values={}, model_label=none, landed_rows=none) %}
{#- model_label names the model in the messages when a `where` config turns the model into a subquery.
    landed_rows ({part, table_code, printed_text}): the model also holds rows of landed documents;
    the test then checks the reference rows only, and the landed rows' breaches are read problems
    (macros/read_problems.sql, stg_read_problems), never a failed build. -#}
{%- set label = model_label or model.name -%}
with tested as (
    select * from {{ model }}
    {%- if landed_rows %}
    where loaded_from = 'reference'
    {%- endif %}
)
{%- if key_columns %}
select
    'duplicate key' as check_kind,
    'duplicate key (' || concat_ws(', ', {% for c in key_columns %}'{{ c }}=' || coalesce(cast({{ c }} as varchar), 'NULL'){% if not loop.last %}, {% endif %}{% endfor %}) || ') occurs ' || count(*) || ' times' as failure_message
from tested
group by {{ key_columns | join(', ') }}
having count(*) > 1
{%- else %}
select 'duplicate key' as check_kind, null::varchar as failure_message where false
{%- endif %}
{%- for column in unique_columns %}
union all
select
    'duplicate value',
    '{{ label }}.{{ column }} value "' || cast({{ column }} as varchar) || '" occurs ' || count(*) || ' times'
from tested
where {{ column }} is not null
group by {{ column }}
having count(*) > 1
{%- endfor %}
{%- for column in not_null_columns %}
union all
select
    'null',
    '{{ label }}.{{ column }} is NULL in row ' || left(cast(to_json(checked) as varchar), 400)
from tested as checked
where checked.{{ column }} is null
{%- endfor %}
{%- for column, values in accepted_values.items() %}
union all
select
    'value not accepted',
    '{{ label }}.{{ column }} has value "' || cast(checked.{{ column }} as varchar)
      || '", not one of: {{ values | join(", ") }}'
from tested as checked
where checked.{{ column }} is not null
  and cast(checked.{{ column }} as varchar) not in ({% for value in values %}'{{ value }}'{% if not loop.last %}, {% endif %}{% endfor %})
{%- endfor %}
{% endtest %}
