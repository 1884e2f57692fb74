-- Reference: narrative project name -> appendix project table number (hand-checked).
with source as (
    select * from {{ ref('ref_project_name_crosswalk') }}
),

renamed as (
    select
        project_name_as_stated,
        {{ integer_value('project_no') }} as project_no,
        match_note
    from source
)

select * from renamed
