-- Project performance self-evaluations (附件), one row per project: names as printed in
-- the appendix and the narrative, the function code it is charged to, budgets and
-- execution, computed/printed/stated rates, printed and recomputed component scores,
-- totals and grades, and the worst status of the checks about the project.
with projects as (
    select * from {{ ref('int_project_totals') }}
),

-- the checks about a project: subject key project/<n> or project/<n>/…, joined on the
-- project number read from the key (an equality, not a pattern per pair of rows)
checks as (
    select
        *,
        try_cast(split_part(subject_key, '/', 2) as integer) as subject_project_no
    from {{ ref('int_reconciliation_checks') }}
    where starts_with(subject_key, 'project/')
),

project_checks as (
    select projects.fiscal_year, projects.unit_name, projects.project_no,
        {{ check_summary('checks') }}
    from projects
    left join checks
        on checks.fiscal_year = projects.fiscal_year and checks.unit_name = projects.unit_name
        and checks.subject_project_no = projects.project_no
    group by all
),

scored as (
    select
        projects.fiscal_year,
        projects.unit_name,
        projects.project_no,
        projects.project_name,
        projects.project_name_as_stated,
        projects.function_code,
        projects.initial_budget,
        projects.annual_budget,
        projects.executed_amount,
        cast({{ rate_pct('projects.executed_amount', 'projects.annual_budget') }} as decimal(18, 4)) as computed_execution_rate_pct,
        projects.printed_execution_rate_pct,
        projects.stated_execution_rate_pct,
        projects.execution_weight,
        projects.printed_execution_score,
        cast({{ rate_pct('projects.executed_amount', 'projects.annual_budget') }} * projects.execution_weight / 100 as decimal(18, 4)) as recomputed_execution_score,
        projects.management_weight,
        projects.printed_management_score,
        projects.indicator_weight,
        projects.printed_indicator_score,
        cast(projects.recomputed_indicator_score as decimal(18, 4)) as recomputed_indicator_score,
        projects.unscorable_indicators,
        projects.total_weight,
        projects.printed_total_score,
        projects.stated_total_score,
        projects.printed_total_grade,
        projects.stated_grade
    from projects
),

final as (
    select
        scored.*,
        cast(scored.recomputed_execution_score + scored.printed_management_score + scored.recomputed_indicator_score as decimal(18, 4)) as recomputed_total_score,
        {{ grade_band('scored.recomputed_execution_score + scored.printed_management_score + scored.recomputed_indicator_score') }} as recomputed_grade,
        project_checks.checks_evaluated,
        project_checks.check_status,
        project_checks.non_pass_rules
    from scored
    left join project_checks
        on scored.fiscal_year = project_checks.fiscal_year and scored.unit_name = project_checks.unit_name
        and scored.project_no = project_checks.project_no
)

select * from final
