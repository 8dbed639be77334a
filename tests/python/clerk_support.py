"""What the tests that drive the command line as a clerk share: the command, run in Chinese
(the default, whatever the test machine's locale), and credit codes with their check character."""

import os
import shutil
import subprocess

CLI = os.environ.get("TAIZHANG_CLI") or shutil.which("taizhang")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(first17):
    """A unified social credit code with its check character (GB 32100)."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - total % 31) % 31]


def run(*args, cwd):
    env = dict(os.environ, LANG="C.UTF-8")
    env.pop("TAIZHANG_LANG", None)
    env.pop("LC_ALL", None)
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd, env=env)


def ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result
