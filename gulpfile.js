// `npm run build` is `n8n-node build && gulp build`. n8n-node build empties dist/, compiles
// tsconfig.json (nodes, credentials and their codex .node.json files) and copies every .png/.svg
// of the repository into dist/. This file does what it does not:
//  - bundle the vendored libraries (vendor/*.ts) into self-contained files, so the published
//    package has no runtime `dependencies` (n8n's scanner forbids them), with their licences;
//  - remove what n8n-node build copied but does not ship (docs/screenshots/*.png), so dist/
//    holds exactly what the tarball ships (test/unit/shared/tarball.test.ts checks the list).
const fs = require('fs');
const path = require('path');
const { series } = require('gulp');
const esbuild = require('esbuild');

const DIST = path.join(__dirname, 'dist');
// The top-level folders of dist/ that ship; anything else there is an n8n-node build copy.
const SHIPPED = ['credentials', 'nodes', 'vendor'];

async function pruneDist() {
	for (const entry of fs.readdirSync(DIST)) {
		if (!SHIPPED.includes(entry))
			fs.rmSync(path.join(DIST, entry), { recursive: true, force: true });
	}
}

// The package folder (node_modules/<name> or node_modules/@scope/name) of a bundled input file.
function packageDir(input) {
	const parts = input.split('/');
	const at = parts.lastIndexOf('node_modules');
	if (at < 0) return undefined;
	const length = parts[at + 1].startsWith('@') ? 2 : 1;
	return parts.slice(0, at + 1 + length).join('/');
}

// One text with the licence of every package in the bundle: MIT asks that its notice ship with
// every copy, and the bundle is a copy.
function licences(inputs) {
	const dirs = [...new Set(inputs.map(packageDir).filter(Boolean))].sort();
	return dirs
		.map((dir) => {
			const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, dir, 'package.json'), 'utf8'));
			const file = fs
				.readdirSync(path.join(__dirname, dir))
				.find((name) => /^licen[cs]e/i.test(name));
			const author = typeof pkg.author === 'object' ? pkg.author.name : pkg.author;
			const text = file
				? fs.readFileSync(path.join(__dirname, dir, file), 'utf8').trim()
				: `${pkg.license} licence (package.json; the package ships no licence file)${author ? `, ${author}` : ''}.`;
			return `${pkg.name}@${pkg.version} (${pkg.license})\n\n${text}\n`;
		})
		.join(`\n${'-'.repeat(72)}\n\n`);
}

async function bundleVendor() {
	const result = await esbuild.build({
		entryPoints: [path.join(__dirname, 'vendor', 'fastXmlParser.ts')],
		outfile: path.join(DIST, 'vendor', 'fastXmlParser.js'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		legalComments: 'inline',
		logLevel: 'warning',
		metafile: true,
		banner: {
			js: '// fast-xml-parser and its dependencies, bundled: their licences are in THIRD-PARTY-LICENSES.txt',
		},
	});
	fs.writeFileSync(
		path.join(DIST, 'vendor', 'THIRD-PARTY-LICENSES.txt'),
		licences(Object.keys(result.metafile.inputs)),
	);
}

exports.build = series(pruneDist, bundleVendor);
