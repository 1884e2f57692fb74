-- Where each table figure read from a PDF is printed: its page and box in PDF points
-- (top-left origin, as pdfplumber and the OCR give it), the page size, how it was read
-- (text layer or OCR) and the OCR's confidence. One row per landed figure of a PDF; text
-- exports have none. The report crops the page image around a finding's figures from it.
with landed as (
    select * from {{ source('landing', 'figure_boxes') }} as figure_boxes
    where {{ not_covered_by_reference('figure_boxes', ref('disclosures')) }}
)

select
    document_sha256,
    {{ disclosure_key() }},
    table_code,
    cast(row_no as integer) as row_no,
    column_name,
    cast(source_page as integer) as source_page,
    cast(x0 as decimal(9, 2)) as x0,
    cast(top as decimal(9, 2)) as top,
    cast(x1 as decimal(9, 2)) as x1,
    cast(bottom as decimal(9, 2)) as bottom,
    cast(page_width as decimal(9, 2)) as page_width,
    cast(page_height as decimal(9, 2)) as page_height,
    read_by,
    cast(ocr_confidence as decimal(5, 4)) as ocr_confidence
from landed
