"""The words of generated statements, drawn at random (seeded) from the vocabularies the
grammar and the rules read (``seeds/vocab_*.csv``), so generated narratives vary as real ones do."""
from __future__ import annotations

from .. import vocabulary

CHINESE_NUMERALS = "一二三四五六七八九十"


def comparison_words(sense: str) -> list[str]:
    """The words of a comparison of 决算 with 预算 in one sense (greater / less / equal), exact ones."""
    return [row["word"] for row in vocabulary.rows("vocab_comparison_words")
            if row["sense"] == sense and row["band"] == "exact"]


def comparison_sense(word: str) -> str | None:
    return next((row["sense"] for row in vocabulary.rows("vocab_comparison_words") if row["word"] == word), None)


def change_words(direction: str, of: str) -> list[str]:
    """The words of a change on last year in one direction, before an amount or a rate."""
    return [row["word"] for row in vocabulary.rows("vocab_change_words")
            if row["direction"] == direction and row[f"names_{of}"] == "true"]


def phrasings(kind: str) -> list[str]:
    return [row["template"] for row in vocabulary.rows("vocab_statement_phrasings") if row["statement_kind"] == kind]


def chinese_number(n: int) -> str:
    """A positive whole number in Chinese numerals as a name prints it (12 -> 十二, 105 -> 一百零五,
    2024 -> 二千零二十四)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n - 10] if n > 10 else "")
    out, zero = "", False
    for power, unit in ((10**8, "亿"), (10**4, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        part = n // power
        n %= power
        if part:
            if zero and out:
                out += "零"
            out += (chinese_number(part) if power >= 10**4 else digits[part]) + unit
            zero = False
        elif out:
            zero = True
    return out


def ordinal_of(style: dict, n: int) -> str:
    if style["numeral"] == "arabic":
        numeral = str(n)
    else:
        numeral = CHINESE_NUMERALS[n - 1] if n <= 10 else "十" + CHINESE_NUMERALS[n - 11] if n < 20 else str(n)
    return style["prefix"] + numeral + style["suffix"]


def compared_phrase(word: str, basis_label: str, reason: str) -> str:
    """The comparison sentence of a per-项 paragraph in a phrasing of the catalog."""
    if comparison_sense(word) == "equal":
        return f"决算数与{basis_label}数{word}。"
    return f"决算数{word}{basis_label}数的主要原因：{reason}"


def metric_word(metric: str) -> str:
    """The word that names a metric in a statement ("完成" a completion rate, "决算" a final amount)."""
    return next(row["word"] for row in vocabulary.rows("vocab_metrics") if row["metric"] == metric and row["word"])
