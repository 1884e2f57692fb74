{#- Parse a performance indicator's printed target or actual value
    ("≥95%", "≤ 45 万元", "=1次/年", "107条", ">15天", "明显") into
    comparator (≥ ≤ = > < or 'qualitative'), numeric value and unit. -#}

{% macro _indicator_text(t) -%}
  regexp_replace(translate({{ t }}, '０１２３４５６７８９．％＝＞＜', '0123456789.%=><'), '\s', '', 'g')
{%- endmacro %}

{% macro _indicator_pattern() -%}'^(≥|≤|=|>|<)?([0-9]+(\.[0-9]+)?)(.*)$'{%- endmacro %}

{% macro indicator_comparator(t) -%}
  case
    when {{ t }} is null then null
    when regexp_matches({{ _indicator_text(t) }}, {{ _indicator_pattern() }})
      then coalesce(nullif(regexp_extract({{ _indicator_text(t) }}, {{ _indicator_pattern() }}, 1), ''), '=')
    else 'qualitative'
  end
{%- endmacro %}

{% macro indicator_comparator_printed(t) -%}
  ({{ t }} is not null and regexp_extract({{ _indicator_text(t) }}, {{ _indicator_pattern() }}, 1) <> '')
{%- endmacro %}

{% macro indicator_value(t) -%}
  case
    when regexp_matches({{ _indicator_text(t) }}, {{ _indicator_pattern() }})
      then cast(regexp_extract({{ _indicator_text(t) }}, {{ _indicator_pattern() }}, 2) as decimal(18, 4))
  end
{%- endmacro %}

{% macro indicator_unit(t) -%}
  case
    when regexp_matches({{ _indicator_text(t) }}, {{ _indicator_pattern() }})
      then nullif(regexp_extract({{ _indicator_text(t) }}, {{ _indicator_pattern() }}, 4), '')
  end
{%- endmacro %}
