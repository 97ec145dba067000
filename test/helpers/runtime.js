// What the unit tests need from Node itself and n8n's lint rules forbid in node code:
// environment variables, files, a child process (xmllint), HTTP clients and servers, deep
// equality, stdout, evaluating an expression. n8n's strict eslint config holds every .ts file
// to the node rules (no Node built-ins, no `process`, no `Function`); this file is plain
// JavaScript, which that config does not lint, so test code outside those rules is here and
// only here. TypeScript reads its types from it (allowJs in test/tsconfig.json).
'use strict';
const childProcess = require('child_process');
const fs = require('fs');
const http = require('http');
const https = require('https');
const path = require('path');
const util = require('util');

/** @typedef {import('http').IncomingMessage} IncomingMessage */
/** @typedef {import('http').ClientRequest} ClientRequest */
/** @typedef {import('http').Server} Server */

const ROOT = path.resolve(__dirname, '../..');

/**
 * An environment variable (FUZZ_CASES, FUZZ_SEED, ...), undefined when unset.
 * @param {string} name
 * @returns {string | undefined}
 */
const env = (name) => process.env[name];

/**
 * A path in the repository, from its root: repoPath('test', 'fixtures', 'adf').
 * @param {...string} parts
 */
const repoPath = (...parts) => path.join(ROOT, ...parts);

/**
 * Writes a progress line to stdout (jest prints console output with a stack trace).
 * @param {string} text
 */
const writeStdout = (text) => {
	process.stdout.write(text);
};

/**
 * Evaluates a JavaScript expression with the given names in scope, as n8n's expression
 * sandbox evaluates `={{ ... }}` (credential.test.ts: a credential's test URL).
 * @param {string} source
 * @param {Record<string, unknown>} scope
 * @returns {unknown}
 */
const evaluate = (source, scope) =>
	new Function(...Object.keys(scope), `return (${source});`)(...Object.values(scope));

/**
 * xmllint's verdict on an XML text against a DTD: '' when valid, its messages otherwise.
 * @param {string} xml
 * @param {string} dtd the DTD's path
 * @returns {string}
 */
function xmllintDtdErrors(xml, dtd) {
	try {
		childProcess.execFileSync('xmllint', ['--noout', '--dtdvalid', dtd, '-'], {
			input: xml,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		return '';
	} catch (error) {
		if (error.code === 'ENOENT')
			throw new Error(
				'xmllint is not installed (apt-get install -y libxml2-utils; scripts/test.sh installs it)',
			);
		return String(error.stderr ?? error);
	}
}

module.exports = {
	env,
	repoPath,
	writeStdout,
	evaluate,
	xmllintDtdErrors,
	fs,
	http,
	https,
	STATUS_CODES: http.STATUS_CODES,
	isDeepStrictEqual: util.isDeepStrictEqual,
};
