-- The per-项 accounts of the narrative with their 项 code: 一般公共预算 (情况说明 五（三）),
-- 政府性基金 and 国有资本经营 (budget_topic), each against its own table (公开05, 公开07, 公开08;
-- "the table" below). The printed 类/款/项 names are resolved, in order:
--   1. by the reference classification (stg_narrative_function_budget);
--   2. by the disclosure's own table: 类, then 款 within it, then 项
--      within the 款, as the document prints them (the reference lists the codes met so far,
--      not the whole catalogue);
--   3. by the 项 name alone within its 类, when exactly one printed 项 of that 类 bears it (the
--      narrative misnames the 款: "住房保障支出（款）住房公积金（项）" for 2210201);
--   4. by its 决算 within its 款, when exactly one printed 项 of that 款 has that amount and no
--      other item names it (the narrative uses an old or wrong 项 name).
-- Resolutions 3 and 4 are judgments: names_differ records that the printed names do not match
-- the table's, and N-ITEM-NAME reports it.
-- Before them, a 类/款/项 name the reference knows under a dated title
-- (seeds/ref_classification_name_history.csv: 文化体育与传媒支出 for 207 until 2018) resolves
-- to its code; older_title_note names an older title used (int_checks_codes warns of it).
with staged as (
    select * from {{ ref('stg_narrative_function_budget') }}
),

name_history as (
    select function_code, name, valid_from_year, valid_to_year
    from {{ ref('ref_classification_name_history') }}
),

items as (
    select
        staged.* replace (
            coalesce(staged.class_code, class_title.function_code) as class_code,
            coalesce(staged.kuan_code, kuan_title.function_code) as kuan_code,
            coalesce(staged.function_code, xiang_title.function_code) as function_code),
        nullif(concat_ws('；',
            case when class_title.valid_to_year < staged.fiscal_year then '类名“' || staged.class_name || '”为'
                || class_title.valid_to_year || '年及以前的名称（' || class_title.function_code || '）' end,
            case when kuan_title.valid_to_year < staged.fiscal_year then '款名“' || staged.kuan_name || '”为'
                || kuan_title.valid_to_year || '年及以前的名称（' || kuan_title.function_code || '）' end,
            case when xiang_title.valid_to_year < staged.fiscal_year then '项名“' || staged.xiang_name || '”为'
                || xiang_title.valid_to_year || '年及以前的名称（' || xiang_title.function_code || '）' end), '')
            as older_title_note
    from staged
    left join name_history as class_title
        on staged.class_code is null and length(class_title.function_code) = 3
        and {{ names_match('staged.class_name', 'class_title.name') }}
    left join name_history as kuan_title
        on staged.kuan_code is null and length(kuan_title.function_code) = 5
        and left(kuan_title.function_code, 3) = coalesce(staged.class_code, class_title.function_code)
        and {{ names_match('staged.kuan_name', 'kuan_title.name') }}
    left join name_history as xiang_title
        on staged.function_code is null and length(xiang_title.function_code) = 7
        and left(xiang_title.function_code, 5) = coalesce(staged.kuan_code, kuan_title.function_code)
        and {{ names_match('staged.xiang_name', 'xiang_title.name') }}
),

-- each account's own table: 一般公共预算 公开05, 政府性基金 公开07, 国有资本经营 公开08
printed as (
    select 'general_budget' as budget_topic, fiscal_year, unit_name, function_code, name_as_printed, code_level,
        parent_code, class_code, subtotal
    from {{ ref('stg_gk05_general_budget_expenditure') }}
    where function_code is not null
    union all
    select 'government_fund', fiscal_year, unit_name, function_code, name_as_printed, code_level,
        parent_code, class_code, expenditure_subtotal
    from {{ ref('stg_gk07_government_fund') }}
    where function_code is not null
    union all
    select 'state_capital', fiscal_year, unit_name, function_code, name_as_printed, code_level,
        parent_code, class_code, subtotal
    from {{ ref('stg_gk08_state_capital_expenditure') }}
    where function_code is not null
),

by_names as (
    select
        items.*,
        printed_class.function_code as printed_class_code,
        printed_kuan.function_code as printed_kuan_code,
        printed_xiang.function_code as printed_xiang_code
    from items
    left join printed as printed_class
        on printed_class.fiscal_year = items.fiscal_year and printed_class.unit_name = items.unit_name
        and printed_class.budget_topic = items.budget_topic and printed_class.code_level = '类'
        and {{ names_match('items.class_name', 'printed_class.name_as_printed') }}
    left join printed as printed_kuan
        on printed_kuan.fiscal_year = items.fiscal_year and printed_kuan.unit_name = items.unit_name
        and printed_kuan.budget_topic = items.budget_topic and printed_kuan.code_level = '款'
        and printed_kuan.parent_code = coalesce(items.class_code, printed_class.function_code)
        and {{ names_match('items.kuan_name', 'printed_kuan.name_as_printed') }}
    left join printed as printed_xiang
        on printed_xiang.fiscal_year = items.fiscal_year and printed_xiang.unit_name = items.unit_name
        and printed_xiang.budget_topic = items.budget_topic and printed_xiang.code_level = '项'
        and printed_xiang.parent_code = coalesce(items.kuan_code, printed_kuan.function_code)
        and {{ names_match('items.xiang_name', 'printed_xiang.name_as_printed') }}
),

