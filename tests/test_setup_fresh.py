"""The README's two commands on a fresh machine: a new HOME, no .venv, the system's Python.

The repository is copied as it would be committed (tracked and new, not ignored, files) into a
temporary folder and run with a clean environment. The machine's apt packages are all there
already, so to see the script wait for the apt lock the test profile is told (through a
dpkg-query wrapper first on PATH) that `strace` is missing, and apt-get is a recorder that
checks, when called, that nobody holds the dpkg lock any more. pip's configuration and cache
are the machine's (downloads are allowed, just not needed twice).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCK = Path("/var/lib/dpkg/lock-frontend")
INSTALL_TIMEOUT_S = 1800  # pip from an empty venv on two busy cores, then ruff, mypy, pytest

FAKE_DPKG_QUERY = """#!/bin/sh
# The real answer, minus strace: the set-up must install it.
/usr/bin/dpkg-query "$@" | grep -v '^strace '
"""
FAKE_APT_GET = """#!/bin/sh
# Record the call and whether the dpkg lock was free at that moment.
if flock -n {lock} true; then state=free; else state=held; fi
echo "apt-get $* [lock $state]" >> {log}
"""


@dataclass
class Fresh:
    """A copy of the repository and a clean environment to run its scripts in."""

    repo: Path
    env: dict[str, str]
    apt_log: Path

    def run(
        self, *command: str, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a command in the copy (generous timeout), output captured."""
        return subprocess.run(
            list(command),
            cwd=self.repo,
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_S,
            check=False,
        )


def copy_repository(target: Path) -> None:
    """The working tree's committed and new files (what `git add -A` would take), no .venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # deleted in the working tree but still in the index
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Fresh]:
    """The copy, a new HOME, PATH without any user-installed Python (the system's python3)."""
    repo, home, fakes = tmp_path / "repo", tmp_path / "home", tmp_path / "fakes"
    for folder in (repo, home, fakes):
        folder.mkdir()
    copy_repository(repo)
    apt_log = tmp_path / "apt.log"
    (fakes / "dpkg-query").write_text(FAKE_DPKG_QUERY)
    (fakes / "apt-get").write_text(FAKE_APT_GET.format(lock=LOCK, log=apt_log))
    for fake in fakes.iterdir():
        fake.chmod(0o755)
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": "C.UTF-8",
        "FAKES": str(fakes),
    }
    # pip's own settings and cache from this machine (index mirrors, certificates).
    for name in (
        "PIP_CONFIG_FILE",
        "PIP_INDEX_URL",
        "PIP_EXTRA_INDEX_URL",
        "PIP_FIND_LINKS",
        "PIP_CERT",
    ):
        if name in os.environ:
            env[name] = os.environ[name]
    user_conf = Path.home() / ".config" / "pip" / "pip.conf"
    if "PIP_CONFIG_FILE" not in env and user_conf.exists():
        env["PIP_CONFIG_FILE"] = str(user_conf)
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    yield Fresh(repo, env, apt_log)


def setup_stamps(repo: Path) -> dict[str, float]:
    """The set-up's stamp files and the pip log with their modification times."""
    venv = repo / ".venv"
    return {p.name: p.stat().st_mtime_ns for p in [*venv.glob(".setup-*"), venv / "setup.log"]}


