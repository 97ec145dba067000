#!/usr/bin/env node
// The packed tarball holds exactly what ships (run after `npm run build`; scripts/test.sh does):
//   - package.json, README.md, LICENSE;
//   - every nodes/**/*.ts and credentials/**/*.ts compiled to dist/**/*.js;
//   - the codex files (nodes/**/*.node.json) and icons (nodes/**/*.svg, *.png) next to them;
//   - the bundled fast-xml-parser (dist/vendor/fastXmlParser.js) and its licences;
// and nothing else (no test/, docs/, sandbox/, no stale file). Also: every path of package.json's
// n8n.nodes and n8n.credentials is in it, and the package declares no runtime `dependencies`.
// The list comes from `npm pack --dry-run --json`, i.e. what `npm publish` would upload.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir) {
	const out = [];
	for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
		const rel = path.posix.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...walk(rel));
		else out.push(rel);
	}
	return out;
}

export function intendedFiles() {
	const files = [
		'package.json',
		'README.md',
		'LICENSE',
		'dist/vendor/fastXmlParser.js',
		'dist/vendor/THIRD-PARTY-LICENSES.txt',
	];
	for (const file of [...walk('nodes'), ...walk('credentials')]) {
		if (file.endsWith('.d.ts')) continue;
		if (file.endsWith('.ts')) files.push(`dist/${file.replace(/\.ts$/, '.js')}`);
		else if (/\.node\.json$|\.svg$|\.png$/.test(file)) files.push(`dist/${file}`);
	}
	return files.sort();
}

export function packedFiles() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	return JSON.parse(out)[0]
		.files.map((f) => f.path)
		.sort();
}

export function check() {
	const problems = [];
	const packed = packedFiles();
	const intended = intendedFiles();
	const missing = intended.filter((f) => !packed.includes(f));
	const extra = packed.filter((f) => !intended.includes(f));
	if (missing.length)
		problems.push(
			`missing from the tarball (run npm run build first?):\n  ${missing.join('\n  ')}`,
		);
	if (extra.length) problems.push(`in the tarball but not meant to ship:\n  ${extra.join('\n  ')}`);
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	for (const entry of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!packed.includes(entry))
			problems.push(`package.json n8n entry not in the tarball: ${entry}`);
	}
	if (pkg.dependencies && Object.keys(pkg.dependencies).length) {
		problems.push(
			`runtime dependencies declared (n8n Cloud refuses them): ${Object.keys(pkg.dependencies).join(', ')}`,
		);
	}
	return { packed, intended, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { packed, problems } = check();
	for (const problem of problems) console.log(problem);
	console.log(
		`tarball contents: ${packed.length} files, ${problems.length ? `${problems.length} problem(s)` : 'exactly the intended list'}`,
	);
	process.exit(problems.length ? 1 : 0);
}
