#!/usr/bin/env bash
# The demo command of the README: everything a fresh machine needs, then scripts/demo.js.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --ignore-scripts --no-audit --no-fund
fi
npm run build --silent
bash scripts/install-n8n.sh 2 >/dev/null
exec node scripts/demo.js
