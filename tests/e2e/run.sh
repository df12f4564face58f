#!/bin/bash
# Editor end-to-end tests, runnable on their own:
#   tests/e2e/run.sh [--no-install] [--only nvim,helix,vscode]
# Installs the editors first (scripts/install-*.sh: idempotent, quiet; apt, pip and npm),
# then runs tests/e2e/run.py against target/release/newslint (or $NEWSLINT_BIN): build it
# first with `cargo build --release`. Ends with `e2e: N passed, M failed`.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
install=1; only=nvim,helix,vscode
while [ $# -gt 0 ]; do
  case $1 in
    --no-install) install=0 ;;
    --only) only=$2; shift ;;
    --only=*) only=${1#--only=} ;;
    *) echo "usage: $0 [--no-install] [--only nvim,helix,vscode]" >&2; exit 2 ;;
  esac
  shift
done
. "$repo/scripts/lib.sh"
failed_installs=()
if [[ ,$only, == *,nvim,* ]]; then
  if [ $install = 1 ]; then
    echo "=== Installing Neovim 0.7 (apt) and 0.11 (pip) ==="
    if bins=$("$repo/scripts/install-nvim.sh"); then
      NVIM_BINS=$(echo "$bins" | paste -sd: -); export NVIM_BINS
    else
      failed_installs+=(nvim)
    fi
  elif [ -z "${NVIM_BINS:-}" ] && [ -x "$(nvim011_bin)" ]; then
    NVIM_BINS=nvim:$(nvim011_bin); export NVIM_BINS
  fi
fi
if [[ ,$only, == *,helix,* ]] && [ $install = 1 ] && [ -z "${HX:-}" ]; then
  echo "=== Installing Helix where a registry has it (apt) ==="
  hx_bin=$("$repo/scripts/install-helix.sh") && [ -n "$hx_bin" ] && { HX=$hx_bin; export HX; }
fi
if [[ ,$only, == *,vscode,* ]] && [ $install = 1 ]; then
  echo "=== Installing code-server, Node 24, Chromium and playwright-core ==="
  "$repo/scripts/install-vscode.sh" || failed_installs+=(vscode)
fi
E2E_FAILED_INSTALLS=$(IFS=,; echo "${failed_installs[*]}") exec python3 "$repo/tests/e2e/run.py" --only "$only"
