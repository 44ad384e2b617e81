#!/usr/bin/env bash
# SkillPulse set-up on a fresh Debian/Ubuntu machine with Python 3.11+, then one task:
#   ./dev.sh demo   install, build the offline demo warehouse, serve the dashboard on 127.0.0.1:8501
#   ./dev.sh test   install (plus Debian's chromium for the browser tests), run the whole test suite
#   ./dev.sh setup  install only
# Extra arguments go to the task (e.g. `./dev.sh test -k warehouse`, `./dev.sh demo --port 8600`).
set -euo pipefail
cd "$(dirname "$0")"

UV_VERSION="0.13.9"
export UV_PYTHON_DOWNLOADS=never  # use the machine's Python; nothing else is downloaded
# Trust the machine's certificate store (as pip does), so installs work behind TLS-inspecting
# proxies whose CA is installed system-wide; UV_NATIVE_TLS is the same switch in older uv.
export UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}" UV_NATIVE_TLS="${UV_NATIVE_TLS:-1}"

say() { printf '\033[1m[skillpulse]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  say "Python 3.11 or newer is required (set PYTHON=/path/to/python3.11)"; exit 1
}

setup() {
  local py uv
  py=$(find_python)
  if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
    say "installing python3-venv"
    as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv >/dev/null
  fi
  if command -v uv >/dev/null; then
    uv=$(command -v uv)
  else
    uv=.tools/uv/bin/uv
    if [ ! -x "$uv" ]; then
      say "bootstrapping uv $UV_VERSION from PyPI into .tools/"
      "$py" -m venv .tools/uv
      .tools/uv/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
    fi
  fi
  say "installing the locked environment into .venv (uv sync --frozen)"
  "$uv" sync --frozen --extra dev --python "$py" --quiet
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for the browser tests"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

task=${1:-help}
shift || true
case "$task" in
  setup) setup ;;
  demo)  setup; exec .venv/bin/skillpulse demo "$@" ;;
  # one pytest worker per core (pytest-xdist): most tests wait on subprocesses, servers and
  # browsers, so two workers on two cores halve the wall time; SKILLPULSE_TEST_WORKERS=0 runs serially
  test)  setup; ensure_chromium; exec .venv/bin/python -m pytest -n "${SKILLPULSE_TEST_WORKERS:-auto}" --dist worksteal "$@" ;;
  *)     sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; [ "$task" = help ] || exit 2 ;;
esac
