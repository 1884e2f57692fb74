-- Nothing is lost between a seed and its staging model: for every seed, the rows reach
-- staging, and for every number-bearing column, printed cells = parsed values in
-- staging + cells recorded in stg_rejected_cells. Fails naming seed, column and counts.
-- A landed disclosure whose staging model kept one of two rows read with one key, or left
-- out a row whose key was not read (READ-DUPLICATE / READ-REQUIRED read problems, with their
-- place), is left out of the count of that model: its dropped rows are reported, not lost.
-- The same holds for the project appendix (a 资金管理情况 row whose item was not read).
{%- set specs = seed_cell_specs() %}
{%- set deduplicating = [] %}
{%- for spec in specs %}{% if is_landed(spec.seed) %}{% do deduplicating.append(spec) %}{% endif %}{% endfor %}



with deduplicated as (
    select null::varchar as seed_name, null::integer as fiscal_year, null::varchar as unit_name
    where false
    {%- for spec in deduplicating %}
    union all
    select distinct '{{ spec.seed }}', fiscal_year, unit_name
    from {{ ref(spec.staging) }}
    where duplicate_reads is not null or unkeyed_reads is not null
    {%- endfor %}
),

seed_counts as (
    {%- for spec in specs %}
    {%- set whole = not_deduplicated("'" ~ spec.seed ~ "'", 'counted') if spec in deduplicating else '' %}
    select '{{ spec.seed }}' as seed_name, '(rows)' as column_name,
        {{ spec.get('seed_row_count', 'count(*)') }} as printed_count
    from {{ raw_relation(spec.seed) }} as counted
    {{ whole }}
    {%- for cell in spec.cells %}
    union all
    select '{{ spec.seed }}', '{{ cell.column }}', count(*)
    from {{ raw_relation(spec.seed) }} as counted
    {{ whole }}
    where not {{ number_is_not_printed(cell.column) }}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

staging_counts as (
    {%- for spec in specs %}
    {%- set whole = not_deduplicated("'" ~ spec.seed ~ "'", 'counted') if spec in deduplicating else '' %}
    select '{{ spec.seed }}' as seed_name, '(rows)' as column_name, count(*) as staging_count
    from {{ ref(spec.staging) }} as counted
    {{ whole }}
    where ({{ spec.get('staging_rows_where', 'true') }})
    {%- for cell in spec.cells %}
    union all
    select '{{ spec.seed }}', '{{ cell.column }}', count({{ cell.staging_column }})
    from {{ ref(spec.staging) }} as counted
    {{ whole }}
    where ({{ cell.get('where', 'true') }})
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

rejected_counts as (
    select counted.seed_name, counted.column_name, count(*) as rejected_count
    from {{ ref('stg_rejected_cells') }} as counted
    {{ not_deduplicated('counted.seed_name', 'counted') }}
    group by counted.seed_name, counted.column_name
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
