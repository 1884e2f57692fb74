-- 公开09 "三公"经费支出决算表: the one printed row (栏次 1-12) unpivoted to one row per
-- (预算数/决算数, 经费项目).
with source as (
    select * from {{ ref('base_gk09_three_public_expenditure') }}
),

{%- set items = [
    ('total', '合计'),
    ('overseas_travel', '因公出国（境）费'),
    ('vehicle_subtotal', '公务用车购置及运行维护费'),
    ('vehicle_purchase', '公务用车购置费'),
    ('vehicle_operation', '公务用车运行维护费'),
    ('official_reception', '公务接待费'),
] %}

unpivoted as (
    {%- for kind, kind_name, offset in [('budget', '预算数', 0), ('final', '决算数', 6)] %}
    {%- set outer_loop = loop %}
    {%- for item_code, item_name in items %}
    select
        fiscal_year, unit_name, loaded_from, printed_at,
        '{{ kind }}' as amount_kind,
        '{{ kind_name }}' as amount_kind_name,
        '{{ item_code }}' as expense_item,
        '{{ item_name }}' as expense_item_name,
        {{ offset + loop.index }} as column_no,
        {{ kind }}_{{ item_code }} as amount_text
    from source
    {%- if not (outer_loop.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

renamed as (
    select
        {{ disclosure_key() }},
        loaded_from,
        printed_at,
        amount_kind,
        amount_kind_name,
        expense_item,
        expense_item_name,
        column_no,
        {{ table_amount_value('amount_text') }} as amount
    from unpivoted
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
