"""One generated disclosure: who publishes it, its figures, its printed files and its ground truth."""
from __future__ import annotations

from dataclasses import dataclass, field

from .figures import Figures, wan

TRUTH_COLUMNS = ["fiscal_year", "unit_name", "plant", "rule_id", "subject_key", "role", "detail"]


@dataclass
class Disclosure:
    fiscal_year: int
    unit_name: str
    layout: str  # 单位决算 (prints 0.00) or 部门决算 (prints nothing for nil)
    sha256: str
    figures: Figures
    class_lines: dict[str, str]  # summary-table 类 line as printed -> class code
    files: dict[str, list[dict]] = field(default_factory=dict)  # landing file -> rows
    truth: list[dict] = field(default_factory=list)  # TRUTH_COLUMNS rows
    typing_truth: list[dict] = field(default_factory=list)  # typing_errors.TYPING_COLUMNS rows

    @property
    def key(self) -> dict:
        return {"document_sha256": self.sha256, "fiscal_year": str(self.fiscal_year), "unit_name": self.unit_name}

    def printed(self, fen: int, commas: bool = False) -> str:
        """How the layout prints a figure: 部门决算 prints nothing for nil."""
        if fen == 0 and self.layout == "部门决算":
            return ""
        value = wan(fen)
        return f"{value:,.2f}" if commas else f"{value:.2f}"

    def expect(self, plant: str, rule_id: str, subject_key: str, role: str = "planted", detail: str = "") -> None:
        """Record a failure the disclosure's plant must cause (``planted``) or necessarily causes
        besides (``consequence``)."""
        self.truth.append({"fiscal_year": self.fiscal_year, "unit_name": self.unit_name, "plant": plant,
                           "rule_id": rule_id, "subject_key": subject_key, "role": role, "detail": detail})
