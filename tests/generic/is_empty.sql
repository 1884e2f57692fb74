{#- A findings or rejects model (optionally filtered) holds no rows. Its failure_message
    column (or the column named by message_column) says what each row is about; the
    on-run-end report prints them. -#}
{% test is_empty(model, where_clause='true', message_column=none) %}
select
    *{% if message_column %},
    {{ message_column }} as failure_message{% endif %}
from {{ model }}
where {{ where_clause }}
{% endtest %}
