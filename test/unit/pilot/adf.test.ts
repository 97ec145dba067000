import { looksLikeAdf, parseAdfDocument, parseAdfXml } from '../../../nodes/Pilot/helpers/adf';
import { pilotLead } from '../../../nodes/Pilot/helpers/commonLead';
import { toCommonLead } from '../../../nodes/shared/leadShape';
import { fs, isDeepStrictEqual, repoPath } from '../../helpers/runtime';
import { REAL, email, fixture, name, phone } from '../../fixtures/adf/expected';

// ADF documents of real senders (test/fixtures/adf/README.md gives where each comes from) and
// generated variants of the repeatable elements: each document must become one item holding
// every customer datum it carries.

const FIXTURES = repoPath('test', 'fixtures', 'adf');

// Every datum of each real document, as the trigger must emit it: test/fixtures/adf/expected.js,
// which the e2e test through a real n8n reads too.

describe('ADF documents of real senders', () => {
	it('covers every document of test/fixtures/adf', () => {
		expect(
			fs
				.readdirSync(FIXTURES)
				.filter((f) => f.endsWith('.xml'))
				.sort(),
		).toEqual(Object.keys(REAL).sort());
	});

	it.each(Object.entries(REAL))(
		'%s becomes one item with every customer datum',
		(file, expected) => {
			const text = fixture(file);
			expect(looksLikeAdf(text)).toBe(true);
			const items = parseAdfDocument(text);
			expect(items).toHaveLength(1);
			const item = items![0];
			for (const [key, value] of Object.entries(expected))
				expect({ [key]: item[key] }).toEqual({ [key]: value });
		},
	);

	it('Activix: the vehicle with every detail, the provider extensions kept', () => {
		const item = parseAdfXml(fixture('activix-crm.xml'))!;
		expect(item.adf_vehicles).toEqual([
			expect.objectContaining({
				interest: 'buy',
				status: 'new',
				year: '2020',
				make: 'Volvo',
				model: 'XC90',
				vin: '2GTEK19R7V1511644',
				stock: 'V12345',
				trim: 'R-Design',
				odometer: { value: '1500', status: 'original', units: 'km' },
				colorcombination: [
					{ interiorcolor: 'Red', exteriorcolor: 'Black', preference: '1' },
					{ interiorcolor: 'Black', exteriorcolor: 'Gray', preference: '2' },
				],
				price: { value: '59999.99', type: 'msrp', currency: 'CAD' },
				comments: 'Demo car',
			}),
		]);
		expect(item.adf_provider).toMatchObject({
			email: 'support@activix.ca',
			form: 'Financing request',
			referrer: 'Google',
			campaign: 'Red Tag Sale',
		});
	});

	it('the common lead shape (Simplify) still reads them', () => {
		const lead = toCommonLead(pilotLead, {
			submissionType: 'adf',
			...parseAdfXml(fixture('dealerspike-test-lead.xml')),
		});
		expect(lead).toMatchObject({
			firstName: 'test',
			lastName: 'test',
			email: 'test@dealerspike.com',
			phone: '8002885917',
			mobile: '8008675309',
		});
		const full = toCommonLead(pilotLead, {
			submissionType: 'adf',
			...parseAdfXml(fixture('pilot-doc-email-integration.xml')),
		});
		expect(full).toMatchObject({
			firstName: 'nombre',
			lastName: 'apellido',
			phone: '1147899000',
			mobile: '1160403456',
		});
	});
});

// --- Generated variants -------------------------------------------------------------------

interface PhoneSpec {
	value: string;
	type?: string;
	time?: string;
	preferred?: boolean;
}
interface VehicleSpec {
	interest?: string;
	year: string;
	make: string;
	model: string;
}
interface Variant {
	label: string;
	prolog: string;
	names: Array<{ part?: string; value: string }>;
	phones: PhoneSpec[];
	emails: Array<{ value: string; preferred?: boolean }>;
	vehicles: VehicleSpec[];
	ids: Array<{ sequence: string; source: string; value: string }>;
}

const PROLOGS: Array<[string, string]> = [
	[
		'XML declaration then <?adf?>',
		'<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n',
	],
	['<?adf?> then XML declaration', '<?adf version="1.0"?>\n<?xml version="1.0"?>\n'],
	['<?adf?> instead of the XML declaration', '<?adf version="1.0"?>\n'],
	['<?ADF VERSION "1.0"?> in capitals', '<?ADF VERSION "1.0"?>\n<?XML VERSION "1.0"?>\n'],
	['XML declaration only', '<?xml version="1.0"?>'],
	['neither, after a byte order mark and blank lines', '\uFEFF\n\n  '],
	[
		'an indented declaration and a comment',
		'\n  <?xml version="1.0"?>\n  <!-- lead 42 -->\n  <?adf version="1.0"?>\n',
	],
];

