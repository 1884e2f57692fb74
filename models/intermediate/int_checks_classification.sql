-- 科目 rule C-NAME: every classification name printed in income_expenditure_summary-state_capital_expenditure against the
-- reference name of the same code, one row per printed code row (passing or not).
-- (Code validity itself — unknown codes, bad lengths, missing parents — is in
-- int_checks_codes.)
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

printed_names as (
    select distinct fiscal_year, unit_name, table_code, row_key, printed_row_no, name_as_printed, reference_name
    from amounts
    where code_level is not null
      and table_code <> 'three_public_expenditure'
      and reference_name is not null  -- codes missing from the reference: CODE-UNKNOWN in int_checks_codes
),

-- rule C-NAME
c_name as (
    select fiscal_year, unit_name, 'C-NAME' as rule_id,
        table_code || '/' || row_key || '/name' as subject_key,
        table_code || ' ' || row_key || '（行' || printed_row_no || '）' as subject,
        '所印名称' as left_label, name_as_printed as left_text,
        '参考名称' as right_label, coalesce(reference_name, '（参考分类无此编码）') as right_text,
        'text' as comparison,
        -- a name cell left empty (or not read) cannot be compared: 无法核对, not 不符
        case when name_as_printed is null then '所需文字未读出' end as not_evaluable_reason,
        -- the printed name against the reference classification (not a table)
        table_code as left_table_type, row_key as left_row_key
    from printed_names
),

{{ check_output(['c_name']) }}
