#!/usr/bin/env bash
# Installs what the kiosk needs on Debian/Ubuntu (system libraries, then a virtualenv in .venv).
# Usage: source scripts/setup.sh [runtime|test] [--verbose]
#        bash scripts/setup.sh --remove-services   (stop and disable the PostgreSQL/CUPS services)
# Environment: PYTHON=/path/to/python3.x (3.10 or newer; default python3), VERBOSE=1,
#              KIOSK_APT_LOCK_WAIT_S (how long to wait for another apt/dpkg; default 600).
# A second run does nothing that is already done: the system packages are checked with one
# dpkg-query call and pip runs only when pyproject.toml (or this script) changed since the
# last successful install (.venv/.setup-<profile> holds their hash).
set -euo pipefail
KIOSK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile=runtime
remove_services=0
verbose="${VERBOSE:-0}"
for arg in "$@"; do
  case "$arg" in
    runtime | test) profile="$arg" ;;
    --verbose | -v) verbose=1 ;;
    --remove-services) remove_services=1 ;;
    *) echo "setup.sh: unknown argument $arg (runtime|test, --verbose, --remove-services)" >&2; exit 2 ;;
  esac
done
if [ "$verbose" != 0 ]; then verbose=1; fi
SETUP_LOG="$KIOSK_ROOT/.venv/setup.log"

say() { printf '%s\n' "$*" >&2; }
# Run a command; its output goes to the set-up log unless --verbose, and is shown on failure.
run_logged() {
  mkdir -p "$(dirname "$SETUP_LOG")"
  touch "$SETUP_LOG"
  if [ "$verbose" = 1 ]; then
    "$@" 2>&1 | tee -a "$SETUP_LOG"
    return "${PIPESTATUS[0]}"
  fi
  local start
  start=$(wc -l <"$SETUP_LOG")
  if ! "$@" >>"$SETUP_LOG" 2>&1; then
    say "Lỗi / failed: $*  (log: $SETUP_LOG)"
    tail -n +"$((start + 1))" "$SETUP_LOG" | tail -n 40 >&2
    return 1
  fi
}

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Services that Debian's postgresql and cups packages enable and start on systemd machines. The
# tests start private servers of their own and need none of them.
SERVICES=(postgresql.service cups.service cups.socket cups.path cups-browsed.service)

# Stop and disable the units named (those present); nothing to do without systemd.
disable_units() {
  [ -d /run/systemd/system ] || return 0
  local units=()
  for unit in "$@"; do
    if systemctl cat "$unit" >/dev/null 2>&1; then units+=("$unit"); fi
  done
  if [ "${#units[@]}" -gt 0 ]; then
    run_logged $SUDO systemctl disable --now "${units[@]}" || true
  fi
}

# After installing: only the services of packages this run installed (a CUPS the laptop already
# printed through is left alone).
disable_new_services() {
  local units=()
  for p in "$@"; do
    case "$p" in
      postgresql) units+=(postgresql.service) ;;
      cups) units+=(cups.service cups.socket cups.path cups-browsed.service) ;;
    esac
  done
  if [ "${#units[@]}" -gt 0 ]; then disable_units "${units[@]}"; fi
}

if [ "$remove_services" = 1 ]; then
  disable_units "${SERVICES[@]}"
  say "Đã dừng và tắt tự khởi động: ${SERVICES[*]} (nếu có)."
  say "Stopped and disabled: ${SERVICES[*]} (where present). The packages stay installed;"
  say "remove them with: sudo apt-get purge postgresql postgresql-common cups cups-daemon"
  # `return` when sourced, `exit` when run.
  return 0 2>/dev/null || exit 0
fi

