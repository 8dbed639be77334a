"""tools/check_layers: each forbidden edge in a small tree is reported, and the real tree passes."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "check_layers"


def run(root):
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(root)],
                          capture_output=True, text=True)


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_repository_passes():
    result = run(ROOT)
    assert result.returncode == 0, result.stdout
    assert "in order" in result.stdout


@pytest.mark.parametrize("relative, text, expected", [
    ("src/domain/fold.cpp", '#include "ledger/lmdb_env.h"\n', "domain includes ledger/lmdb_env.h"),
    ("src/domain/fold.cpp", '#include "taizhang/registry.h"\n', "domain includes taizhang/registry.h"),
    ("src/ledger/ledger.cpp", '#include "domain/fold.h"\n', "ledger includes domain/fold.h"),
    ("src/core/money.cpp", '#include "taizhang/entry.h"\n', "core includes taizhang/entry.h"),
    ("src/model/codec.cpp", '#include "taizhang/allocation.h"\n',
     "model includes taizhang/allocation.h"),
    ("src/domain/queries.cpp", "#include <lmdb.h>\n", "domain includes lmdb.h"),
    ("src/registry/registry.cpp", "views.get(kAssetsTable, key);\n", "names a view table"),
    ("src/registry/registry.cpp", 'views.get("asset_codes", key);\n', "names a view table"),
    ("include/taizhang/novel.h", "#pragma once\n", "claimed by no layer"),
    ("docs/notes.md", "As " + "DOMAIN" + ".md says.\n", "outside the repository"),
    ("src/cli/main.cpp", "// see ../" + "shared/vectors\n", "outside the repository"),
])
def test_each_offence_is_reported(tmp_path, relative, text, expected):
    write(tmp_path, "src/model/view_records.h",
          'struct AssetCodesTable { static constexpr std::string_view kName = "asset_codes"; };\n')
    write(tmp_path, "src/domain/ok.cpp", '#include "model/view_records.h"\n')
    assert run(tmp_path).returncode == 0
    write(tmp_path, relative, text)
    result = run(tmp_path)
    assert result.returncode == 1
    assert expected in result.stdout
