-- Cells of the project appendix (附件项目自评表) recorded as lost in a text export: the
-- transcriber's note on a row (transcription_note) says, in one clause, that the export
-- lost (“未导出”, “导出缺” … seeds/vocab_export_loss.csv, kind loss) the cells of a field
-- (“分值”, “得分”, “年初预算数” … kind field). One row per disclosure × project × part ×
-- field; rules reading such a field of that project's part are 无法核对
-- (文本导出丢失单元格), not 不符. A note that a cell was inferred, moved or printed so
-- (“原件如此”) names no loss and changes nothing.
with vocabulary as (
    select * from {{ ref('vocab_export_loss') }}
),

notes as (
{%- for part in ['project_funds', 'project_fund_management', 'project_indicators', 'project_evaluations'] %}
    {% if not loop.first %}union all{% endif %}
    select fiscal_year, unit_name, project_no, '{{ part }}' as part, transcription_note as note
    from {{ ref('stg_' ~ part) }}
    where transcription_note is not null
{%- endfor %}
),

clauses as (
    select fiscal_year, unit_name, project_no, part, note,
        unnest(regexp_split_to_array(note, '[，。；;,]')) as clause
    from notes
),

loss_clauses as (
    select distinct clauses.*
    from clauses
    inner join vocabulary
        on vocabulary.kind = 'loss' and contains(clauses.clause, vocabulary.word)
),

lost as (
    select
        loss_clauses.fiscal_year,
        loss_clauses.unit_name,
        loss_clauses.project_no,
        loss_clauses.part,
        vocabulary.field,
        string_agg(distinct loss_clauses.note, '；') as transcription_note
    from loss_clauses
    inner join vocabulary
        on vocabulary.kind = 'field' and contains(loss_clauses.clause, vocabulary.word)
    group by all
)

select * from lost
