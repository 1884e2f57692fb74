{#- on-run-end: for every test that failed or warned, print what its stored failing rows
    say (their failure_message column when they have one), so the console names the
    duplicate key, the rejected cell or the code finding instead of only a row count. -#}
{% macro report_test_failures(results) %}
  {%- if execute -%}
    {%- for res in results
          if res.node.resource_type == 'test'
          and res.status in ('fail', 'warn')
          and res.node.relation_name -%}
      {%- set rows = run_query('select * from ' ~ res.node.relation_name ~ ' limit 20') -%}
      {%- do log('', info=true) -%}
      {%- do log(res.status | upper ~ ' ' ~ res.node.name ~ ' (' ~ res.failures ~ ' row(s)):', info=true) -%}
      {%- for row in rows.rows -%}
        {%- if 'failure_message' in rows.column_names -%}
          {%- do log('  - ' ~ row['failure_message'], info=true) -%}
        {%- else -%}
          {%- set cells = [] -%}
          {%- for name in rows.column_names -%}
            {%- do cells.append(name ~ '=' ~ row[name]) -%}
          {%- endfor -%}
          {%- do log('  - ' ~ cells | join(', '), info=true) -%}
        {%- endif -%}
      {%- endfor -%}
    {%- endfor -%}
  {%- endif -%}
{% endmacro %}
