'use strict';
// ADF documents of real lead providers and dealer CRMs (test/fixtures/adf/README.md gives where
// each comes from), and generated variants, posted to the Pilot Solution Trigger of a real n8n
// installed from the packed tarball: each document must become one item (one per <prospect>)
// holding every customer datum it carries, whatever content type the sender gives it.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { isDeepStrictEqual } = require('node:util');
const { REAL: REAL_DATA, CONTENT_TYPES, fixture, phone } = require('../fixtures/adf/expected');
const { startPilotTriggerHook } = require('./pilotTriggerHook');

// Per document: its content type as a sender would give it, and every customer datum the item
// must hold (test/fixtures/adf/expected.js, the same data the parser's unit test checks).
const REAL = Object.entries(REAL_DATA).map(([file, expect]) => ({
	file,
	contentType: CONTENT_TYPES[file],
	expect,
}));

// Generated variants: the repeatable elements and the prolog forms real senders use.
const contact = (inner) => `<customer><contact>${inner}</contact></customer>`;
const VARIANTS = [
	{
		label: 'three phones with types and times, two emails, <?adf?> before the XML declaration',
		contentType: 'application/xml',
		body: `<?adf version="1.0"?>\n<?xml version="1.0"?>\n<adf><prospect><requestdate>2024-05-01</requestdate><vehicle><year>2024</year><make>Peugeot</make><model>208</model></vehicle>${contact(
			'<name part="first">Ana</name><name part="last">García</name><email>ana@example.com</email><email preferredcontact="1">ana.work@example.org</email><phone type="fax">1140001111</phone><phone type="voice" time="morning">1147899000</phone><phone type="cellphone" time="evening">1160403456</phone>',
		)}<vendor><vendorname>Sur</vendorname><contact><name>Luis</name><email>l@sur.com</email></contact></vendor></prospect></adf>`,
		expect: [
			{
				pilot_firstname: 'Ana',
				pilot_lastname: 'García',
				pilot_email: 'ana@example.com',
				adf_emails: [
					{ value: 'ana@example.com', preferred: false },
					{ value: 'ana.work@example.org', preferred: true },
				],
				pilot_phone: '1147899000',
				pilot_cellphone: '1160403456',
				adf_phones: [
					phone('1140001111', 'fax'),
					phone('1147899000', 'voice', 'morning'),
					phone('1160403456', 'cellphone', 'evening'),
				],
				pilot_car_brand: 'Peugeot',
			},
		],
	},
	{
		label:
			'a trade-in and the vehicle wanted, a full name only, <?adf?> instead of the XML declaration',
		contentType: 'text/plain',
		body: `<?adf version="1.0"?>\n<adf><prospect><vehicle interest="trade-in"><year>2014</year><make>Honda</make><model>Civic</model></vehicle><vehicle interest="buy"><year>2024</year><make>Peugeot</make><model>208</model></vehicle>${contact(
			'<name part="full">Ana García Ruiz</name><phone>1147899000</phone>',
		)}</prospect></adf>`,
		expect: [
			{
				pilot_fullname: 'Ana García Ruiz',
				pilot_phone: '1147899000',
				pilot_car_brand: 'Peugeot',
				pilot_car_modelo: '208',
				adf_vehicles: [
					{ year: '2014', make: 'Honda', model: 'Civic', interest: 'trade-in' },
					{ year: '2024', make: 'Peugeot', model: '208', interest: 'buy' },
				],
			},
		],
	},
	{
		label: 'two prospects in one document: two items',
		contentType: 'application/xml',
		body: `<?xml version="1.0"?><adf><prospect>${contact('<name part="first">Uno</name><phone>1</phone><phone type="cellphone">2</phone>')}</prospect><prospect>${contact(
			'<name part="first">Dos</name><email>dos@example.com</email>',
		)}</prospect></adf>`,
		expect: [
			{
				pilot_firstname: 'Uno',
				pilot_phone: '1',
				pilot_cellphone: '2',
				adf_phones: [phone('1', 'voice'), phone('2', 'cellphone')],
			},
			{ pilot_firstname: 'Dos', pilot_email: 'dos@example.com' },
		],
	},
];

describe(`ADF documents of real senders through the Pilot Trigger, n8n ${process.env.E2E_N8N_MAJOR || 2}.x`, () => {
	let trigger;
	const post = (...args) => trigger.post(...args);

	before(async () => {
		trigger = await startPilotTriggerHook({
			id: 'e2eAdfSenders',
			name: 'pilot trigger, ADF of real senders',
			webhookId: 'e2e-adf-senders',
			path: 'adf',
			credential: {
				id: 'pilotAdf',
				name: 'Pilot',
				data: { appKey: 'unused-key', baseUrl: 'http://127.0.0.1:9' },
			},
			// Real senders' documents carry no Pilot app key.
			parameters: { checkAppKey: false },
		});
	});

	after(async () => {
		await trigger?.stop();
	});

	/** The expected data the item lacks or holds differently, one line each. */
	const missing = (item, expected) =>
		Object.entries(expected)
			.filter(([key, value]) => !isDeepStrictEqual(item[key], value))
			.map(
				([key, value]) =>
					`${key}: got ${JSON.stringify(item[key])}, expected ${JSON.stringify(value)}`,
			);

	for (const doc of REAL) {
		it(`${doc.file} (${doc.contentType}): one item with every customer datum`, async () => {
			const { r, emitted, extra } = await post(doc.contentType, fixture(doc.file), 1);
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json.data, {
				message: '(n8n) 1 submission received.',
				success: true,
				count: 1,
			});
			assert.equal(extra, 0, 'no second item');
			assert.equal(emitted[0].submissionType, 'adf');
			assert.deepEqual(missing(emitted[0], doc.expect), []);
		});
	}

	for (const v of VARIANTS) {
		it(`generated: ${v.label}`, async () => {
			const { r, emitted, extra } = await post(v.contentType, v.body, v.expect.length);
			assert.equal(r.status, 200, r.text);
			assert.equal(r.json.data.count, v.expect.length);
			assert.equal(extra, 0, 'no extra item');
			v.expect.forEach((expected, n) =>
				assert.deepEqual(missing(emitted[n], expected), [], `item ${n + 1}`),
			);
		});
	}
});
