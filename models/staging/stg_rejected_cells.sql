-- Every printed cell of every seed that could not be used as a number: which seed file,
-- which printed row, which column, the raw text and why it was rejected. The one
-- staging model that reads several seeds: it is the seeds' parse log, driven by the
-- column list in macros/seed_cell_specs.sql (the same options the stg_ models use).
-- A rejected cell of the reference transcription fails the build; one of a landed document
-- is a read problem of that disclosure (READ-FIGURE-TEXT in stg_read_problems), its figure NULL.
{%- set specs = seed_cell_specs() | selectattr('cells') | list %}

with
{%- for spec in specs %}

{{ spec.seed }}_rejects as (
    {%- for cell in spec.cells %}
    select
        '{{ spec.seed }}' as seed_name,
        cast({{ spec.row_key }} as varchar) as row_key,
        {%- if is_landed(spec.seed) %}
        loaded_from,
        try_cast(fiscal_year as integer) as fiscal_year,
        trim(unit_name) as unit_name,
        {%- else %}
        'reference' as loaded_from,
        null::integer as fiscal_year,
        null::varchar as unit_name,
        {%- endif %}
        {{ raw_printed_at(spec.seed, spec.row_key) }} as printed_at,
        '{{ cell.column }}' as column_name,
        cast({{ cell.column }} as varchar) as raw_text,
        {{ cell_parse_error(cell) }} as reason
    from {{ raw_relation(spec.seed) }}
    where {{ cell_parse_error(cell) }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),
{%- endfor %}

all_rejects as (
    {%- for spec in specs %}
    select * from {{ spec.seed }}_rejects
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

described as (
    select
        seed_name,
        'seeds/' || seed_name || '.csv' as seed_file,
        loaded_from,
        fiscal_year,
        unit_name,
        row_key,
        column_name,
        raw_text,
        reason,
        printed_at,
        printed_at || ', column ' || column_name || ': ' || reason as failure_message
    from all_rejects
)

select * from described
