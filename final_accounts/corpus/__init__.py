"""A labelled corpus of generated disclosures, in the landing format dbt reads.

Each generated disclosure is derived from the project's real disclosures: its codes and names
come from the reference classifications, the printed grid of its 一般公共预算财政拨款基本支出决算表
and the line labels of its two summary tables from the hand-transcribed Nanyang disclosure
(``seeds/``), its narrative from the phrasing those documents use (``seeds/vocab_*.csv``). Its
figures are generated as an accounting system holds them, in fen: every total is computed from
its parts and only then rounded to 0.01 万元, so rounding differences (尾差) occur naturally and
must not be reported as 不符. The narrative restates the printed figures.

A chosen share of disclosures gets planted errors (``PLANTS``) with their ground truth; nothing
else may fail: a generated disclosure without plants is consistent under every rule.
Deterministic: the same seed and size give byte-identical files.

Modules, in the order a disclosure is made:
``reference`` (what is drawn from), ``figures`` (the figures in fen, a frozen dataclass),
``tables`` (the nine tables), ``narrative`` and ``appendix`` (the statements and the project
appendix), ``words`` (phrasings drawn from the vocabularies), ``plants`` (planted errors and
ground truth), ``rendering`` (assembling disclosures and writing the landing files),
``scoring`` (a built warehouse against the ground truth), ``typing_errors`` (typing errors
planted into otherwise clean disclosures for the localization engine, ``--plant-kind typing``).
"""
from __future__ import annotations

from .disclosure import Disclosure
from .figures import Figures, percent, wan
from .plants import PLANTS
from .reference import Reference
from .rendering import Generator, generate
from .scoring import score, score_localization
from .typing_errors import TYPING_COLUMNS, TYPING_KINDS, plant_typing
from .words import comparison_sense, comparison_words

__all__ = ["PLANTS", "TYPING_COLUMNS", "TYPING_KINDS", "Disclosure", "Figures", "Generator", "Reference",
           "comparison_sense", "comparison_words", "generate", "percent", "plant_typing", "score",
           "score_localization", "wan"]
