// Build steps that tsc does not do:
//  - copy node icons (SVG) and codex files (.node.json) next to the compiled nodes;
//  - bundle the vendored libraries (vendor/*.ts) into self-contained files, so the
//    published package has no runtime `dependencies` (n8n's scanner forbids them).
const path = require('path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

async function bundleVendor() {
	await esbuild.build({
		entryPoints: [path.join(__dirname, 'vendor', 'fastXmlParser.ts')],
		outfile: path.join(__dirname, 'dist', 'vendor', 'fastXmlParser.js'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

exports.build = series(copyAssets, bundleVendor);
exports['build:icons'] = copyAssets;