const PHONE_SETS: Array<[string, PhoneSpec[]]> = [
	['one phone without attributes', [{ value: '1147899000' }]],
	[
		'voice and cellphone',
		[
			{ value: '1147899000', type: 'voice', time: 'morning' },
			{ value: '1160403456', type: 'cellphone', time: 'evening', preferred: true },
		],
	],
	[
		'three: fax first, two voice, one pager',
		[
			{ value: '1140001111', type: 'fax' },
			{ value: '1147899000', type: 'voice', time: 'day' },
			{ value: '1147899001', time: 'afternoon' },
			{ value: '1140002222', type: 'pager' },
		],
	],
	[
		'cellphone only, then a blank voice line',
		[
			{ value: '1160403456', type: 'cellphone' },
			{ value: '', type: 'voice', time: 'day' },
		],
	],
];

const NAME_SETS: Array<[string, Variant['names']]> = [
	[
		'first and last',
		[
			{ part: 'first', value: 'Ana' },
			{ part: 'last', value: 'García Ruiz' },
		],
	],
	['full only', [{ part: 'full', value: 'Ana García Ruiz' }]],
	[
		'a name without part (the DTD default: full), then first and last',
		[
			{ value: 'Ana García Ruiz' },
			{ part: 'first', value: 'Ana' },
			{ part: 'last', value: 'García Ruiz' },
		],
	],
];

const EMAIL_SETS: Array<[string, Variant['emails']]> = [
	['one email', [{ value: 'ana@example.com' }]],
	[
		'two emails, the second preferred',
		[{ value: 'ana@example.com' }, { value: 'ana.work@example.org', preferred: true }],
	],
];

