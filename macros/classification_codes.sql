{#- Functional (功能分类) and economic (经济分类) code helpers. Codes are text. -#}

{% macro code_clean(expr) -%}
  nullif(regexp_replace(translate(cast({{ expr }} as varchar), '０１２３４５６７８９', '0123456789'), '\s', '', 'g'), '')
{%- endmacro %}

{% macro function_code_level(code) -%}
  case length({{ code }}) when 3 then '类' when 5 then '款' when 7 then '项' end
{%- endmacro %}

{% macro economic_code_level(code) -%}
  case length({{ code }}) when 3 then '类' when 5 then '款' end
{%- endmacro %}

{% macro code_parent(code) -%}
  case length({{ code }}) when 7 then left({{ code }}, 5) when 5 then left({{ code }}, 3) end
{%- endmacro %}

{% macro names_match(printed, official) -%}
  {#- Compare names ignoring full-/half-width bracket and whitespace differences. -#}
  (translate(regexp_replace({{ printed }}, '\s', '', 'g'), '()', '（）')
   = translate(regexp_replace({{ official }}, '\s', '', 'g'), '()', '（）'))
{%- endmacro %}

{% macro name_differs_flag(printed, official) -%}
  {#- TRUE/FALSE where a reference name exists for the code, NULL where it does not. -#}
  case when {{ official }} is not null then not {{ names_match(printed, official) }} end
{%- endmacro %}
