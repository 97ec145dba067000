'use strict';
// Simulator framework: each CRM simulator is a plain Node HTTP server written from
// the vendor doc, with in-memory state, a request log and fault injection.
// Control endpoints (never part of a vendor API), on every simulator:
//   GET  /__sim/log            -> the request log (method, path, query, headers, raw body, parsed body, status)
//   POST /__sim/reset          -> clears log, state and faults
//   POST /__sim/faults         -> {path?: substring, query?: {name: value}, match?: substring, kind, times?: n, delayMs?, status?, retryAfter?, processed?}
//        kinds: 'status' (answer `status`, default 503; `echo: true` repeats the request in the page, `echo: 'headers'` its headers too), 'reset' (destroy the socket),
//               'timeout' (never answer), 'malformed' (an HTML page, or `body`, with status 200 instead of the API's answer),
//               'truncated' (the handler runs and its real answer is cut in half), 'slow' (delay `delayMs`, then answer)
//        Any other kind is the simulator's own: its handler gets the fault as `fault` and answers it
//        (e.g. Pilot's 'notStored').
//        match: only requests whose "METHOD url" line or raw body contains this text (one item of a run).
//        processed: true runs the handler first (the request is processed, state changes), then the fault hits the
//        answer: a 5xx, a reset or a timeout after the CRM stored the data, as a gateway in front of it can do.
//        `query`: only requests whose query string has these values (e.g. {page: '2'}: page 2 of a read)
//   GET  /__sim/state          -> the simulator's state, for assertions
// In-process tests may also push functions onto `sim.hooks`: each is called with the logged
// request before the simulator answers it (to change the state while a read is under way).
const http = require('http');
const { URL } = require('url');

function parseBody(raw, contentType) {
	const type = (contentType || '').split(';')[0].trim().toLowerCase();
	if (!raw.length) return {};
	const text = raw.toString('utf8');
	if (type === 'application/json') {
		try {
			return JSON.parse(text);
		} catch {
			return { __invalidJson: text };
		}
	}
	if (type === 'application/x-www-form-urlencoded') {
		return parseForm(text);
	}
	return text;
}

// PHP-like form decoding: repeated keys and `key[]` become arrays.
function parseForm(text) {
	const out = {};
	for (const [rawKey, value] of new URLSearchParams(text)) {
		const isArray = rawKey.endsWith('[]');
		const key = isArray ? rawKey.slice(0, -2) : rawKey;
		if (isArray) (out[key] = Array.isArray(out[key]) ? out[key] : []).push(value);
		else out[key] = value;
	}
	return out;
}

/**
 * What a simulator keeps (leads, orders, tokens...): plain JSON records the tests read and change.
 * @typedef {Record<string, any>} SimulatorState
 */

/**
 * @param {object} spec
 * @param {string} spec.name
 * @param {(ctx: object) => (object|undefined)} spec.handle  returns {status, body, headers, contentType} or undefined for 404
 * @param {() => object} [spec.initialState]
 */
