#!/usr/bin/env bash
# Installs the dev dependencies when node_modules does not hold what package-lock.json lists
# (a fresh clone, or a lock file changed by a pull): `npm ci`, which installs exactly the lock
# file and never rewrites it. Used by scripts/demo.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# Up to date: every package of the lock file is installed in its locked version (npm's own
# record, node_modules/.package-lock.json); optional packages for other platforms are not installed.
if node -e '
	const fs = require("fs");
	const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
	let installed;
	try { installed = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages; } catch { process.exit(1); }
	for (const [key, entry] of Object.entries(lock)) {
		if (!key || entry.link) continue;
		const have = installed[key];
		if (have ? have.version !== entry.version : !entry.optional) process.exit(1);
	}
' 2>/dev/null; then
  exit 0
fi
echo "installing the dev dependencies (npm ci: exactly package-lock.json; .npmrc runs no dependency's install script)"
npm ci --no-audit --no-fund
