#!/usr/bin/env node
// eslint-plugin-n8n-nodes-base's `nodes` rules read object literals in the sources, so a
// description built with spreads, `.map()` and helpers escapes them: `npm run lint` reported 0
// while the editor showed 125 of their defects (issue 18). This loads every built node of
// package.json's `n8n.nodes` (dist/, so `npm run build` first), writes its description as n8n
// resolves it out as one literal, and runs the same rules (those of scripts/lint.mjs) on it.
// It first proves the rules see such a literal: a sample defect must be found.
// Exit code 1 on any problem. Run by scripts/lint.mjs (`npm run lint`).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A value as TypeScript source: keys unquoted where they can be (the rules match identifiers), functions left out. */
function literal(value, indent = '\t') {
	if (value === undefined || typeof value === 'function') return 'undefined';
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	const inner = `${indent}\t`;
	if (Array.isArray(value))
		return value.length
			? `[\n${value.map((v) => inner + literal(v, inner)).join(',\n')},\n${indent}]`
			: '[]';
	const entries = Object.entries(value).filter(
		([, v]) => v !== undefined && typeof v !== 'function',
	);
	if (!entries.length) return '{}';
	return `{\n${entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)}`).join(',\n')},\n${indent}}`;
}

const eslint = new ESLint({
	cwd: root,
	overrideConfigFile: true,
	overrideConfig: [
		{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
		{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
	],
});

async function problems(file, className, description) {
	const source = `import type { INodeType, INodeTypeDescription } from 'n8n-workflow';\n\nexport class ${className} implements INodeType {\n\tdescription: INodeTypeDescription = ${literal(description)};\n}\n`;
	const lines = source.split('\n');
	// Linted as if it were the node's own file (the rules read the file name), never written.
	const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
	// Where: the flagged line and the parameter it belongs to (the nearest displayName above it).
	const owner = (line) => {
		for (let i = line - 1; i >= 0; i--)
			if (/^\s*displayName: /.test(lines[i])) return lines[i].trim();
		return '';
	};
	return result.messages.map(
		(m) =>
			`  ${m.ruleId}: ${m.message.replace(/ \[(non-)?autofixable\]/, '')}\n    at ${(lines[m.line - 1] ?? '').trim().slice(0, 140)} (in ${owner(m.line)})`,
	);
}

const pkg = require('./package.json');
const loaded = pkg.n8n.nodes.map((file) => {
	const exported = require(path.join(root, file));
	const NodeClass = Object.values(exported).find((v) => typeof v === 'function');
	return {
		file: file.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
		className: NodeClass.name,
		description: new NodeClass().description,
	};
});

// The rules must see a resolved literal: a tooltip repeating its label, built the way nodes build theirs.
const sample = {
	...loaded[0].description,
	properties: [
		{ displayName: 'Street', name: 'street', type: 'string', default: '', description: 'Street' },
	],
};
const proof = await problems(loaded[0].file, loaded[0].className, sample);
if (!proof.some((p) => p.includes('node-param-description-identical-to-display-name'))) {
	console.log(
		'lint resolved descriptions: the rules did not find the sample defect; this check is broken',
	);
	process.exit(1);
}

let count = 0;
for (const { file, className, description } of loaded) {
	const found = await problems(file, className, description);
	if (found.length) console.log(`${file} (resolved description):\n${found.join('\n')}`);
	count += found.length;
}
console.log(`lint resolved descriptions: ${loaded.length} nodes, ${count} problems`);
process.exit(count ? 1 : 0);
