-- Nothing is lost between a seed and its staging model: for every seed, the rows reach
-- staging, and for every number-bearing column, printed cells = parsed values in
-- staging + cells recorded in stg_rejected_cells. Fails naming seed, column and counts.
{%- set specs = seed_cell_specs() %}

with seed_counts as (
    {%- for spec in specs %}
    select '{{ spec.seed }}' as seed_name, '(rows)' as column_name,
        {{ spec.get('seed_row_count', 'count(*)') }} as printed_count
    from {{ raw_relation(spec.seed) }}
    {%- for cell in spec.cells %}
    union all
    select '{{ spec.seed }}', '{{ cell.column }}', count(*)
    from {{ raw_relation(spec.seed) }}
    where not {{ number_is_not_printed(cell.column) }}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

staging_counts as (
    {%- for spec in specs %}
    select '{{ spec.seed }}' as seed_name, '(rows)' as column_name, count(*) as staging_count
    from {{ ref(spec.staging) }}
    {%- if spec.get('staging_rows_where') %}
    where {{ spec.staging_rows_where }}
    {%- endif %}
    {%- for cell in spec.cells %}
    union all
    select '{{ spec.seed }}', '{{ cell.column }}', count({{ cell.staging_column }})
    from {{ ref(spec.staging) }}
    {%- if cell.get('where') %}
    where {{ cell.where }}
    {%- endif %}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

rejected_counts as (
    select seed_name, column_name, count(*) as rejected_count
    from {{ ref('stg_rejected_cells') }}
    group by seed_name, column_name
),

compared as (
    select
        seed_counts.seed_name,
        seed_counts.column_name,
        seed_counts.printed_count,
        coalesce(staging_counts.staging_count, 0) as staging_count,
        coalesce(rejected_counts.rejected_count, 0) as rejected_count
    from seed_counts
    left join staging_counts
        on seed_counts.seed_name = staging_counts.seed_name
        and seed_counts.column_name = staging_counts.column_name
    left join rejected_counts
        on seed_counts.seed_name = rejected_counts.seed_name
        and seed_counts.column_name = rejected_counts.column_name
)

select
    *,
    'seeds/' || seed_name || '.csv ' || column_name || ': ' || printed_count || ' printed, '
        || staging_count || ' in staging, ' || rejected_count || ' rejected' as failure_message
from compared
where printed_count <> staging_count + rejected_count
