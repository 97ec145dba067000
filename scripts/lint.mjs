#!/usr/bin/env node
// `npm run lint`: the rules of n8n's community package scanner
// (@n8n/scan-community-package 0.32: @n8n/eslint-plugin-community-nodes
// recommended, no-console, and eslint-plugin-n8n-nodes-base's community,
// credentials and nodes rulesets), applied the way the scanner applies them:
//   1. to the sources: package.json, nodes/** and credentials/**
//   2. to the packed tarball: its compiled .js files and its package.json
//   3. the `nodes` rules to every built node's description as n8n resolves it
//      (scripts/lint-resolved.mjs: descriptions built with spreads and helpers escape step 1)
//   4. the package's architecture, which no n8n rule knows: no CRM folder (nodes/<Crm>/) imports
//      from another CRM's folder, nodes/shared/ imports from no CRM folder, and nodes/shared/
//      names no CRM, not even in a comment (each CRM's business lives in its own folder); and the
//      router's plumbing stays in the router: no action file (nodes/<Crm>/actions/, besides its
//      *.descriptions.ts) adds Request Options or Simplify itself or reads them, and no file but
//      nodes/shared/router.ts decides Continue On Fail (operations declare `requestOptions` and
//      `simplify`; the router reads and applies them).
// Inline `eslint-disable` comments are ignored, as the scanner ignores them.
// n8n's own strict lint (`npx n8n-node lint`, eslint.config.mjs) runs apart: strict mode
// requires its config verbatim, so these checks cannot be added to it.
// Options: --source-only (skip the tarball leg, no build needed).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { defineConfig } from 'eslint/config';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceOnly = process.argv.includes('--source-only');

const config = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
);

async function lint(cwd, patterns, label) {
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config,
	});
	const files = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (entry.name !== 'node_modules') walk(full);
			} else if (patterns.test(path.relative(cwd, full))) files.push(full);
		}
	};
	walk(cwd);
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const formatted = await (await eslint.loadFormatter('stylish')).format(results);
	if (formatted.trim()) console.log(formatted);
	console.log(`lint ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

// The CRM folder (or 'shared') a path under nodes/ belongs to, undefined outside nodes/.
function nodesArea(file) {
	const rel = path.relative(path.join(root, 'nodes'), file).split(path.sep);
	return rel[0] === '..' || rel.length < 2 ? undefined : rel[0];
}

function architecture() {
	const problems = [];
	const walk = (dir) =>
		fs
			.readdirSync(dir, { withFileTypes: true })
			.flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
	const files = walk(path.join(root, 'nodes')).filter((f) => f.endsWith('.ts'));
	const specifier =
		/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
	for (const file of files) {
		const from = nodesArea(file);
		const text = fs.readFileSync(file, 'utf8');
		for (const [, spec] of text.matchAll(specifier)) {
			if (!spec.startsWith('.')) continue;
			const to = nodesArea(path.resolve(path.dirname(file), spec));
			if (!to || to === from || to === 'shared') continue;
			const rule =
				from === 'shared'
					? 'nodes/shared imports no CRM folder'
					: 'a CRM folder imports no other CRM folder';
			problems.push(`${path.relative(root, file)}: imports '${spec}' (nodes/${to}): ${rule}`);
		}
	}
	const crms = fs
		.readdirSync(path.join(root, 'nodes'), { withFileTypes: true })
		.filter((e) => e.isDirectory() && e.name !== 'shared')
		.map((e) => e.name);
	// A CRM's name as its folder spells it (DataPlatform), in any case, words apart or not
	// ("Data Platform", "data_platform", "SML", "smlToken"), not inside a longer word ("autopilot").
	const anyCase = (word) =>
		[...word].map((ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`).join('');
	const spelled = (crm) =>
		crm
			.split(/(?<=[a-z])(?=[A-Z])/)
			.map(anyCase)
			.join('[ _-]?');
	const crmName = new RegExp(`(?<![A-Za-z])(${crms.map(spelled).join('|')})(?![a-z])`, 'g');
	for (const file of files.filter((f) => nodesArea(f) === 'shared')) {
		fs.readFileSync(file, 'utf8')
			.split('\n')
			.forEach((line, i) => {
				for (const [name] of line.matchAll(crmName))
					problems.push(
						`${path.relative(root, file)}:${i + 1}: names '${name}': nodes/shared names no CRM`,
					);
			});
	}
	const plumbing = /\b(requestOptionsField|readRequestOptions|simplifyField|continueOnFail)\b/g;
	for (const file of files) {
		const rel = path.relative(root, file).split(path.sep).join('/');
		const action = /^nodes\/[^/]+\/actions\//.test(rel) && !rel.endsWith('.descriptions.ts');
		if (rel === 'nodes/shared/router.ts') continue;
		fs.readFileSync(file, 'utf8')
			.split('\n')
			.forEach((line, i) => {
				for (const [name] of line.matchAll(plumbing)) {
					if (name === 'continueOnFail' || action)
						problems.push(
							`${rel}:${i + 1}: names '${name}': the router (nodes/shared/router.ts) owns Request Options, Simplify and Continue On Fail; declare \`requestOptions\` or \`simplify\` in the operation`,
						);
				}
			});
	}
	for (const problem of problems) console.log(problem);
	console.log(`architecture: ${files.length} files, ${problems.length} errors`);
	return problems.length;
}

let errors = architecture();
errors += await lint(root, /^(package\.json|(nodes|credentials)\/.*\.(js|ts|json))$/, 'sources');
if (!sourceOnly) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-leads-lint-'));
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], {
		cwd: root,
		encoding: 'utf8',
	});
	const tarball = path.join(tmp, out.trim().split('\n').pop());
	const unpacked = path.join(tmp, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', tmp]);
	errors += await lint(unpacked, /^(package\.json|.*\.js)$/, `tarball ${path.basename(tarball)}`);
	fs.rmSync(tmp, { recursive: true, force: true });
	// 3. the nodes rules on the descriptions as n8n resolves them (built nodes: dist/).
	if (
		spawnSync(process.execPath, [path.join(root, 'scripts', 'lint-resolved.mjs')], {
			cwd: root,
			stdio: 'inherit',
		}).status !== 0
	)
		errors += 1;
}
process.exit(errors ? 1 : 0);
