{#- A printed name equals the reference name for its code (full-/half-width brackets and
    spaces ignored). Used at severity warn: a difference is a finding to report, the
    printed name stays as printed. -#}
{% test name_matches_reference(model, column_name, reference_column, code_column) %}
select
    {{ code_column }} as code,
    {{ column_name }} as name_as_printed,
    {{ reference_column }} as reference_name,
    'code ' || {{ code_column }} || ' printed as "' || {{ column_name }} || '", reference name "' || {{ reference_column }} || '"' as failure_message
from {{ model }}
where {{ reference_column }} is not null
  and not {{ names_match(column_name, reference_column) }}
{% endtest %}
