-- Income and expenditure composition of each disclosure: the 合计 row of 收入决算表 split by
-- source (财政拨款收入, 事业收入 …) and of 支出决算表 split by kind (基本支出, 项目支出 …),
-- with each component's share of its side's total, as printed (a blank cell is 0).
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
    where row_key = '合计'
      and table_code in ('income_by_function', 'expenditure_by_function')
),

components as (
    select * from (values
        ('income_by_function', '收入', 'fiscal_appropriation_income', '财政拨款收入', 1),
        ('income_by_function', '收入', 'superior_subsidy_income', '上级补助收入', 2),
        ('income_by_function', '收入', 'business_income', '事业收入', 3),
        ('income_by_function', '收入', 'operating_income', '经营收入', 4),
        ('income_by_function', '收入', 'subsidiary_remittance_income', '附属单位上缴收入', 5),
        ('income_by_function', '收入', 'other_income', '其他收入', 6),
        ('expenditure_by_function', '支出', 'basic_expenditure', '基本支出', 1),
        ('expenditure_by_function', '支出', 'project_expenditure', '项目支出', 2),
        ('expenditure_by_function', '支出', 'remittance_to_superior', '上缴上级支出', 3),
        ('expenditure_by_function', '支出', 'operating_expenditure', '经营支出', 4),
        ('expenditure_by_function', '支出', 'subsidy_to_subsidiaries', '对附属单位补助支出', 5)
    ) as component (table_code, side, component_key, component_name, sort_order)
),

totals as (
    select fiscal_year, unit_name, table_code, amount as side_total
    from amounts
    where measure in ('total_income', 'total_expenditure')
),

disclosures as (
    select distinct fiscal_year, unit_name, table_code from amounts
),

composed as (
    select
        disclosures.fiscal_year,
        disclosures.unit_name,
        components.side,
        components.sort_order,
        components.component_key,
        components.component_name,
        coalesce(amounts.amount, 0) as amount,
        totals.side_total
    from disclosures
    inner join components
        on disclosures.table_code = components.table_code
    left join amounts
        on amounts.fiscal_year = disclosures.fiscal_year and amounts.unit_name = disclosures.unit_name
        and amounts.table_code = components.table_code and amounts.measure = components.component_key
    left join totals
        on totals.fiscal_year = disclosures.fiscal_year and totals.unit_name = disclosures.unit_name
        and totals.table_code = components.table_code
)

select
    fiscal_year,
    unit_name,
    side,
    sort_order,
    component_key,
    component_name,
    cast(amount as decimal(18, 2)) as amount,
    cast(side_total as decimal(18, 2)) as side_total,
    cast({{ rate_pct('amount', 'side_total') }} as decimal(18, 4)) as share_pct
from composed
