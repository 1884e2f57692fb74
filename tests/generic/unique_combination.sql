{#- Fails with one row per duplicated key, naming the key and how often it occurs. -#}
{% test unique_combination(model, columns) %}
select
    {{ columns | join(', ') }},
    count(*) as occurrences,
    'duplicate key (' || concat_ws(', ', {% for c in columns %}'{{ c }}=' || coalesce(cast({{ c }} as varchar), 'NULL'){% if not loop.last %}, {% endif %}{% endfor %}) || ') occurs ' || count(*) || ' times' as failure_message
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
