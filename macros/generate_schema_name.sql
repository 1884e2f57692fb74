{#- Each layer in its own schema, named as configured (dbt's default would prefix the
    target schema: main_staging). A BI tool pointed at the warehouse meets the marts in
    `main`; seeds are in `reference`, staging in `staging`, intermediate models in
    `intermediate`, failing tests' rows in `test_failures`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
