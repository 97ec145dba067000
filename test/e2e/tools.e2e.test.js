'use strict';
// n8n lists the five action nodes as AI tools (`usableAsTool: true`), the package
// installed from its packed tarball: GET /types/nodes.json as the owner (what the
// editor loads) holds `<package>.<node>Tool` for each action node and none for the
// triggers; each tool carries the node's own description and operations; what an AI
// agent is told of each operation is computed with the running n8n's own helper.
// Runs on n8n 2.41.1 and on 1.123.81 (E2E_N8N_MAJOR). Older 1.x releases listed
// community nodes as tools only with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true;
// 1.123.81 and 2.x make the tool variants unconditionally (checked in their
// load-nodes-and-credentials code), so this test sets no such variable.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { N8nInstance, PACKAGE_NAME, ROOT, request } = require('../helpers/n8n');

const MAJOR = Number(process.env.E2E_N8N_MAJOR || 2);
const pkg = require(path.join(ROOT, 'package.json'));

function loadDescription(file) {
	const NodeClass = Object.values(require(path.join(ROOT, file))).find(
		(v) => typeof v === 'function',
	);
	return new NodeClass().description;
}

// n8n adds this option to Resource and every Operation of a node whose credential has a
// generic `authenticate` (PUBLITRAC, SML): it opens the HTTP Request node. Not ours.
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** [{resource, operation, action}] of an action node's description (n8n's Custom API Call left out). */
function operationsOf(description) {
	const resource = description.properties.find((p) => p.name === 'resource');
	return resource.options
		.filter((r) => r.value !== CUSTOM_API_CALL)
		.flatMap((r) =>
			description.properties
				.filter(
					(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(r.value),
				)
				.flatMap((p) =>
					p.options
						.filter((o) => o.value !== CUSTOM_API_CALL)
						.map((o) => ({ resource: r.value, operation: o.value, action: o.action })),
				),
		);
}

describe(`the action nodes as AI tools in n8n ${MAJOR}.x (tarball install)`, () => {
	let n8n;
	let types;
	let nodeHelpers;
	const nodes = [];

	before(async () => {
		n8n = new N8nInstance();
		for (const file of pkg.n8n.nodes) nodes.push(loadDescription(file));
		// The running n8n's own n8n-workflow: the helper its agents use to describe a tool.
		nodeHelpers = require(path.join(n8n.n8n.dir, 'node_modules', 'n8n-workflow')).NodeHelpers;
		await n8n.start();
		const headers = await n8n.ownerSession();
		const res = await request('GET', `${n8n.url}/types/nodes.json`, { headers });
		assert.equal(res.status, 200, `GET /types/nodes.json: ${res.status} ${res.text.slice(0, 200)}`);
		types = Object.fromEntries(res.json.map((t) => [t.name, t]));
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
	});

	const actionNodes = () => nodes.filter((d) => d.usableAsTool === true);
	const triggers = () => nodes.filter((d) => d.group.includes('trigger'));

	it('the five action nodes are usable as tools, the five triggers are not', () => {
		assert.deepEqual(
			actionNodes().map((d) => d.name),
			['pilot', 'econtract', 'publitrac', 'sml', 'dataPlatform'],
		);
		for (const d of triggers()) assert.equal(d.usableAsTool, undefined, d.name);
	});

	it('lists <package>.<node>Tool for each action node, and no tool for a trigger', () => {
		const listed = Object.keys(types).filter(
			(name) => name.startsWith(`${PACKAGE_NAME}.`) && name.endsWith('Tool'),
		);
		assert.deepEqual(
			listed.sort(),
			actionNodes()
				.map((d) => `${PACKAGE_NAME}.${d.name}Tool`)
				.sort(),
		);
		for (const d of nodes)
			assert.ok(types[`${PACKAGE_NAME}.${d.name}`], `${d.name} listed as a node too`);
	});

	it("each tool is an AI tool with the node's description, credential and operations", () => {
		for (const d of actionNodes()) {
			const tool = types[`${PACKAGE_NAME}.${d.name}Tool`];
			assert.equal(tool.displayName, `${d.displayName} Tool`);
			assert.deepEqual(tool.inputs, []);
			assert.deepEqual(tool.outputs, ['ai_tool']);
			assert.ok(
				tool.codex.categories.includes('AI') && tool.codex.subcategories.AI.includes('Tools'),
				`${d.name}: in the AI > Tools panel`,
			);
			// The description written for the agent, and the default of the tool's own Description field.
			assert.equal(tool.description, d.description);
			assert.equal(
				tool.properties.find((p) => p.name === 'toolDescription').default,
				d.description,
			);
			assert.deepEqual(
				tool.credentials.map((c) => c.name),
				d.credentials.map((c) => c.name),
			);
			assert.deepEqual(
				operationsOf(tool),
				operationsOf(d),
				`${d.name}: the tool offers every operation`,
			);
		}
	});

	it("tells an agent what each operation does: '<action> in <node>', one distinct text per operation", () => {
		for (const d of actionNodes()) {
			const tool = types[`${PACKAGE_NAME}.${d.name}Tool`];
			const seen = new Map();
			for (const { resource, operation, action } of operationsOf(d)) {
				assert.ok(action, `${d.name} ${resource}:${operation} has an action text`);
				const told = nodeHelpers.getToolDescriptionForNode(
					{ parameters: { descriptionType: 'auto', resource, operation } },
					{ description: tool },
				);
				assert.equal(told, `${action} in ${d.defaults.name}`, `${d.name} ${resource}:${operation}`);
				assert.ok(
					!seen.has(told),
					`${d.name}: ${resource}:${operation} and ${seen.get(told)} both tell an agent "${told}"`,
				);
				seen.set(told, `${resource}:${operation}`);
			}
		}
	});

	it('each description names its CRM and says what the node does, for an agent choosing a tool', () => {
		for (const d of actionNodes()) {
			assert.ok(
				d.description.includes(d.defaults.name),
				`${d.name}: the description names ${d.defaults.name}`,
			);
			assert.match(
				d.description,
				/^(Create|Send)\b/,
				`${d.name}: the description starts with what the node does`,
			);
			assert.ok(
				d.description.length >= 100 && d.description.length <= 250,
				`${d.name}: ${d.description.length} characters`,
			);
		}
	});
});
