'use strict';
// ADF documents of real lead providers and dealer CRMs (test/fixtures/adf/README.md gives where
// each comes from), and generated variants, posted to the Pilot Solution Trigger of a real n8n
// installed from the packed tarball: each document must become one item (one per <prospect>)
// holding every customer datum it carries, whatever content type the sender gives it.
const { after, before, describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { N8nInstance, PACKAGE_NAME, postWhenRegistered, recordedTriggerWorkflow, recordingServer, request } = require('../helpers/n8n');

const PILOT_TRIGGER = `${PACKAGE_NAME}.pilotTrigger`;
const FIXTURES = join(__dirname, '../fixtures/adf');
const fixture = (file) => readFileSync(join(FIXTURES, file), 'utf8');

const phone = (value, type, time = 'nopreference') => ({ value, type, time, preferred: false });

// Per document: its content type as a sender would give it, and the customer data the item must hold.
const REAL = [
	{
		file: 'activix-crm.xml',
		contentType: 'application/xml',
		expect: {
			pilot_firstname: 'Test',
			pilot_lastname: 'Activix 2',
			pilot_email: 'test@activix.ca',
			pilot_phone: '+14382881008',
			pilot_cellphone: '+14382881008',
			adf_phones: [phone('+14382881008', 'phone', 'day'), phone('+14382881008', 'phone', 'evening'), phone('+14382881008', 'cellphone')],
			pilot_car_brand: 'Volvo',
			pilot_car_modelo: 'XC90',
			pilot_address_postal_code: 'J1B2N3',
			pilot_notes: 'Can you deliver the car to my house?',
		},
	},
	{
		file: 'pilot-doc-email-integration.xml',
		contentType: 'text/xml; charset=utf-8',
		expect: {
			pilot_fullname: 'nombre completo del prospecto',
			pilot_firstname: 'nombre',
			pilot_lastname: 'apellido',
			pilot_email: 'mail@domionio.com',
			pilot_phone: '1147899000',
			pilot_cellphone: '1160403456',
			adf_phones: [phone('1147899000', 'voice'), phone('1160403456', 'cellphone')],
			pilot_car_brand: 'PEUGEOT',
			pilot_province: 'Buenos Aires',
		},
	},
	{
		// An e-mail body forwarded as plain text, the ADF instruction in capitals, no XML declaration.
		file: 'dealerspike-test-lead.xml',
		contentType: 'text/plain',
		expect: {
			pilot_firstname: 'test',
			pilot_email: 'test@dealerspike.com',
			pilot_phone: '8002885917',
			pilot_cellphone: '8008675309',
			adf_phones: [phone('8002885917', 'voice', 'evening'), phone('8008675309', 'cellphone')],
			pilot_car_modelo: 'i-Go G256BH',
			pilot_notes: 'This is a Dealerspike Test',
		},
	},
	{
		file: 'motomate123-coupon-lead.xml',
		contentType: 'application/xml',
		expect: {
			pilot_firstname: 'David',
			pilot_lastname: 'Money',
			pilot_email: 'cavertn@gmail.com',
			pilot_cellphone: '2567149042',
			adf_phones: [phone('2567149042', 'cellphone')],
			adf_ids: [{ value: '69b0b744863abac139405c27', sequence: '1', source: 'MotoMate123', of: 'prospect' }],
		},
	},
	{
		file: 'harley-davidson-prequal.xml',
		contentType: 'application/xml',
		expect: {
			pilot_firstname: 'Matthew',
			pilot_lastname: 'Murphree',
			pilot_email: 'matthewmurphree1@gmail.com',
			pilot_phone: '8702600364',
			adf_phones: [phone('8702600364', 'voice', 'day')],
			pilot_address_street: '412 N Center St',
			pilot_city: 'Alpine',
			pilot_car_modelo: 'Nightster',
		},
	},
];

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
				adf_phones: [phone('1140001111', 'fax'), phone('1147899000', 'voice', 'morning'), phone('1160403456', 'cellphone', 'evening')],
				pilot_car_brand: 'Peugeot',
			},
		],
	},
	{
		label: 'a trade-in and the vehicle wanted, a full name only, <?adf?> instead of the XML declaration',
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
			{ pilot_firstname: 'Uno', pilot_phone: '1', pilot_cellphone: '2', adf_phones: [phone('1', 'voice'), phone('2', 'cellphone')] },
			{ pilot_firstname: 'Dos', pilot_email: 'dos@example.com' },
		],
	},
];

describe(`ADF documents of real senders through the Pilot Trigger, n8n ${process.env.E2E_N8N_MAJOR || 2}.x`, () => {
	let n8n;
	let recorder;
	let hook;

	before(async () => {
		recorder = await recordingServer();
		n8n = new N8nInstance();
		await n8n.importCredentials([{ id: 'pilotAdf', name: 'Pilot', type: 'pilotApi', data: { appKey: 'unused-key', baseUrl: 'http://127.0.0.1:9' } }]);
		await n8n.importWorkflows([
			recordedTriggerWorkflow(
				'e2eAdfSenders',
				'pilot trigger, ADF of real senders',
				{
					name: 'Pilot Trigger',
					type: PILOT_TRIGGER,
					webhookId: 'e2e-adf-senders',
					credentials: { pilotApi: { id: 'pilotAdf', name: 'Pilot' } },
					// Real senders' documents carry no Pilot app key.
					parameters: { path: 'adf', checkAppKey: false },
				},
				`${recorder.url}/emitted`,
			),
		]);
		await n8n.activate('e2eAdfSenders');
		await n8n.start();
		hook = `${n8n.url}/webhook/e2e-adf-senders/adf`;
		await postWhenRegistered(hook);
	});

	after(async () => {
		await n8n?.stop();
		n8n?.cleanup();
		await recorder?.close();
	});

	/** Posts one document; returns n8n's answer and the items the workflow emitted for it. */
	async function post(contentType, body, items) {
		const before = recorder.received.length;
		const r = await request('POST', hook, { headers: { 'content-type': contentType }, body });
		if (r.status !== 200) return { r, emitted: [] };
		const received = await recorder.waitFor(before + items);
		// Let a wrongly extra item arrive before counting.
		await new Promise((r2) => setTimeout(r2, 300));
		return { r, emitted: received.slice(before).map((e) => e.body), extra: recorder.received.length - before - items };
	}

	/** The expected data the item lacks or holds differently, one line each. */
	const missing = (item, expected) =>
		Object.entries(expected)
			.filter(([key, value]) => !isDeepStrictEqual(item[key], value))
			.map(([key, value]) => `${key}: got ${JSON.stringify(item[key])}, expected ${JSON.stringify(value)}`);

	for (const doc of REAL) {
		it(`${doc.file} (${doc.contentType}): one item with every customer datum`, async () => {
			const { r, emitted, extra } = await post(doc.contentType, fixture(doc.file), 1);
			assert.equal(r.status, 200, r.text);
			assert.deepEqual(r.json.data, { message: '(n8n) 1 submission received.', success: true, count: 1 });
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
			v.expect.forEach((expected, n) => assert.deepEqual(missing(emitted[n], expected), [], `item ${n + 1}`));
		});
	}
});