# Qt's offscreen/xcb platform libraries, fonts; python venv support; lp for the cups backend.
runtime_pkgs=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libusb-1.0-0 python3-venv cups-client)
# Tests: PostgreSQL and CUPS server binaries (the tests run private servers of their own), a PDF
# queue driver, poppler (PDF to PNG), strace (the durability test watches fsync calls), Xvfb (the
# kiosk window on real screen sizes), SoftHSM (a software token for the dossier's PKCS#11 signing),
# libfuse2 (the power-cut filesystem of the reliability suite).
test_pkgs=(postgresql cups cups-bsd printer-driver-cups-pdf poppler-utils strace xvfb softhsm2 libfuse2)

pkgs=("${runtime_pkgs[@]}")
if [ "$profile" = test ]; then pkgs+=("${test_pkgs[@]}"); fi

# One dpkg-query for all packages (a loop of 25 calls costs half a second on a slow laptop).
missing=()
if command -v dpkg-query >/dev/null; then
  # Ubuntu 24.04 / Debian 13 renamed some libraries with a "t64" suffix (libglib2.0-0t64,
  # libfuse2t64): apt installs those for the old name, so either name counts as installed.
  t64=()
  for p in "${pkgs[@]}"; do t64+=("${p}t64"); done
  installed="$(dpkg-query -W -f='${Package} ${Status}\n' "${pkgs[@]}" "${t64[@]}" 2>/dev/null | awk '/ install ok installed$/ {print $1}')" || true
  for p in "${pkgs[@]}"; do
    grep -qx -- "$p" <<<"$installed" || grep -qx -- "${p}t64" <<<"$installed" || missing+=("$p")
  done
fi

