{#- A printed total equals the sum of printed parts within the rounding tolerance
    0.005 x (n + 1), n = number of rounded parts. The model supplies the columns. -#}
{% test within_rounding(model, printed_total, computed_total, part_count, where_clause='true') %}
select *,
    abs({{ printed_total }} - {{ computed_total }}) as difference,
    0.005 * ({{ part_count }} + 1) as tolerance
from {{ model }}
where {{ where_clause }}
  and abs({{ printed_total }} - {{ computed_total }}) > 0.005 * ({{ part_count }} + 1)
{% endtest %}