const VEHICLE_SETS: Array<[string, VehicleSpec[]]> = [
	[
		'one vehicle without interest (the DTD default: buy)',
		[{ year: '2024', make: 'Peugeot', model: '208' }],
	],
	[
		'trade-in first, then buy',
		[
			{ interest: 'trade-in', year: '2014', make: 'Honda', model: 'Civic' },
			{ interest: 'buy', year: '2024', make: 'Peugeot', model: '208' },
		],
	],
	[
		'buy, trade-in and test-drive',
		[
			{ interest: 'buy', year: '2024', make: 'Peugeot', model: '208' },
			{ interest: 'trade-in', year: '2014', make: 'Honda', model: 'Civic' },
			{ interest: 'test-drive', year: '2025', make: 'Renault', model: 'Clio' },
		],
	],
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function render(v: Variant): string {
	const attrs = (pairs: Array<[string, string | undefined]>) =>
		pairs
			.filter(([, val]) => val !== undefined)
			.map(([k, val]) => ` ${k}="${val}"`)
			.join('');
	return `${v.prolog}<adf>
<prospect status="new">
${v.ids.map((id) => `<id sequence="${id.sequence}" source="${id.source}">${id.value}</id>`).join('\n')}
<requestdate>2024-05-01T10:00:00-03:00</requestdate>
${v.vehicles.map((x) => `<vehicle${attrs([['interest', x.interest]])}><year>${x.year}</year><make>${x.make}</make><model>${x.model}</model></vehicle>`).join('\n')}
<customer>
<contact>
${v.names.map((n) => `<name${attrs([['part', n.part]])}>${esc(n.value)}</name>`).join('\n')}
${v.emails.map((e) => `<email${attrs([['preferredcontact', e.preferred ? '1' : undefined]])}>${e.value}</email>`).join('\n')}
${v.phones
	.map(
		(p) =>
			`<phone${attrs([
				['type', p.type],
				['time', p.time],
				['preferredcontact', p.preferred ? '1' : undefined],
			])}>${p.value}</phone>`,
	)
	.join('\n')}
<address><street line="1">Av. Corrientes 1234</street><street line="2">Piso 3</street><city>CABA</city><regioncode>C</regioncode><postalcode>C1043</postalcode><country>AR</country></address>
</contact>
<comments><![CDATA[Quiero un <208> & más]]></comments>
</customer>
<vendor><vendorname>Concesionario Sur</vendorname><contact><name part="full">Luis</name><email>luis@sur.com</email></contact></vendor>
<provider><name part="full">Autos.com</name><service>Landing</service></provider>
</prospect>
</adf>`;
}

const variants: Variant[] = [];
for (const [pl, prolog] of PROLOGS)
	for (const [ph, phones] of PHONE_SETS)
		for (const [nm, names] of NAME_SETS)
			for (const [em, emails] of EMAIL_SETS)
				for (const [vh, vehicles] of VEHICLE_SETS)
					variants.push({
						label: `${pl}; ${ph}; ${nm}; ${em}; ${vh}`,
						prolog,
						names,
						phones,
						emails,
						vehicles,
						ids: [
							{ sequence: '1', source: 'Autos.com', value: 'L-42' },
							{ sequence: '2', source: 'Dealer CRM', value: '9001' },
						],
					});

/** What the item must hold for a variant, datum by datum. */
function expectedOf(v: Variant): Record<string, unknown> {
	const phones = v.phones
		.filter((p) => p.value !== '')
		.map((p) => phone(p.value, p.type ?? 'voice', p.time ?? 'nopreference', p.preferred ?? false));
	const part = (p: string) => v.names.find((n) => (n.part ?? 'full') === p)?.value;
	const wanted = v.vehicles.find((x) => x.interest !== 'trade-in');
	const voice = phones.find((p) => !['cellphone', 'fax', 'pager'].includes(p.type));
	return {
		requestdate: '2024-05-01T10:00:00-03:00',
		pilot_firstname: part('first'),
		pilot_lastname: part('last'),
		pilot_fullname: part('full'),
		pilot_email: v.emails[0].value,
		pilot_phone: voice?.value,
		pilot_cellphone: phones.find((p) => p.type === 'cellphone')?.value,
		adf_phones: phones,
		adf_emails: v.emails.map((e) => email(e.value, e.preferred ?? false)),
		adf_names: v.names.map((n) => name(n.value, n.part ?? 'full')),
		adf_ids: v.ids.map((id) => ({ ...id, of: 'prospect' })),
		pilot_car_brand: wanted?.make,
		pilot_car_modelo: wanted?.model,
		adf_vehicles: v.vehicles.map((x) => ({
			year: x.year,
			make: x.make,
			model: x.model,
			...(x.interest ? { interest: x.interest } : {}),
		})),
		pilot_address_street: 'Av. Corrientes 1234, Piso 3',
		pilot_city: 'CABA',
		pilot_province: 'C',
		pilot_address_postal_code: 'C1043',
		pilot_country: 'AR',
		pilot_notes: 'Quiero un <208> & más',
		pilot_vendor_name: 'Concesionario Sur',
		pilot_vendor_email: 'luis@sur.com',
		provider_name: 'Autos.com',
		pilot_provider_service: 'Landing',
	};
}

describe(`ADF generated variants (${variants.length} documents)`, () => {
	it('each becomes one item holding every customer datum', () => {
		const wrong: string[] = [];
		for (const v of variants) {
			const xml = render(v);
			const items = parseAdfDocument(xml);
			if (!looksLikeAdf(xml)) wrong.push(`${v.label}: not recognised as ADF`);
			if (!items || items.length !== 1) {
				wrong.push(`${v.label}: ${items ? items.length : 'no'} items`);
				continue;
			}
			for (const [key, value] of Object.entries(expectedOf(v))) {
				const got = items[0][key];
				if (!isDeepStrictEqual(got, value))
					wrong.push(
						`${v.label}: ${key} = ${JSON.stringify(got)}, expected ${JSON.stringify(value)}`,
					);
			}
		}
		expect(wrong.slice(0, 20)).toEqual([]);
	});

	it('two phones: the first voice phone is pilot_phone, the cellphone pilot_cellphone, both listed with type and time', () => {
		// The defect of issue 19: a contact with two or three <phone> gave no phone at all.
		const v = variants.find((x) => x.phones === PHONE_SETS[1][1])!;
		expect(parseAdfXml(render(v))).toMatchObject({
			pilot_phone: '1147899000',
			pilot_cellphone: '1160403456',
			adf_phones: [
				phone('1147899000', 'voice', 'morning'),
				phone('1160403456', 'cellphone', 'evening', true),
			],
		});
	});

	it('a document with two prospects gives two items, each with its own customer and the document key', () => {
		const one =
			'<prospect><customer><contact><name part="first">Ana</name><phone>1</phone><phone type="cellphone">2</phone></contact></customer></prospect>';
		const two =
			'<prospect><customer><contact><name part="first">Luis</name><email>luis@x.com</email></contact></customer></prospect>';
		const items = parseAdfDocument(
			`<?adf version="1.0"?><adf>${one}${two}<format><key>K</key></format></adf>`,
		);
		expect(items).toEqual([
			{
				pilot_firstname: 'Ana',
				pilot_phone: '1',
				pilot_cellphone: '2',
				key: 'K',
				adf_phones: [phone('1', 'voice'), phone('2', 'cellphone')],
				adf_names: [name('Ana', 'first')],
			},
			{
				pilot_firstname: 'Luis',
				pilot_email: 'luis@x.com',
				key: 'K',
				adf_emails: [email('luis@x.com')],
				adf_names: [name('Luis', 'first')],
			},
		]);
	});

	it('decodes numeric character references: Montr&#xE9;al, O&#039;Brien', () => {
		const prospect =
			'<prospect><customer><contact><name part="first">O&#039;Brien</name><name part="last">L&#xE9;a &amp;#233;</name>' +
			'<address><city>Montr&#xE9;al</city></address></contact></customer></prospect>';
		expect(
			parseAdfXml(`<?xml version="1.0"?><?adf version="1.0"?><adf>${prospect}</adf>`),
		).toMatchObject({
			pilot_firstname: "O'Brien",
			pilot_lastname: 'Léa &#233;',
			pilot_city: 'Montréal',
		});
	});

	it('is not fooled by what is not ADF', () => {
		for (const text of [
			'',
			'pilot_firstname=Ana',
			'<?xml version="1.0"?><lead/>',
			'<adfx/>',
			'<adf><prospect>',
		])
			expect(parseAdfDocument(text)).toBeUndefined();
		expect(looksLikeAdf('pilot_firstname=<adf>')).toBe(false);
		expect(looksLikeAdf('<?adf version="1.0"?>\r\n<adf>')).toBe(true);
	});
});
