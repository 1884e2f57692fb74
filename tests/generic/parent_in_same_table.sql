{#- Every classification code's parent (款 for a 项, 类 for a 款) is itself printed as a row
    of the same table in the same disclosure. Fails naming the orphan code. -#}
{% test parent_in_same_table(model, column_name, code_column) %}
with codes as (
    select fiscal_year, unit_name, {{ code_column }} as code, {{ column_name }} as parent_code
    from {{ model }}
    where {{ code_column }} is not null
)

select
    child.fiscal_year,
    child.unit_name,
    child.code,
    child.parent_code,
    'code ' || child.code || ' has no parent row ' || child.parent_code || ' in the same table' as failure_message
from codes as child
left join codes as parent
    on parent.fiscal_year = child.fiscal_year
    and parent.unit_name = child.unit_name
    and parent.code = child.parent_code
where child.parent_code is not null
  and parent.code is null
{% endtest %}