# True while another process holds the apt/dpkg locks: apt takes fcntl locks, other tools
# flock(); both are tried (and released at once). Needs read-write access: root or sudo.
LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)
locks_busy() {
  local py
  py="$(command -v python3 || true)"
  if [ -n "$py" ]; then
    $SUDO "$py" - "${LOCKS[@]}" <<'PYEOF'
import fcntl, os, sys
for path in sys.argv[1:]:
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        continue
    try:
        for take in (fcntl.lockf, fcntl.flock):
            try:
                take(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                sys.exit(0)
    finally:
        os.close(fd)
sys.exit(1)
PYEOF
    return $?
  fi
  command -v fuser >/dev/null && $SUDO fuser "${LOCKS[@]}" >/dev/null 2>&1
}

wait_for_apt() {
  local waited=0 limit="${KIOSK_APT_LOCK_WAIT_S:-600}"
  while locks_busy; do
    if [ $((waited % 30)) -eq 0 ]; then
      say "Đang chờ chương trình cài đặt khác (apt/dpkg) chạy xong… (${waited} s)"
      say "Waiting for another package manager (apt/dpkg) to finish… (${waited} s)"
    fi
    if [ "$waited" -ge "$limit" ]; then
      say "apt/dpkg vẫn bận sau ${limit} s. / apt/dpkg still busy after ${limit} s: try again later."
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# Debian's postgresql packages create and start a "main" cluster on install; the kiosk never
# uses it (tests run their own throwaway server). Only when postgresql-common is not installed
# yet, so an administrator's own setting is never changed.
no_main_cluster() {
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    $SUDO mkdir -p /etc/postgresql-common
    printf '# bhxh-kiosk setup: the kiosk tests run their own servers\ncreate_main_cluster = false\n' |
      $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    say "Hãy cài các gói hệ thống sau trước / Please install these system packages first: ${missing[*]}"
    exit 1
  fi
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    say "Cần quyền root (sudo) để cài / root (sudo) is needed to install: ${missing[*]}"
    exit 1
  fi
  say "Cài gói hệ thống / Installing system packages: ${missing[*]}"
  if [ "$profile" = test ]; then no_main_cluster; fi
  # No service may start during the install (containers, chroots, sysvinit); on systemd the
  # units the packages enabled are disabled again below. The blocker this script made goes on
  # any way out (done, an error, Ctrl+C, kill): left behind, no later package's service would
  # start. The traps hold only around the install; the caller's are put back after (this
  # script is sourced); a signal is passed on to them once the blocker is gone.
  policy_added=0
  drop_policy() {
    if [ "$policy_added" = 1 ]; then
      $SUDO rm -f /usr/sbin/policy-rc.d
      policy_added=0
    fi
  }
  saved_traps="$(trap -p EXIT INT TERM)"
  trap drop_policy EXIT
  trap 'drop_policy; trap - EXIT INT TERM; eval "$saved_traps"; kill -INT $$' INT
  trap 'drop_policy; trap - EXIT INT TERM; eval "$saved_traps"; kill -TERM $$' TERM
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy_added=1 # before the file exists: an interrupt from here on removes it
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
  fi
  apt_opts=(-o DPkg::Lock::Timeout="${KIOSK_APT_LOCK_WAIT_S:-600}" -o Dpkg::Use-Pty=0 -q)
  status=0
  {
    wait_for_apt &&
      run_logged $SUDO apt-get "${apt_opts[@]}" update &&
      wait_for_apt &&
      run_logged $SUDO env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes \
        apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
  } || status=$?
  drop_policy
  trap - EXIT INT TERM
  eval "$saved_traps"
  unset -f drop_policy
  [ "$status" -eq 0 ] || exit "$status"
  disable_new_services "${missing[@]}"
fi

VENV="$KIOSK_ROOT/.venv"
extras="postgres"
if [ "$profile" = test ]; then extras="postgres,test"; fi
# What the installed packages depend on: the project's dependencies, this script, the profile.
want_base="$(cat "$KIOSK_ROOT/pyproject.toml" "$KIOSK_ROOT/scripts/setup.sh" | sha256sum | cut -d' ' -f1)"
stamp_ok() { [ -f "$VENV/.setup-$1" ] && [ "$(cat "$VENV/.setup-$1")" = "$want_base $2" ]; }
# -x follows the venv's symlink: false when the Python it was made with is gone.
if [ -x "$VENV/bin/python" ] && { stamp_ok "$profile" "$extras" ||
  { [ "$profile" = runtime ] && stamp_ok test "postgres,test"; }; }; then
  : # set up before and nothing changed: no Python is started, no pip runs
else
  PY="${PYTHON:-python3}"
  if ! command -v "$PY" >/dev/null; then
    say "Không tìm thấy Python “$PY”: cài python3 (3.10 trở lên) hoặc đặt PYTHON=/đường/dẫn/python3."
    say "Python \"$PY\" not found: install python3 (3.10 or newer) or set PYTHON=/path/to/python3."
    exit 1
  fi
  if ! "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
    found="$("$PY" --version 2>&1)"
    say "Cần Python 3.10 trở lên (đang có $found). Cài python3.10+ rồi chạy lại với PYTHON=python3.11 bash $0"
    say "Python 3.10 or newer is needed (found $found). Install one and run again with e.g. PYTHON=python3.11 bash $0"
    exit 1
  fi
  if [ -e "$VENV/pyvenv.cfg" ] && ! "$VENV/bin/python" -c '' 2>/dev/null; then
    say "Tạo lại .venv (Python của nó không còn chạy) / Re-creating .venv (its Python no longer runs)"
    rm -rf "$VENV"
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "Tạo môi trường Python / Creating the Python environment: $VENV ($("$PY" --version 2>&1))"
    run_logged "$PY" -m venv "$VENV"
    run_logged "$VENV/bin/python" -m pip install --upgrade pip
  fi
  say "Cài thư viện Python / Installing Python packages [$extras] (log: $SETUP_LOG)"
  rm -f "$VENV"/.setup-*
  # The log keeps pip's progress and setuptools' license/deprecation notes off the console;
  # --verbose shows them.
  PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONWARNINGS=ignore run_logged "$VENV/bin/python" -m pip install \
    -e "$KIOSK_ROOT[$extras]"
  printf '%s %s\n' "$want_base" "$extras" >"$VENV/.setup-$profile"
fi
unset want_base status saved_traps