function createSimulator(spec) {
	const sim = {
		name: spec.name,
		log: [],
		faults: [],
		hooks: [],
		state: spec.initialState ? spec.initialState() : {},
		server: null,
		url: null,
	};
	const sockets = new Set();

	const queryMatches = (fault, query) =>
		!fault.query || Object.entries(fault.query).every(([k, v]) => query[k] === String(v));

	function takeFault(path, line, rawText, query) {
		const index = sim.faults.findIndex(
			(f) =>
				(!f.path || path.includes(f.path)) &&
				queryMatches(f, query) &&
				(!f.match || line.includes(f.match) || rawText.includes(f.match)),
		);
		if (index < 0) return undefined;
		const fault = sim.faults[index];
		fault.times -= 1;
		if (fault.times <= 0) sim.faults.splice(index, 1);
		return fault;
	}

	function send(res, status, body, contentType = 'application/json', headers = {}) {
		const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		res.writeHead(status, { 'content-type': contentType, ...headers });
		res.end(payload);
	}

	async function handler(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://127.0.0.1');
		const path = url.pathname;

		if (path.startsWith('/__sim/')) {
			const body = parseBody(raw, req.headers['content-type']);
			if (path === '/__sim/log') return send(res, 200, sim.log);
			if (path === '/__sim/state') return send(res, 200, sim.state);
			if (path === '/__sim/reset') {
				sim.log = [];
				sim.faults = [];
				sim.hooks = [];
				sim.state = spec.initialState ? spec.initialState() : {};
				return send(res, 200, { ok: true });
			}
			if (path === '/__sim/faults') {
				sim.faults.push({ times: 1, ...body });
				return send(res, 200, { ok: true, faults: sim.faults });
			}
			return send(res, 404, { error: 'unknown control endpoint' });
		}

		const entry = {
			at: Date.now(),
			method: req.method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody: raw.toString('utf8'),
			body: parseBody(raw, req.headers['content-type']),
			status: null,
			fault: null,
			// Once the CRM's handler ran: its status (2xx = the CRM processed the request, e.g. stored a create),
			// whatever answer the client got afterwards (a `processed` fault replaces it).
			handled: false,
			handlerStatus: null,
		};
		sim.log.push(entry);
		for (const hook of [...sim.hooks]) await hook(entry);

		const fault = takeFault(path, `${req.method} ${req.url}`, entry.rawBody, entry.query);
		if (fault) entry.fault = fault.kind;
		// Faults that hit before the CRM sees the request (unless `processed`).
		const hitsAnswer = fault && (fault.processed || fault.kind === 'truncated');
		if (fault && !hitsAnswer) {
			if (fault.kind === 'reset') return req.socket.destroy();
			if (fault.kind === 'timeout') return; // never answer; the client times out
			if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs || 1000));
			if (fault.kind === 'status') return sendStatusFault(req, res, entry, fault, raw);
			if (fault.kind === 'malformed') {
				entry.status = 200;
				return send(
					res,
					200,
					fault.body || spec.malformedBody || '{"success":tr',
					fault.contentType || spec.malformedType || 'application/json',
				);
			}
		}

		let answer;
		try {
			answer = await spec.handle({
				req,
				url,
				path,
				query: entry.query,
				headers: req.headers,
				raw,
				body: entry.body,
				state: sim.state,
				sim,
				fault,
			});
		} catch (error) {
			answer = { status: 500, body: { error: String(error && error.message) } };
		}
		if (!answer)
			answer = {
				status: 404,
				body: '<html><body>404 Not Found</body></html>',
				contentType: 'text/html',
			};
		entry.status = answer.status || 200;
		entry.response = answer.body;
		entry.handled = true;
		entry.handlerStatus = entry.status;
		if (hitsAnswer) {
			if (fault.kind === 'reset') return req.socket.destroy();
			if (fault.kind === 'timeout') return;
			if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs || 1000));
			if (fault.kind === 'status') return sendStatusFault(req, res, entry, fault, raw);
			if (fault.kind === 'malformed') {
				entry.status = 200;
				return send(
					res,
					200,
					fault.body || spec.malformedBody || '{"success":tr',
					fault.contentType || spec.malformedType || 'application/json',
				);
			}
			if (fault.kind === 'truncated') {
				const text =
					typeof answer.body === 'string' || Buffer.isBuffer(answer.body)
						? String(answer.body)
						: JSON.stringify(answer.body);
				return send(
					res,
					entry.status,
					text.slice(0, Math.max(1, Math.floor(text.length / 2))),
					answer.contentType,
					answer.headers,
				);
			}
		}
		send(res, entry.status, answer.body, answer.contentType, answer.headers);
	}

	function sendStatusFault(req, res, entry, fault, raw) {
		entry.status = fault.status || 503;
		const headers =
			fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
		// `echo` plays a careless server that repeats the request (secrets included) in its error page.
		// `echo: 'headers'` also repeats the request headers (an Authorization token).
		const headerText =
			fault.echo === 'headers'
				? ` authorization ${req.headers.authorization ?? '-'} headers ${JSON.stringify(req.headers)}`
				: '';
		const page = fault.echo
			? `<html><body>Error processing ${req.method} ${req.url}${headerText} with ${raw.toString('utf8')}</body></html>`
			: fault.body || '<html><body>Service Unavailable</body></html>';
		return send(res, entry.status, page, fault.contentType || 'text/html', headers);
	}

	sim.start = (port = 0, host = '127.0.0.1') =>
		new Promise((resolve, reject) => {
			sim.server = http.createServer((req, res) => {
				handler(req, res).catch((error) => {
					if (!res.headersSent) send(res, 500, { error: String(error) });
				});
			});
			sim.server.keepAliveTimeout = 1000;
			sim.server.on('connection', (s) => {
				sockets.add(s);
				s.on('close', () => sockets.delete(s));
			});
			sim.server.once('error', reject);
			sim.server.listen(port, host, () => {
				sim.url = `http://${host}:${sim.server.address().port}`;
				resolve(sim);
			});
		});
	sim.stop = () =>
		new Promise((resolve) => {
			if (!sim.server) return resolve();
			for (const s of sockets) s.destroy();
			sim.server.close(() => resolve());
		});
	sim.reset = () => {
		sim.log = [];
		sim.faults = [];
		sim.hooks = [];
		sim.state = spec.initialState ? spec.initialState() : {};
	};
	sim.addFault = (fault) => sim.faults.push({ times: 1, ...fault });
	return sim;
}

module.exports = { createSimulator, parseForm, parseBody };
