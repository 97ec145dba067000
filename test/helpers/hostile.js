'use strict';
// Hostile servers for the transport's tests (unit and e2e): a server that redirects to
// another one, a server that drips its answer, a server whose answer has no end, a list
// that never ends. Each records what it received, so a test asserts what reached it.
const http = require('http');

/** Starts an HTTP server on a free port of 127.0.0.1; `handle(req, res, entry)` answers. */
function startServer(handle) {
	const received = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const entry = {
				at: Date.now(),
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(entry);
			Promise.resolve(handle(req, res, entry)).catch(() => res.destroy());
		});
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${server.address().port}`,
				host: `127.0.0.1:${server.address().port}`,
				received,
				close: () =>
					new Promise((r) => {
						for (const s of sockets) s.destroy();
						server.close(r);
					}),
			});
		});
	});
}

/**
 * Another origin a hostile server redirects to: it records everything and answers what
 * each CRM would take for success, so a client that follows the redirect reports success.
 */
function elsewhereServer() {
	return startServer((req, res) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		// Pilot's success shape; a JSON object for the others.
		res.end(
			JSON.stringify({
				success: true,
				message: 'OK from elsewhere',
				data: { id: 1, lead_id: 1 },
				count: 1,
				next: null,
				results: [{ id: 1 }],
			}),
		);
	});
}

/**
 * A server that answers every API call with `status` and a Location to `target` + the same
 * path + `?stolen=1`. `POST /api/auth/login/` (SML's login) answers a token first, so the token
 * travels in the redirected call's Authorization header.
 */
function redirectingServer({ status, target, token = 'sml-token-not-for-elsewhere' }) {
	return startServer((req, res) => {
		if (req.method === 'POST' && req.url.startsWith('/api/auth/login/')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ token }));
		}
		const path = req.url.split('?')[0];
		res.writeHead(status, {
			location: `${target}${path}?stolen=1&secret=query-not-shown`,
			'content-type': 'text/html',
		});
		res.end('<html><body>Moved</body></html>');
	});
}

/**
 * A server that sends the headers at once, then one byte of the body every `intervalMs`,
 * for ever (`headers: false`: it drips the header lines themselves, so not even the headers
 * complete). Answers SML's login normally. `bytesSent()` per request, `closedAt` when the
 * client hung up.
 */
function drippingServer({ intervalMs = 300, headers = true } = {}) {
	const drips = [];
	const serverPromise = startServer((req, res) => {
		if (req.method === 'POST' && req.url.startsWith('/api/auth/login/')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ token: 'drip-token' }));
		}
		const drip = { startedAt: Date.now(), bytes: 0, closedAt: undefined };
		drips.push(drip);
		const socket = req.socket;
		if (headers) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.flushHeaders();
		} else {
			socket.write('HTTP/1.1 200 OK\r\n');
		}
		const timer = setInterval(() => {
			if (socket.destroyed) return;
			if (headers) res.write(' ');
			else socket.write(`X-Drip-${drip.bytes}: 1\r\n`);
			drip.bytes++;
		}, intervalMs);
		socket.on('close', () => {
			clearInterval(timer);
			drip.closedAt = Date.now();
		});
	});
	return serverPromise.then((server) => Object.assign(server, { drips }));
}

/**
 * A server whose answer is `totalBytes` of JSON-looking filler, sent as fast as the client
 * reads it. `answers` tells per request how many bytes it wrote before the client hung up.
 */
function hugeAnswerServer({ totalBytes }) {
	const answers = [];
	const serverPromise = startServer((req, res) => {
		if (req.method === 'POST' && req.url.startsWith('/api/auth/login/')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ token: 'huge-token' }));
		}
		const answer = { bytes: 0, complete: false, closedAt: undefined };
		answers.push(answer);
		const chunk = Buffer.alloc(64 * 1024, 'a');
		res.writeHead(200, { 'content-type': 'application/json' });
		res.write('{"filler":"');
		answer.bytes += 11;
		const pump = () => {
			while (answer.bytes < totalBytes && !res.destroyed) {
				const ok = res.write(chunk);
				answer.bytes += chunk.length;
				if (!ok) return res.once('drain', pump);
			}
			if (!res.destroyed) {
				answer.complete = true;
				res.end('"}');
			}
		};
		res.on('close', () => (answer.closedAt = Date.now()));
		pump();
	});
	return serverPromise.then((server) => Object.assign(server, { answers }));
}

/**
 * An SML API (DRF, doc "Estructura de comunicación") whose lead list never ends: every page
 * has `pageSize` new leads and a `next`; `count` announces `announced` leads.
 */
function endlessSmlServer({ announced = 250, pageSize = 100 } = {}) {
	return startServer((req, res) => {
		res.setHeader('content-type', 'application/json');
		if (req.method === 'POST' && req.url.startsWith('/api/auth/login/'))
			return res.end(JSON.stringify({ token: 'endless-token' }));
		const url = new URL(req.url, 'http://x');
		const page = Number(url.searchParams.get('page') || '1');
		const results = Array.from({ length: pageSize }, (_, i) => ({
			id: (page - 1) * pageSize + i + 1,
			first_name: `Lead ${page}.${i}`,
		}));
		url.searchParams.set('page', String(page + 1));
		res.end(
			JSON.stringify({
				count: announced,
				next: `http://${req.headers.host}${url.pathname}${url.search}`,
				previous: null,
				results,
			}),
		);
	});
}

/** A PUBLITRAC API (doc "Syntaxe", getView) whose view never ends: 100 new leads a page, `paging` total `announced` (none if undefined). */
function endlessPublitracServer(options = {}) {
	const announced = 'announced' in options ? options.announced : 1_000_000_000;
	return startServer((req, res) => {
		const url = new URL(req.url, 'http://x');
		const page = Number(url.searchParams.get('page') || '1');
		const leads = Array.from(
			{ length: 100 },
			(_, i) =>
				`<lead><id>${(page - 1) * 100 + i + 1}</id><email>l${page}.${i}@example.com</email></lead>`,
		).join('');
		const total = announced === undefined ? '' : `<total>${announced}</total>`;
		res.writeHead(200, { 'content-type': 'application/xml' });
		res.end(
			`<?xml version="1.0" encoding="UTF-8"?>\n<response><status>2001</status><message>OK</message><paging><page>${page}</page><items>100</items><offset>${page * 100}</offset>${total}</paging><leads>${leads}</leads></response>`,
		);
	});
}

module.exports = {
	startServer,
	elsewhereServer,
	redirectingServer,
	drippingServer,
	hugeAnswerServer,
	endlessSmlServer,
	endlessPublitracServer,
};
