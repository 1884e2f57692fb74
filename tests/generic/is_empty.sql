{#- A findings or rejects model (optionally filtered) holds no rows. Its failure_message
    column says what each row is about; the on-run-end report prints them. -#}
{% test is_empty(model, where_clause='true') %}
select * from {{ model }} where {{ where_clause }}
{% endtest %}
