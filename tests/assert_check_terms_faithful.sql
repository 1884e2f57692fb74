-- The terms of int_check_terms state exactly the identity each check computes: for every
-- check judged (一致, 尾差 or 不符) of a rule that has terms, the sum of coefficient × amount over
-- its terms equals coalesce(left_value, 0) − coalesce(right_value, 0) in int_checks_unioned,
-- exactly (decimal), with no terms counting as 0. A rule model changed without its terms (or
-- a term with a wrong figure or sign) fails here, naming the check and both values.
with terms as (
    select * from {{ ref('int_check_terms') }}
),

checks as (
    select * from {{ ref('int_checks_unioned') }}
),

covered_rules as (
    select distinct rule_id from terms
),

term_sums as (
    select fiscal_year, unit_name, rule_id, subject_key,
        sum(coefficient * amount) as terms_sum, count(*) as term_count
    from terms
    group by fiscal_year, unit_name, rule_id, subject_key
),

compared as (
    select
        checks.fiscal_year, checks.unit_name, checks.rule_id, checks.subject_key, checks.status,
        coalesce(checks.left_value, 0) - coalesce(checks.right_value, 0) as check_difference,
        coalesce(term_sums.terms_sum, 0) as terms_sum,
        coalesce(term_sums.term_count, 0) as term_count
    from checks
    semi join covered_rules
        on covered_rules.rule_id = checks.rule_id
    left join term_sums
        on term_sums.fiscal_year = checks.fiscal_year
        and term_sums.unit_name = checks.unit_name
        and term_sums.rule_id = checks.rule_id
        and term_sums.subject_key = checks.subject_key
    where checks.status in ('pass', 'rounding', 'fail')
)

select
    *,
    'int_check_terms: ' || fiscal_year || ' ' || unit_name || ' [' || rule_id || '] ' || subject_key
      || ': left − right = ' || cast(check_difference as varchar) || ' but its ' || term_count
      || ' term(s) sum to ' || cast(terms_sum as varchar) as failure_message
from compared
where check_difference <> terms_sum
