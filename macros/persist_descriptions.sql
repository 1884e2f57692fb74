{#- on-run-end: write every built model's and seed's description and column descriptions
    as DuckDB comments in one batched statement. dbt's persist_docs sends one statement
    per column (about 950 here) through the adapter; batching them is the same comments
    for a fraction of the time. Only relations this run built successfully are touched. -#}
{% macro persist_descriptions(results) %}
  {%- if execute -%}
    {%- set statements = [] -%}
    {%- for res in results
          if res.node.resource_type in ('model', 'seed')
          and res.status in ('success', 'pass')
          and res.node.relation_name -%}
      {%- set node = res.node -%}
      {%- set kind = 'VIEW' if node.config.materialized == 'view' else 'TABLE' -%}
      {%- if node.description -%}
        {%- do statements.append("comment on " ~ kind ~ " " ~ node.relation_name ~ " is '" ~ node.description | replace("'", "''") ~ "'") -%}
      {%- endif -%}
      {%- for column in node.columns.values() if column.description -%}
        {%- do statements.append("comment on column " ~ node.relation_name ~ "." ~ adapter.quote(column.name) ~ " is '" ~ column.description | replace("'", "''") ~ "'") -%}
      {%- endfor -%}
    {%- endfor -%}
    {%- if statements -%}
      {%- do run_query(statements | join(";\n")) -%}
    {%- endif -%}
  {%- endif -%}
{% endmacro %}
