{#- Every cell of a text column holding a printed number either parses strictly or is
    explicitly "not printed" (empty or a dash). Fails with the row and the reason. -#}
{% test strictly_numeric(model, column_name, max_scale=2, suffixes=[], allow_negative=false, row_key='row_no') %}
select
    {{ row_key }} as row_key,
    {{ column_name }} as raw_text,
    {{ number_parse_error(column_name, max_scale, suffixes, allow_negative) }} as failure_message
from {{ model }}
where {{ number_parse_error(column_name, max_scale, suffixes, allow_negative) }} is not null
{% endtest %}
