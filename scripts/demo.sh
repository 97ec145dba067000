#!/usr/bin/env bash
# The demo command of the README: checks its ports first (one line and exit 1 when one is taken),
# then everything a fresh machine needs, then scripts/demo.js (which builds and packs the package).
# DEMO_PORT, SANDBOX_PORT_BASE, DEMO_LISTEN_ADDRESS, DEMO_USER_FOLDER: see scripts/demo.js.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/demo.js --check-ports
bash scripts/ensure-deps.sh
bash scripts/install-n8n.sh 2 >/dev/null
exec node scripts/demo.js
