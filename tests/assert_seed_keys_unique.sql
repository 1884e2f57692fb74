-- Every seed's key is unique: the disclosure (fiscal_year, unit_name, where the seed has
-- them) plus the printed-row key of macros/seed_cell_specs.sql. One test over all seeds
-- (rather than one node per seed) keeps the build fast; the staging integrity tests
-- check the same keys again after typing. Fails naming the file, the key and how often
-- it occurs.
{{ config(severity='warn') }}
{%- set specs = seed_cell_specs() %}

with duplicated_keys as (
    {%- for spec in specs %}
    {%- set relation = ref(spec.seed) %}
    {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | list if execute else [] %}
    {%- set disclosure_keyed = 'fiscal_year' in columns and 'fiscal_year' not in spec.row_key %}
    select
        '{{ spec.seed }}' as seed_name,
        {% if disclosure_keyed %}fiscal_year || '/' || unit_name || '/' || {% endif %}({{ spec.row_key }}) as seed_key,
        count(*) as occurrences
    from {{ relation }}
    group by all
    having count(*) > 1
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select
    seed_name,
    seed_key,
    occurrences,
    'seeds/' || seed_name || '.csv: key ' || seed_key || ' occurs ' || occurrences || ' times' as failure_message
from duplicated_keys
