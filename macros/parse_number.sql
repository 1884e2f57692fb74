{#-
  Strict parsing of printed numbers (amounts, percentages, scores, counts).

  Accepted and normalised: thousands separators in the right places ("1,850.79"),
  full-width digits and punctuation, surrounding spaces (ASCII or full-width),
  an optional printed suffix (e.g. "%" or "万元") when the caller allows it.
  "Not printed": NULL, empty, "-", "—", "－", "–" -> value NULL, status 'not_printed'
  (never 0.00). Anything else is rejected with a reason, never guessed.
-#}

{% macro number_text_clean(expr, suffixes=[]) -%}
  {%- set ns = namespace(s="regexp_replace(translate(cast(" ~ expr ~ " as varchar), '０１２３４５６７８９，．－＋％　', '0123456789,.-+% '), '^\\s+|\\s+$', '', 'g')") -%}
  {%- for suffix in suffixes -%}
    {%- set ns.s = "regexp_replace(" ~ ns.s ~ ", '\\s*" ~ suffix ~ "$', '')" -%}
  {%- endfor -%}
  {{ ns.s }}
{%- endmacro %}

{% macro number_is_not_printed(expr) -%}
  ({{ expr }} is null or regexp_replace(cast({{ expr }} as varchar), '\s', '', 'g') in ('', '-', '—', '－', '–', '―'))
{%- endmacro %}

{% macro number_parse_error(expr, max_scale=2, suffixes=[], allow_negative=false, max_value=none) -%}
  {#- NULL when the text parses (or is "not printed"), else the reason it is rejected.
      max_value: optional SQL expression; when it is not NULL the value may not exceed it
      (e.g. a share of a total above 100%). -#}
  {%- set c = number_text_clean(expr, suffixes) -%}
  case
    {%- if max_value is none %}
    -- fast path: a plain number (ASCII digits, no separator, sign or suffix) always parses
    when {{ plain_number_match(expr, max_scale) }} then null
    {%- endif %}
    when {{ number_is_not_printed(expr) }} then null
    when not regexp_full_match({{ c }}, '[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?')
      then 'not a number: "' || cast({{ expr }} as varchar) || '"'
    {%- if not allow_negative %}
    when starts_with({{ c }}, '-') then 'negative value not allowed: "' || cast({{ expr }} as varchar) || '"'
    {%- endif %}
    when length(coalesce(regexp_extract({{ c }}, '\.([0-9]+)$', 1), '')) > {{ max_scale }}
      then 'more than {{ max_scale }} decimals: "' || cast({{ expr }} as varchar) || '"'
    when length(regexp_replace(regexp_extract({{ c }}, '^[+-]?([0-9,]+)', 1), ',', '', 'g')) > 15
      then 'too many digits: "' || cast({{ expr }} as varchar) || '"'
    {%- if max_value is not none %}
    when ({{ max_value }}) is not null
     and cast(replace({{ c }}, ',', '') as decimal(18, {{ max_scale }})) > ({{ max_value }})
      then 'impossible value above ' || cast(({{ max_value }}) as varchar) || ': "' || cast({{ expr }} as varchar) || '"'
    {%- endif %}
    else null
  end
{%- endmacro %}

{% macro plain_number_match(expr, max_scale) -%}
  regexp_full_match(cast({{ expr }} as varchar), '[0-9]{1,15}{% if max_scale > 0 %}(\.[0-9]{1,{{ max_scale }}})?{% endif %}')
{%- endmacro %}

{% macro number_value(expr, max_scale=2, suffixes=[], allow_negative=false, max_value=none) -%}
  case
    {%- if max_value is none %}
    when {{ plain_number_match(expr, max_scale) }} then cast(cast({{ expr }} as varchar) as decimal(18, {{ max_scale }}))
    {%- endif %}
    when {{ number_parse_error(expr, max_scale, suffixes, allow_negative, max_value) }} is null
     and not {{ number_is_not_printed(expr) }}
      then cast(replace({{ number_text_clean(expr, suffixes) }}, ',', '') as decimal(18, {{ max_scale }}))
  end
{%- endmacro %}

{% macro integer_value(expr) -%}
  cast({{ number_value(expr, max_scale=0) }} as integer)
{%- endmacro %}

{% macro number_status(expr, max_scale=2, suffixes=[], allow_negative=false, max_value=none) -%}
  case
    when {{ number_is_not_printed(expr) }} then 'not_printed'
    when {{ number_parse_error(expr, max_scale, suffixes, allow_negative, max_value) }} is null then 'parsed'
    else 'rejected'
  end
{%- endmacro %}

{% macro number_decimals(expr, suffixes=[]) -%}
  {#- How many decimals the document printed ("97.7" -> 1, "100" -> 0); NULL when
      nothing was printed. A printed percentage is only as precise as its decimals. -#}
  case
    when not {{ number_is_not_printed(expr) }}
      then length(coalesce(regexp_extract({{ number_text_clean(expr, suffixes) }}, '\.([0-9]+)$', 1), ''))
  end
{%- endmacro %}

{% macro table_amount_value(expr) -%}
  {#- An amount printed in one of the nine tables (万元, two decimals). It may be printed
      negative: the figure lands as printed, and the identities it breaks (with the sign misprint
      the localization engine suggests) say whether it is wrong. The same options are declared for
      these cells in seed_cell_specs (allow_negative). -#}
  {{ number_value(expr, allow_negative=true) }}
{%- endmacro %}
