{#-
  Shared arithmetic of the reconciliation rules. Every rule model emits rows of the
  same shape (see check_row_columns); fct_reconciliation_checks derives difference,
  tolerance and status from them with check_status, so the tolerance rule lives here
  and nowhere else.

  Tolerance (万元 amounts, each printed rounded to 0.01): an identity between n printed
  figures holds within 0.005 × n. A printed percentage p with d decimals is consistent
  when some choice of true amounts inside their rounding intervals (±0.005 each)
  gives a rate inside p ± 0.5×10^-d.
-#}

{% macro amount_tolerance(rounded_figures) -%}
  cast(0.005 * ({{ rounded_figures }}) as decimal(18, 4))
{%- endmacro %}

{% macro rate_pct(numerator, denominator) -%}
  {#- numerator / denominator in percent; 0/0 counts as 0 % (the document prints
      "完成预算的0%" for a zero budget spent zero); x/0 is undefined (NULL). -#}
  case
    when ({{ denominator }}) = 0 and ({{ numerator }}) = 0 then 0.0
    when ({{ denominator }}) = 0 then null
    else cast({{ numerator }} as double) / cast({{ denominator }} as double) * 100
  end
{%- endmacro %}

{% macro rate_tolerance(numerator, denominator, printed_decimals, numerator_half='0.005', denominator_half='0.005') -%}
  {#- Half a unit of the printed percentage plus how far the rate can move when the
      amounts move inside their rounding intervals. A figure printed negative moves the rate
      as far as its absolute value does (the rate's sign flips, not its spread), so the spread
      is taken on the absolute amounts. -#}
  {%- set n = 'abs(cast(' ~ numerator ~ ' as double))' -%}
  {%- set d = 'abs(cast(' ~ denominator ~ ' as double))' -%}
  (
    0.5 * pow(10, -({{ printed_decimals }}))
    + case
        when ({{ denominator }}) = 0 then 0
        when {{ d }} - {{ denominator_half }} <= 0 then 1e9
        else greatest(
            ({{ n }} + {{ numerator_half }}) / ({{ d }} - {{ denominator_half }}) * 100
              - {{ n }} / {{ d }} * 100,
            {{ n }} / {{ d }} * 100
              - greatest({{ n }} - {{ numerator_half }}, 0) / ({{ d }} + {{ denominator_half }}) * 100
        )
      end
  )
{%- endmacro %}

{% macro rate_truncated(printed, computed, tolerance, printed_decimals) -%}
  {#- A printed rate that is the computed one truncated (not rounded) to its printed digits:
      some value inside the figures' rounding intervals (computed ± (tolerance − half a
      printed unit)) lies in [printed, printed + one printed unit). 99.868 printed 99.86 is;
      2.5895 printed 2.60 is not (neither rounded 2.59 nor truncated 2.58). -#}
  (({{ printed }}) < ({{ computed }})
   and ({{ computed }}) - ({{ printed }})
       < ({{ tolerance }}) - 0.5 * pow(10, -coalesce({{ printed_decimals }}, 2)) + pow(10, -coalesce({{ printed_decimals }}, 2)))
{%- endmacro %}

{% macro check_status(comparison, left_value, right_value, tolerance, printed_decimals, left_text, right_text) -%}
  {#- pass = exact; rounding = differs only within the tolerance, or a rate truncated
      rather than rounded to its printed digits; not_evaluable (无法核对) = a figure the
      rule needs is not printed or not read (a blank table cell is nil, not this); fail
      otherwise. A rule that knows why it cannot judge says so in not_evaluable_reason
      (check_output), which wins over this. -#}
  case
    when {{ comparison }} = 'text' then
      case
        when {{ left_text }} is null and {{ right_text }} is null then 'pass'
        when {{ left_text }} is null or {{ right_text }} is null then 'fail'
        when {{ names_match(left_text, right_text) }} then 'pass'
        else 'fail'
      end
    -- a figure not printed (a blank cell: 部门决算 tables print nothing for nil) agrees
    -- with a printed or computed 0, and is within any printed upper bound; a computed
    -- figure within rounding of 0 (0.01 left over by three rounded figures) is a 尾差
    when {{ comparison }} in ('equal', 'at_most') and {{ left_value }} is null and {{ right_value }} = 0 then 'pass'
    when {{ comparison }} = 'equal' and {{ right_value }} is null and {{ left_value }} = 0 then 'pass'
    when {{ comparison }} = 'at_most' and {{ left_value }} is null and {{ right_value }} >= 0 then 'pass'
    when {{ comparison }} in ('equal', 'at_most') and {{ left_value }} is null
        and abs({{ right_value }}) <= {{ tolerance }} then 'rounding'
    when {{ comparison }} = 'equal' and {{ right_value }} is null
        and abs({{ left_value }}) <= {{ tolerance }} then 'rounding'
    -- 0 is within a blank (nil) upper bound
    when {{ comparison }} = 'at_most' and {{ right_value }} is null and {{ left_value }} = 0 then 'pass'
    -- a figure the rule needs is not printed (or not read): 无法核对, never 不符
    when {{ left_value }} is null or {{ right_value }} is null then 'not_evaluable'
    when {{ comparison }} = 'at_most' then
      case
        when {{ left_value }} <= {{ right_value }} then 'pass'
        when {{ left_value }} - {{ right_value }} <= {{ tolerance }} then 'rounding'
        else 'fail'
      end
    when {{ comparison }} = 'rate' then
      case
        when {{ rounded_to(right_value, printed_decimals) }} = {{ left_value }} then 'pass'
        when abs({{ left_value }} - {{ right_value }}) <= {{ tolerance }} then 'rounding'
        -- truncated rather than rounded to the printed digits: some value inside the
        -- figures' rounding intervals (right ± (tolerance − half a printed unit)) lies in
        -- [printed, printed + one printed unit): 99.868 printed 99.86 is a 尾差
        when {{ rate_truncated(left_value, right_value, tolerance, printed_decimals) }} then 'rounding'
        else 'fail'
      end
    else
      case
        when {{ left_value }} = {{ right_value }} then 'pass'
        when abs({{ left_value }} - {{ right_value }}) <= {{ tolerance }} then 'rounding'
        else 'fail'
      end
  end
{%- endmacro %}

{% macro check_output(ctes) -%}
  {#- The tail of every rule model: union its rule CTEs (one per rule id) into the
      common check shape. Columns a CTE does not set are NULL; their types are set once, in
      typed_checks below. -#}
unioned_checks as (
    select
        null as fiscal_year, null as unit_name, null as rule_id,
        null as subject_key, null as subject,
        null as left_label, null as left_value,
        null as right_label, null as right_value,
        null as comparison, null as rounded_figures,
        null as printed_decimals, null as explicit_tolerance,
        null as left_text, null as right_text, null as detail,
        null as printed_at, null as not_evaluable_reason,
        null as left_table_type, null as left_row_key, null as left_measure,
        null as right_table_type, null as right_row_key, null as right_measure
    where false
  {%- for cte in ctes %}
    union all by name
    select * from {{ cte }}
  {%- endfor %}
),

typed_checks as (
    select
        cast(fiscal_year as integer) as fiscal_year,
        cast(unit_name as varchar) as unit_name,
        cast(rule_id as varchar) as rule_id,
        cast(subject_key as varchar) as subject_key,
        cast(subject as varchar) as subject,
        cast(left_label as varchar) as left_label,
        cast(left_value as decimal(18, 4)) as left_value,
        cast(right_label as varchar) as right_label,
        cast(right_value as decimal(18, 4)) as right_value,
        cast(coalesce(comparison, 'equal') as varchar) as comparison,
        cast(rounded_figures as integer) as rounded_figures,
        cast(printed_decimals as integer) as printed_decimals,
        cast(explicit_tolerance as decimal(18, 4)) as explicit_tolerance,
        cast(left_text as varchar) as left_text,
        cast(right_text as varchar) as right_text,
        cast(detail as varchar) as detail,
        cast(printed_at as varchar) as printed_at,
        cast(not_evaluable_reason as varchar) as not_evaluable_reason,
        -- what the check compares, as keys: each side's table type (canonical), the printed
        -- row its figure is located on (NULL when the side is not one printed row: a sum of
        -- parts, a statement, a figure not located), and the column (measure) where one
        cast(left_table_type as varchar) as left_table_type,
        cast(left_row_key as varchar) as left_row_key,
        cast(left_measure as varchar) as left_measure,
        cast(right_table_type as varchar) as right_table_type,
        cast(right_row_key as varchar) as right_row_key,
        cast(right_measure as varchar) as right_measure
    from unioned_checks
    -- a rule is evaluated where at least one of its figures is printed, or where the rule
    -- says why it cannot be judged
    where coalesce(comparison, 'equal') = 'text' or left_value is not null or right_value is not null
        or not_evaluable_reason is not null
),

measured_checks as (
    select
        typed_checks.*,
        case when comparison <> 'text' then left_value - right_value end as difference,
        case
            when comparison = 'text' then null
            when explicit_tolerance is not null then explicit_tolerance
            else {{ amount_tolerance('coalesce(rounded_figures, 2)') }}
        end as tolerance
    from typed_checks
),

status_checks as (
    select
        measured_checks.* exclude (not_evaluable_reason),
        case when measured_checks.not_evaluable_reason is not null then 'not_evaluable'
             else {{ check_status('comparison', 'left_value', 'right_value', 'tolerance', 'printed_decimals', 'left_text', 'right_text') }}
        end as status,
        measured_checks.not_evaluable_reason
    from measured_checks
)

select
    status_checks.* exclude (not_evaluable_reason),
    -- the reason, as data: the rule's own, else the one the status macro implies
    case
        when status_checks.status <> 'not_evaluable' then null
        when status_checks.not_evaluable_reason is not null then status_checks.not_evaluable_reason
        else '所需数字未印'
    end as not_evaluable_reason
from status_checks
{%- endmacro %}

{% macro fmt(value) -%}
  {#- A figure for a message, without trailing zeros beyond two decimals
      (1850.7900 -> 1850.79, 9.6793 stays); NULL shows as “未印”. -#}
  coalesce(regexp_replace(cast({{ value }} as varchar), '(\.[0-9]{2}[0-9]*?)0+$', '\1'), '未印')
{%- endmacro %}

{% macro fmt_printed(value, decimals) -%}
  {#- A figure for a message: a whole number (a year, a count) when it is printed without
      decimals (printed_decimals = 0), else as fmt(). -#}
  case when {{ decimals }} = 0 and {{ value }} = trunc({{ value }})
       then cast(cast({{ value }} as bigint) as varchar) else {{ fmt(value) }} end
{%- endmacro %}

{% macro figure_filter(measure, table_code) -%}
  {%- if table_code is not none %} and table_code = '{{ table_code }}'{% endif -%}
  {%- if measure is not none %} and measure = '{{ measure }}'{% endif -%}
{%- endmacro %}

{% macro pick(row_key, measure='amount', table_code=none) -%}
  {#- One printed figure, inside a per-disclosure aggregate over int_printed_amounts
      (measure=none: the aggregate is already per measure; table_code=none: the rows
      are already one table's). -#}
  max(amount) filter (where row_key = '{{ row_key }}'{{ figure_filter(measure, table_code) }})
{%- endmacro %}

{% macro pick_sum(row_keys, measure='amount', table_code=none) -%}
  sum(amount) filter (where row_key in ('{{ row_keys | join("', '") }}'){{ figure_filter(measure, table_code) }})
{%- endmacro %}

{% macro pick_count(row_keys, measure='amount', table_code=none) -%}
  count(amount) filter (where row_key in ('{{ row_keys | join("', '") }}'){{ figure_filter(measure, table_code) }})
{%- endmacro %}

{% macro grade_band(score) -%}
  {#- 绩效自评等级 from a total score: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60. -#}
  case
    when {{ score }} is null then null
    when {{ score }} >= 90 then '优'
    when {{ score }} >= 80 then '良'
    when {{ score }} >= 60 then '中'
    else '差'
  end
{%- endmacro %}

{% macro project_name_key(name, unit_name) -%}
  {#- A project name reduced for comparison: no unit-name prefix, no year, no blanks. -#}
  regexp_replace(replace(coalesce({{ name }}, ''), {{ unit_name }}, ''), '\s|20[0-9]{2}(年度?)?', '', 'g')
{%- endmacro %}

{% macro rounded_to(value, decimals) -%}
  {#- value rounded to a (per-row) number of decimals, as decimal(18,4). -#}
  cast(round(cast({{ value }} as double), {{ decimals }}) as decimal(18, 4))
{%- endmacro %}

{% macro check_summary(checks) -%}
  {#- Aggregates over the checks about one subject (a mart row): how many, the worst
      status (fail > not_evaluable > rounding > pass), and the rule ids that are not an
      exact pass. 无法核对 ranks above 尾差: a 尾差 is a judged agreement, while a check that
      could not be judged leaves the subject unconfirmed, which a reader must see before
      trusting it; it ranks below 不符, which is a finding. -#}
  count({{ checks }}.rule_id) as checks_evaluated,
  case max(case {{ checks }}.status when 'fail' then 4 when 'not_evaluable' then 3 when 'rounding' then 2 when 'pass' then 1 end)
    when 4 then 'fail' when 3 then 'not_evaluable' when 2 then 'rounding' when 1 then 'pass'
  end as check_status,
  string_agg(distinct {{ checks }}.rule_id, '、' order by {{ checks }}.rule_id)
    filter (where {{ checks }}.status <> 'pass') as non_pass_rules
{%- endmacro %}

{% macro printed_sum(expression) -%}
  {#- A sum or difference of printed figures in which a figure not printed (NULL: a blank
      cell, as 部门决算 tables print nothing for zero) contributes nothing; NULL only when
      none of the figures is printed. expression: "a + b - c" over column names. -#}
  {%- set terms = expression.replace(' - ', ' + -').split(' + ') -%}
  case when coalesce({% for term in terms %}{{ term.strip().lstrip('-') }}{% if not loop.last %}, {% endif %}{% endfor %}) is null then null
       else {% for term in terms %}{% if term.strip().startswith('-') %} - {% elif not loop.first %} + {% endif %}coalesce({{ term.strip().lstrip('-') }}, 0){% endfor %}
  end
{%- endmacro %}

{% macro labelled(text_expr, labels_alias) -%}
  {#- Replace every canonical table type in a text by how the disclosure names the table
      (labels_alias: a row of int_table_labels pivoted to one column per type). -#}
  {%- set ns = namespace(expr=text_expr) -%}
  {%- for table_type in table_types_longest_first() -%}
    {%- set ns.expr = "replace(" ~ ns.expr ~ ", '" ~ table_type ~ "', coalesce(" ~ labels_alias ~ "." ~ table_type ~ ", '" ~ table_type ~ "'))" -%}
  {%- endfor -%}
  {{ ns.expr }}
{%- endmacro %}

{% macro table_types_longest_first() -%}
  {%- do return(['basic_expenditure_by_economic', 'fiscal_appropriation_summary', 'income_expenditure_summary',
                 'general_budget_expenditure', 'state_capital_expenditure', 'three_public_expenditure',
                 'expenditure_by_function', 'income_by_function', 'government_fund']) -%}
{%- endmacro %}

{% macro labels_by_disclosure() -%}
  {#- int_table_labels pivoted: one row per disclosure, one column per table type. -#}
    select
        fiscal_year,
        unit_name,
        {%- for table_type in table_types_longest_first() %}
        max(table_label) filter (where table_type = '{{ table_type }}') as {{ table_type }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from {{ ref('int_table_labels') }}
    group by fiscal_year, unit_name
{%- endmacro %}

{% macro readable_ref(source, ref) -%}
  {#- A counterpart reference (ref_narrative_counterparts) in words: a table figure as
      "表类型 行 栏目" (the table type is then relabelled as the disclosure prints it), another
      statement as "情况说明所述…", an appendix figure as "附件…". -#}
  case {{ source }}
    when 'table' then
      split_part({{ ref }}, '|', 1) || ' ' || split_part({{ ref }}, '|', 2)
      || case split_part({{ ref }}, '|', 3)
           when 'amount' then ''
           when 'subtotal' then ' 小计'
           when 'budget' then ' 预算数'
           when 'final' then ' 决算数'
           when 'basic_expenditure' then ' 基本支出'
           when 'project_expenditure' then ' 项目支出'
           when 'total_expenditure' then ' 本年支出合计'
           when 'total_income' then ' 本年收入合计'
           when 'fiscal_appropriation_income' then ' 财政拨款收入'
           when 'business_income' then ' 事业收入'
           when 'other_income' then ' 其他收入'
           when 'expenditure_subtotal' then ' 本年支出小计'
           else ' ' || split_part({{ ref }}, '|', 3)
         end
    when 'narrative' then
      '情况说明所述' || case split_part({{ ref }}, '|', 3)
           when 'initial_budget' then '年初预算'
           when 'full_year_budget' then '全年预算'
           when 'budget' then '预算数'
           when 'change_amount' then '变动额'
           when 'amount' then '金额'
           when 'final_amount' then '决算'
           else split_part({{ ref }}, '|', 3)
         end
    when 'projects' then
      case
        when {{ ref }} = 'project_count' then '附件项目自评表个数'
        when {{ ref }} = 'executed_total' then '附件各项目全年执行数之和'
        when starts_with({{ ref }}, 'grade_count:') then '附件总分属“' || split_part({{ ref }}, ':', 2) || '”档的项目数'
        else {{ ref }}
      end
  end
{%- endmacro %}

{% macro comparison_word(final, budget) -%}
  {#- The word the figures call for when 决算 is compared with 预算/年初预算: 大于 / 小于 /
      持平; NULL when either is not known. N-WORDING and the marts' computed words use it. -#}
  case
    when ({{ budget }}) is null or ({{ final }}) is null then null
    when ({{ final }}) > ({{ budget }}) then '大于'
    when ({{ final }}) < ({{ budget }}) then '小于'
    else '持平'
  end
{%- endmacro %}

{% macro names_table_type(text_expr) -%}
  {#- Whether a text names any canonical table type (so that relabelling it can change it). -#}
  regexp_matches({{ text_expr }}, '{{ table_types_longest_first() | join("|") }}')
{%- endmacro %}

{% macro finding_message(rule_id, subject, body, status_phrase, reason, tail) -%}
  {#- THE message of a finding (a check, a read problem), composed here only:
      "[rule] subject：body → phrase（reason）tail". status_phrase comes from the seed
      vocab_check_statuses (message_phrase); reason: NULL for none. A NULL subject or body
      makes the message NULL, as a check whose label is missing has no message to show. -#}
  '[' || {{ rule_id }} || '] ' || {{ subject }} || '：' || {{ body }}
    || ' → ' || {{ status_phrase }} || coalesce('（' || {{ reason }} || '）', '')
    || {{ tail }}
{%- endmacro %}

{% macro check_comparison_text(comparison, left_label, left_value, right_label, right_value, difference, tolerance, printed_decimals, left_text, right_text) -%}
  {#- The body of a check's message: both sides and, for figures, the difference and tolerance. -#}
  case
    when {{ comparison }} = 'text' then
      {{ left_label }} || '“' || coalesce({{ left_text }}, '未印') || '”，' || {{ right_label }}
      || '“' || coalesce({{ right_text }}, '未印') || '”'
    else
      {{ left_label }} || ' ' || {{ fmt_printed(left_value, printed_decimals) }} || '，'
      || {{ right_label }} || ' ' || {{ fmt_printed(right_value, printed_decimals) }}
      || '，差额 ' || {{ fmt_printed(difference, printed_decimals) }} || '（容差 ' || {{ fmt_printed(tolerance, printed_decimals) }} || '）'
  end
{%- endmacro %}
