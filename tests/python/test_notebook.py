"""The auditor's notebook runs from top to bottom against a demo register, so it cannot rot."""

import os
import pathlib
import re
import shutil
import subprocess

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

CLI = os.environ.get("TAIZHANG_CLI") or shutil.which("taizhang")
NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks" / \
    "audit_county.ipynb"


@pytest.mark.skipif(CLI is None, reason="taizhang command not built")
def test_audit_notebook_executes(tmp_path, monkeypatch):
    demo = tmp_path / "demo"
    built = subprocess.run([CLI, "demo", "--dir", str(demo), "--townships", "3", "--villages",
                            "4", "--assets", "2000"], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    monkeypatch.setenv("TAIZHANG_REGISTER", str(demo / "register"))
    # The kernel runs in another directory: it finds this very taizhang by an absolute path.
    import taizhang
    package_root = str(pathlib.Path(taizhang.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [package_root] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "verified:" in text and "view records equal on replay" in text
    assert "class mix by original value" in text
    # The charts draw their Chinese labels with a CJK font: matplotlib warns "Glyph ... missing
    # from current font" (on the kernel's stderr) for every character it cannot draw.
    errors = "".join(o.get("text", "") for o in outputs
                     if o.get("output_type") == "stream" and o.get("name") == "stderr")
    assert "Glyph" not in errors and "missing from" not in errors, errors[:2000]
    assert "no CJK font installed" not in text
    # Amounts for people in 元, exactly: the total as a Decimal with two places.
    assert re.search(r"total original value: \d+\.\d\d 元 = \d+\.\d{6} 万元", text), text
    # Names beside codes: the township table, the audit's rules and the idle assets' names.
    tables = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "township_name" in tables and "_yuan" in tables and "rule_zh" in tables
    assert "asset_name" in tables and "division_name" in tables
    assert "_fen" not in "".join(line for line in tables.splitlines() if "amount" in line
                                 and "_yuan" in line)
