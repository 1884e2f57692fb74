"""Column descriptions shared by several models are written once, as dbt doc blocks in
models/_docs.md (and the check schema's in models/intermediate/_check_docs.md). Every block is used, every use names a block, and an edit to a block is a code
change for the incremental build (it forces a full build, so the comments are rewritten)."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_project

from final_accounts.incremental import code_fingerprint

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "models" / "_docs.md"
DOC_FILES = sorted((ROOT / "models").rglob("*.md"))
USERS = sorted((ROOT / "models").rglob("*.yml"))
BLOCK = re.compile(r"\{%\s*docs\s+(\w+)\s*%\}(.*?)\{%\s*enddocs\s*%\}", re.S)
USE = re.compile(r"""\{\{\s*doc\(\s*["'](\w+)["']\s*\)\s*\}\}""")


def test_every_block_is_used_and_every_use_is_a_block():
    blocks = dict(pair for path in DOC_FILES for pair in BLOCK.findall(path.read_text(encoding="utf-8")))
    used = {name for path in USERS for name in USE.findall(path.read_text(encoding="utf-8"))}
    assert blocks and used == set(blocks), (set(blocks) - used, used - set(blocks))
    assert all(text.strip() for text in blocks.values())  # dbt strips a block's surrounding whitespace


def test_an_edited_block_changes_the_code_fingerprint(tmp_path):
    copy = copy_project(tmp_path / "project")
    before = code_fingerprint(copy)
    docs = copy / "models" / "_docs.md"
    original = docs.read_text(encoding="utf-8")
    docs.write_text(original.replace("{% docs fiscal_year %}决算年度", "{% docs fiscal_year %}决算年份"), encoding="utf-8")
    assert code_fingerprint(copy) != before
    docs.write_text(original, encoding="utf-8")
    assert code_fingerprint(copy) == before