-- 3: the 项 name alone, within the 类
by_xiang_name as (
    select by_names.fiscal_year, by_names.unit_name, by_names.printed_row_no,
        any_value(printed.function_code) as function_code, count(*) as candidates
    from by_names
    inner join printed
        on printed.fiscal_year = by_names.fiscal_year and printed.unit_name = by_names.unit_name
        and printed.budget_topic = by_names.budget_topic and printed.code_level = '项'
        and printed.class_code = coalesce(by_names.class_code, by_names.printed_class_code)
        and {{ names_match('by_names.xiang_name', 'printed.name_as_printed') }}
    where coalesce(by_names.function_code, by_names.printed_xiang_code) is null
    group by all
),

named as (
    select
        by_names.*,
        coalesce(by_names.function_code, by_names.printed_xiang_code,
                 case when by_xiang_name.candidates = 1 then by_xiang_name.function_code end) as named_code
    from by_names
    left join by_xiang_name
        on by_names.fiscal_year = by_xiang_name.fiscal_year and by_names.unit_name = by_xiang_name.unit_name
        and by_names.printed_row_no = by_xiang_name.printed_row_no
),

-- 4: the 决算 within the 款, among the 项 no other item names
by_amount as (
    select named.fiscal_year, named.unit_name, named.printed_row_no,
        any_value(printed.function_code) as function_code, count(*) as candidates
    from named
    inner join printed
        on printed.fiscal_year = named.fiscal_year and printed.unit_name = named.unit_name
        and printed.budget_topic = named.budget_topic and printed.code_level = '项'
        and printed.parent_code = coalesce(named.kuan_code, named.printed_kuan_code)
        and printed.subtotal = named.stated_final_amount
    where named.named_code is null
      and not exists (
        select 1 from named as other
        where other.fiscal_year = named.fiscal_year and other.unit_name = named.unit_name
          and other.budget_topic = named.budget_topic and other.named_code = printed.function_code
      )
    group by all
),

resolved as (
    select
        named.* exclude (class_code, kuan_code, function_code, printed_class_code, printed_kuan_code,
                         printed_xiang_code, named_code),
        coalesce(named.class_code, named.printed_class_code) as class_code,
        coalesce(named.kuan_code, named.printed_kuan_code) as kuan_code,
        coalesce(named.named_code, case when by_amount.candidates = 1 then by_amount.function_code end) as function_code,
        case
            when named.function_code is not null then 'reference'
            when named.printed_xiang_code is not null then 'printed_names'
            when named.named_code is not null then 'printed_xiang_name'
            when by_amount.candidates = 1 then 'printed_amount'
        end as code_resolved_by
    from named
    left join by_amount
        on named.fiscal_year = by_amount.fiscal_year and named.unit_name = by_amount.unit_name
        and named.printed_row_no = by_amount.printed_row_no
),

with_printed_names as (
    select
        resolved.*,
        xiang.name_as_printed as table_xiang_name,
        kuan.name_as_printed as table_kuan_name,
        resolved.code_resolved_by in ('printed_xiang_name', 'printed_amount') as names_differ
    from resolved
    left join printed as xiang
        on xiang.fiscal_year = resolved.fiscal_year and xiang.unit_name = resolved.unit_name
        and xiang.budget_topic = resolved.budget_topic and xiang.function_code = resolved.function_code
    left join printed as kuan
        on kuan.fiscal_year = resolved.fiscal_year and kuan.unit_name = resolved.unit_name
        and kuan.budget_topic = resolved.budget_topic and kuan.function_code = left(resolved.function_code, 5)
),

-- the table and column each account's per-项 决算 is printed in: the counterpart of the account's
-- own 决算 (seeds/ref_narrative_counterparts: government_fund|合计|expenditure_subtotal → table
-- government_fund, column expenditure_subtotal)
item_tables as (
    select topic as budget_topic, split_part(numerator_ref, '|', 1) as item_table,
        split_part(numerator_ref, '|', 3) as item_measure
    from {{ ref('stg_ref_narrative_counterparts') }}
    where subject_key = topic and metric = 'final_amount' and numerator_source = 'table'
),

-- item_ref names an item as the checks' subject keys do: its number for 一般公共预算 ("3"), its
-- account and number otherwise ("government_fund/1"); an account not named is 一般公共预算
with_item_refs as (
    select
        with_printed_names.*,
        case when coalesce(with_printed_names.budget_topic, 'general_budget') = 'general_budget'
             then cast(with_printed_names.item_no as varchar)
             else with_printed_names.budget_topic || '/' || cast(with_printed_names.item_no as varchar) end as item_ref,
        item_tables.item_table,
        item_tables.item_measure
    from with_printed_names
    left join item_tables
        on item_tables.budget_topic = coalesce(with_printed_names.budget_topic, 'general_budget')
)

select * from with_item_refs
