-- Where on the printed page each figure of a finding stands (int_finding_figures), for users,
-- BI tools and the report's crops.
select * from {{ ref('int_finding_figures') }}