@pytest.mark.slow
def test_readme_commands_on_a_fresh_machine(fresh: Fresh) -> None:
    """run-kiosk.sh makes .venv with the system Python and starts the kiosk; run-tests.sh waits
    for another process's apt lock (saying so), installs the missing package only after it was
    released, and passes; run-kiosk.sh again starts without installing anything. The console
    stays quiet: no pip, setuptools, debconf or Qt noise."""
    first = fresh.run("bash", "scripts/run-kiosk.sh", "--exit-after-show")
    assert first.returncode == 0, first.stderr
    assert "startup_s=" in first.stdout
    assert "Creating the Python environment" in first.stderr
    assert "Installing Python packages [postgres]" in first.stderr
    for noise in ("propagateSizeHints", "Warning", "warning:", "Collecting", "debconf", "INFO"):
        assert noise not in first.stderr + first.stdout, noise
    assert "Python 3.10 or newer" not in first.stderr

    holder = subprocess.Popen(
        ["flock", str(LOCK), "-c", "echo locked; sleep 4"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        tests = fresh.run(
            "bash",
            "-c",
            'PATH="$FAKES:$PATH" bash scripts/run-tests.sh -q -p no:cacheprovider '
            "tests/kiosk/test_cli_lang.py",
        )
    finally:
        holder.wait(timeout=60)
        if holder.stdout is not None:
            holder.stdout.close()
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert "Waiting for another package manager (apt/dpkg) to finish" in tests.stderr
    calls = fresh.apt_log.read_text().splitlines()
    assert all(call.endswith("[lock free]") for call in calls), calls
    assert any(" install " in c and c.split("[")[0].split()[-1] == "strace" for c in calls)
    assert all("DPkg::Lock::Timeout=" in call for call in calls)
    assert "Installing Python packages [postgres,test]" in tests.stderr
    assert " passed" in tests.stdout and "== mypy" in tests.stdout

    before = setup_stamps(fresh.repo)
    again = fresh.run("bash", "scripts/run-kiosk.sh", "--exit-after-show")
    assert again.returncode == 0, again.stderr
    assert "startup_s=" in again.stdout
    assert "Installing" not in again.stderr and "Creating" not in again.stderr
    assert setup_stamps(fresh.repo) == before  # no pip run, nothing rewritten


def test_old_python_is_refused_with_the_way_out(fresh: Fresh, tmp_path: Path) -> None:
    """A Python older than 3.10 stops the set-up with both languages and the PYTHON= hint
    (a stand-in interpreter reports 3.9, as Debian 11's does)."""
    old = tmp_path / "python3.9"
    old.write_text('#!/bin/sh\ncase "$*" in *--version*) echo "Python 3.9.2";; *) exit 1;; esac\n')
    old.chmod(0o755)
    done = fresh.run("bash", "scripts/setup.sh", "runtime", extra_env={"PYTHON": str(old)})
    assert done.returncode == 1
    assert "Cần Python 3.10 trở lên (đang có Python 3.9.2)" in done.stderr
    assert "PYTHON=python3.11" in done.stderr
    assert not (fresh.repo / ".venv" / "bin").exists()


POLICY = "/usr/sbin/policy-rc.d"
FAKE_APT_INTERRUPTING = """#!/bin/sh
# Record whether the service blocker is in place, then end the way $APT_ENDS says: "int" is
# Ctrl+C (SIGINT to the whole process group, apt-get included), "term" a kill of the set-up's
# shell, "fail" apt-get's own failure.
if [ -e "$POLICY_FILE" ]; then policy=$(tr '\n' ' ' < "$POLICY_FILE"); else policy=none; fi
echo "apt-get $* [policy: $policy]" >> "$APT_LOG"
case "$APT_ENDS" in
  int) kill -INT 0 ;;
  term) kill -TERM "$PPID" ;;
esac
exit 100
"""
FAKE_SUDO = '#!/bin/sh\nexec "$@"\n'


def _interrupted_setup(tmp_path: Path, ends: str) -> tuple[int, Path, list[str]]:
    """scripts/setup.sh (its copy, with the blocker's path moved into tmp_path) told by
    dpkg-query that cups-client is missing, and an apt-get that is interrupted (or fails) at
    its first call: (exit status, the blocker's path, apt-get calls)."""
    root, fakes = tmp_path / "kiosk", tmp_path / "fakes"
    (root / "scripts").mkdir(parents=True)
    fakes.mkdir()
    policy = tmp_path / "policy-rc.d"
    script = (ROOT / "scripts" / "setup.sh").read_text()
    assert script.count(POLICY) == 4  # the check, the write, the chmod and the removal
    (root / "scripts" / "setup.sh").write_text(script.replace(POLICY, str(policy)))
    for name, body in (
        ("dpkg-query", FAKE_DPKG_QUERY.replace("strace", "cups-client")),
        ("apt-get", FAKE_APT_INTERRUPTING),
        ("sudo", FAKE_SUDO),  # when not root: no password prompt
    ):
        (fakes / name).write_text(body)
        (fakes / name).chmod(0o755)
    log = tmp_path / "apt.log"
    env = {
        "HOME": str(tmp_path),
        "PATH": f"{fakes}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": "C.UTF-8",
        "APT_LOG": str(log),
        "APT_ENDS": ends,
        "POLICY_FILE": str(policy),
    }
    done = subprocess.run(
        ["bash", str(root / "scripts" / "setup.sh"), "runtime"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,  # Ctrl+C's SIGINT reaches this process group only
        check=False,
    )
    return done.returncode, policy, log.read_text().splitlines()


@pytest.mark.parametrize(("ends", "status"), [("int", -2), ("term", -15), ("fail", 1)])
def test_interrupted_install_removes_the_service_blocker(
    tmp_path: Path, ends: str, status: int
) -> None:
    """The blocker ("exit 101") is in place while apt-get runs; Ctrl+C, a kill of the set-up or
    a failed apt-get ends the set-up (by that signal, or status 1 for the failure) and the
    blocker is gone, so later installs start their services again."""
    code, policy, calls = _interrupted_setup(tmp_path, ends)
    assert code == status
    assert len(calls) == 1 and calls[0].endswith(" update [policy: #!/bin/sh exit 101 ]")
    assert not policy.exists()


def test_interrupted_install_leaves_a_blocker_it_did_not_make(tmp_path: Path) -> None:
    """A policy-rc.d that was there before (the administrator's) is used and left as it was,
    interrupted or not."""
    policy = tmp_path / "policy-rc.d"
    policy.write_text("#!/bin/sh\nexit 0\n")
    code, _, calls = _interrupted_setup(tmp_path, "int")
    assert code == -2 and calls[0].endswith(" update [policy: #!/bin/sh exit 0 ]")
    assert policy.read_text() == "#!/bin/sh\nexit 0\n"
