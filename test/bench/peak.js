'use strict';
// Preloaded into the n8n process by the bench (NODE_OPTIONS=--require): on exit, writes the
// process's peak resident memory (maxRSS) to $BENCH_PEAK_DIR/<pid>.json.
const fs = require('fs');
const path = require('path');

process.on('exit', () => {
	const dir = process.env.BENCH_PEAK_DIR;
	if (!dir) return;
	try {
		fs.writeFileSync(
			path.join(dir, `${process.pid}.json`),
			JSON.stringify({ argv: process.argv, maxRssKb: process.resourceUsage().maxRSS }),
		);
	} catch {
		// the bench reports no figure rather than failing the run
	}
});
