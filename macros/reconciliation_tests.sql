{#-
  Generic tests over the reconciliation marts. They use the same tolerance and status
  arithmetic as the rule models (macros/reconciliation.sql), and every failing row
  carries a failure_message that the on-run-end report prints.
-#}

{% test sum_equals_parent(model, column_name, key_column, parent_column, group_by=['fiscal_year', 'unit_name']) %}
{#- Every row that is some rows' parent equals the sum of those rows within
    0.005 × (children + 1); a difference inside the tolerance is rounding, not failure. -#}
with parents as (
    select {{ group_by | join(', ') }}, {{ key_column }} as parent_key, {{ column_name }} as parent_value
    from {{ model }}
),

children as (
    select {{ group_by | join(', ') }}, {{ parent_column }} as parent_key,
        sum({{ column_name }}) as children_sum, count({{ column_name }}) as child_count
    from {{ model }}
    where {{ parent_column }} is not null
    group by all
),

compared as (
    select parents.*, children.children_sum, children.child_count,
        {{ amount_tolerance('children.child_count + 1') }} as tolerance
    from parents
    inner join children
        on {% for column in group_by %}parents.{{ column }} = children.{{ column }} and {% endfor %}parents.parent_key = children.parent_key
)

select
    *,
    '{{ model.name }}.{{ column_name }} of ' || parent_key || ': ' || coalesce(cast(parent_value as varchar), 'NULL')
      || ' but its ' || child_count || ' children sum to ' || cast(children_sum as varchar)
      || ' (tolerance ' || cast(tolerance as varchar) || ')' as failure_message
from compared
-- a parent not printed (blank) agrees with children that print nothing or only zeros
where (parent_value is null and coalesce(children_sum, 0) <> 0)
   or abs(coalesce(parent_value, 0) - coalesce(children_sum, 0)) > tolerance
{% endtest %}

{% test equal_within_tolerance(model, column_name, compare_to, rounded_figures=2) %}
{#- A figure agrees with another of its row within 0.005 × rounded_figures. Rows where
    the figure itself is NULL (not stated) are not tested; a counterpart that is NULL (a
    blank cell: 部门决算 tables print nothing for nil) agrees with a stated 0 only. -#}
select
    *,
    '{{ model.name }}: {{ column_name }} = ' || coalesce(cast({{ column_name }} as varchar), 'NULL')
      || ' but {{ compare_to }} = ' || coalesce(cast({{ compare_to }} as varchar), 'NULL')
      || ' (tolerance ' || cast({{ amount_tolerance(rounded_figures) }} as varchar) || ')' as failure_message
from {{ model }}
where {{ column_name }} is not null
  and (({{ compare_to }} is null and {{ column_name }} <> 0)
       or abs({{ column_name }} - {{ compare_to }}) > {{ amount_tolerance(rounded_figures) }})
{% endtest %}

{% test rate_consistent_with_amounts(model, column_name, numerator, denominator, printed_decimals=2) %}
{#- A rate (percent) is what some choice of amounts inside their rounding intervals
    gives, to the printed precision, rounded or truncated. Rows without a rate are not tested; a blank amount
    counts as 0 (so a stated 0 % of a blank budget spent blank agrees). -#}
with rated as (
    select
        *,
        {{ rate_pct('coalesce(' ~ numerator ~ ', 0)', 'coalesce(' ~ denominator ~ ', 0)') }} as computed_rate,
        {{ rate_tolerance('coalesce(' ~ numerator ~ ', 0)', 'coalesce(' ~ denominator ~ ', 0)', printed_decimals) }} as rate_tol
    from {{ model }}
    where {{ column_name }} is not null
)

select
    *,
    '{{ model.name }}: {{ column_name }} = ' || cast({{ column_name }} as varchar)
      || ' but {{ numerator }} ÷ {{ denominator }} = ' || coalesce(cast(round(computed_rate, 4) as varchar), 'undefined')
      || ' (tolerance ' || cast(round(rate_tol, 4) as varchar) || ')' as failure_message
from rated
where computed_rate is null
   or (abs({{ column_name }} - computed_rate) > rate_tol
       -- a rate truncated rather than rounded to its printed digits is a 尾差 (macros/reconciliation.sql)
       and not {{ rate_truncated(column_name, 'computed_rate', 'rate_tol', printed_decimals) }})
{% endtest %}
