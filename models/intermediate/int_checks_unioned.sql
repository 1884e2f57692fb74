-- Every rule model's checks in one relation (the common check shape of check_output in
-- macros/reconciliation.sql, with each side's structured keys), before applicability,
-- locations and labels. A rule model is listed here once; tests/python/test_rule_catalog_coverage.py
-- proves that every rule of the catalog comes out of the model it names.
-- a table, not a view: a DuckDB view names the database file it was built in, so it breaks when
-- the file is renamed or attached under another name (a BI tool, the DuckDB shell's ATTACH)

{%- set rule_models = ['int_checks_within_table', 'int_checks_across_tables', 'int_checks_narrative',
                       'int_checks_performance', 'int_checks_classification', 'int_checks_structure',
                       'int_checks_document', 'int_checks_codes'] %}

with
{%- for rule_model in rule_models %}
{{ rule_model | replace('int_checks_', '') }} as (
    select * from {{ ref(rule_model) }}
),
{% endfor %}
unioned as (
{%- for rule_model in rule_models %}
    select * from {{ rule_model | replace('int_checks_', '') }}
    {%- if not loop.last %}
    union all{% endif %}
{%- endfor %}
)

select * from unioned
