#!/bin/bash
# Install Helix (hx) and tmux for the e2e Helix case, from Debian's packages where they
# have it (Debian 13 "trixie" and later package `helix`; Debian 12 does not). Idempotent.
# Prints the path of hx on stdout when there is one; exits 0 either way, with a notice on
# stderr when no registry we use has Helix (crates.io holds only a placeholder helix-term
# 0.0.0; PyPI and npm have no Helix build), so that the e2e case skips and says why.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
if command -v hx >/dev/null 2>&1; then command -v hx; exit 0; fi
for exe in /usr/bin/hx /usr/lib/helix/hx; do [ -x "$exe" ] && { echo "$exe"; exit 0; }; done
# apt-cache needs a current list to know the candidate.
apt_install tmux >/dev/null || true
candidate=$(apt-cache policy helix 2>/dev/null | awk '/Candidate:/{print $2}')
if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
  apt_install helix && for exe in /usr/bin/hx /usr/lib/helix/hx; do [ -x "$exe" ] && { echo "$exe"; exit 0; }; done
fi
say "notice: no package registry we use has Helix for $(. /etc/os-release; echo "$PRETTY_NAME") (apt: no 'helix' candidate; crates.io: placeholder only); the Helix e2e case will skip"
exit 0
