import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { parseAdfXml } from '../../../nodes/Pilot/helpers/adf';
import { runNode } from '../../helpers/context';
import { repoPath, xmllintDtdErrors } from '../../helpers/runtime';

const node = new Pilot();

const build = (
	additionalFields: Record<string, unknown>,
	adfOptions: Record<string, unknown> = {},
) =>
	runNode(node, {
		parameters: { resource: 'lead', operation: 'buildAdf', additionalFields, adfOptions },
		timezone: 'America/Argentina/Buenos_Aires',
	});

// Every tag of the doc's two ADF templates, in order (path of each element).
const TEMPLATE_TAGS = [
	'adf/prospect/requestdate',
	'adf/prospect/vehicle/id',
	'adf/prospect/vehicle/year',
	'adf/prospect/vehicle/brand',
	'adf/prospect/vehicle/make',
	'adf/prospect/vehicle/model',
	'adf/prospect/vehicle/vin',
	'adf/prospect/vehicle/stock',
	'adf/prospect/vehicle/trim',
	'adf/prospect/vehicle/price',
	'adf/prospect/customer/contact/name',
	'adf/prospect/customer/contact/name',
	'adf/prospect/customer/contact/name',
	'adf/prospect/customer/contact/email',
	'adf/prospect/customer/contact/phone',
	'adf/prospect/customer/contact/cellphone',
	'adf/prospect/customer/contact/international_phone',
	'adf/prospect/customer/contact/address/street',
	'adf/prospect/customer/contact/address/city',
	'adf/prospect/customer/contact/address/province',
	'adf/prospect/customer/contact/address/regioncode',
	'adf/prospect/customer/contact/address/postalcode',
	'adf/prospect/customer/contact/address/country',
	'adf/prospect/customer/comments',
	'adf/prospect/vendor/vendorname',
	'adf/prospect/vendor/contact/name',
	'adf/prospect/vendor/contact/email',
	'adf/prospect/vendor/contact/phone',
	'adf/prospect/provider/name',
	'adf/prospect/provider/service',
	'adf/prospect/provider/notification_email',
	'adf/prospect/provider/debug',
	'adf/prospect/provider/url',
	'adf/format/formtype',
	'adf/format/formversion',
	'adf/format/key',
];

function leafPaths(xml: string): string[] {
	const stack: string[] = [];
	const leaves: string[] = [];
	const re = /<(\/?)([a-z_]+)[^>]*?(\/?)>/g;
	let last = '';
	let m: RegExpExecArray | null;
	const body = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<\?[^>]*\?>/g, '');
	while ((m = re.exec(body))) {
		if (m[1]) {
			if (last === m[2]) leaves.push(stack.join('/'));
			stack.pop();
			last = '';
		} else {
			stack.push(m[2]);
			last = m[2];
		}
	}
	return leaves;
}

describe('Pilot lead:buildAdf', () => {
	it('builds the complete ADF document with every tag, blank when empty', async () => {
		const { output, error } = await build({
			pilot_firstname: 'Ana',
			pilot_email: 'ana@example.com',
		});
		expect(error).toBeUndefined();
		const adf = output[0].json.adf as string;
		expect(
			adf.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n<adf>'),
		).toBe(true);
		expect(leafPaths(adf)).toEqual(TEMPLATE_TAGS);
		expect(adf).toContain('<model></model>');
		expect(adf).toContain('<price type="asking"></price>');
		expect(adf).toContain('<formtype>pilot</formtype>');
		expect(adf).toContain('<formversion>1</formversion>');
		expect(adf).toContain('<key></key>');
		expect(adf).toContain('<debug>0</debug>');
		expect(adf).toMatch(/<requestdate>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}<\/requestdate>/);
	});

	it('maps the pilot_* fields to their ADF tags, comments in CDATA', async () => {
		const { output } = await build(
			{
				pilot_firstname: 'Ana',
				pilot_lastname: 'García',
				pilot_second_lastname: 'Ruiz',
				pilot_email: 'ana@example.com',
				pilot_phone: '1147899000',
				pilot_cellphone: '1160403456',
				pilot_car_brand: 'PEUGEOT',
				pilot_car_modelo: '207',
				pilot_address_street: 'Av. Corrientes',
				pilot_addresss_number: '1234',
				pilot_city: 'CABA',
				pilot_province: 'Buenos Aires',
				pilot_address_postal_code: 'C1043',
				pilot_country: 'Argentina',
				pilot_notes: "I'm interested in buying a Ford Fiesta",
				pilot_vendor_name: 'Concesionario Sur',
				pilot_vendor_email: 'ventas@sur.com',
				pilot_vendor_phone: '1140000000',
				pilot_provider_service: 'Landing Venta Ford Fiesta',
				pilot_provider_url: 'https://www.misitio.com/landing.php?a=1&b=2',
				notification_email: 'copy@example.com',
				debug: true,
			},
			{ providerName: 'proveedor de datos' },
		);
		const adf = output[0].json.adf as string;
		expect(adf).toContain('<name part="full">Ana García Ruiz</name>');
		expect(adf).toContain('<name part="first">Ana</name>');
		expect(adf).toContain('<name part="last">García Ruiz</name>');
		expect(adf).toContain('<brand>PEUGEOT</brand>');
		expect(adf).toContain('<make>PEUGEOT</make>');
		expect(adf).toContain('<street>Av. Corrientes 1234</street>');
		expect(adf).toContain(
			"<comments><![CDATA[I'm interested in buying a Ford Fiesta]]></comments>",
		);
		expect(adf).toContain('<url><![CDATA[https://www.misitio.com/landing.php?a=1&b=2]]></url>');
		expect(adf).toContain('<name>proveedor de datos</name>');
		expect(adf).toContain('<debug>1</debug>');
		expect(parseAdfXml(adf)).toMatchObject({
			pilot_firstname: 'Ana',
			pilot_lastname: 'García Ruiz',
			pilot_email: 'ana@example.com',
			pilot_car_brand: 'PEUGEOT',
			pilot_notes: "I'm interested in buying a Ford Fiesta",
			pilot_provider_url: 'https://www.misitio.com/landing.php?a=1&b=2',
			notification_email: 'copy@example.com',
		});
		expect(output[0].json.subject).toBe('New contact of Ana García');
	});

	it('escapes hostile values so the XML stays well-formed and the values come back exact', async () => {
		const hostile = `<script>&"'</script> ]]> 🚗 Ñ`;
		const { output } = await build({
			pilot_firstname: hostile,
			pilot_notes: hostile,
			pilot_city: 'a\u0001b',
		});
		const adf = output[0].json.adf as string;
		expect(adf).toContain(
			'<name part="first">&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt; ]]&gt; 🚗 Ñ</name>',
		);
		expect(adf).toContain(
			'<comments><![CDATA[<script>&"\'</script> ]]]]><![CDATA[> 🚗 Ñ]]></comments>',
		);
		const back = parseAdfXml(adf);
		expect(back).toBeDefined();
		expect(back!.pilot_firstname).toBe(hostile.trim());
		expect(back!.pilot_notes).toBe(hostile.trim());
		expect(back!.pilot_city).toBe('ab');
	});

	it('outputs the ADF as a binary attachment for the Send Email node', async () => {
		const { output } = await build(
			{ pilot_firstname: 'Ana' },
			{ binaryPropertyName: 'attachment', fileName: 'ana.xml', subject: 'Lead Ana' },
		);
		const binary = output[0].binary!.attachment;
		expect(binary.fileName).toBe('ana.xml');
		expect(binary.mimeType).toBe('application/xml');
		expect(Buffer.from(binary.data, 'base64').toString('utf8')).toBe(output[0].json.adf);
		expect(output[0].json.subject).toBe('Lead Ana');
	});

	it('tells the user to put the output\'s "adf" text in the plain-text body of Send Email, the file being an extra (Pilot reads the email itself as the ADF)', async () => {
		const { output } = await build({ pilot_firstname: 'Ana' });
		expect(String(output[0].json.adf)).toMatch(/^<\?xml[\s\S]*<adf>[\s\S]*<\/adf>\s*$/);
		const properties = node.description.properties;
		const operation = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('lead'),
		)!;
		const choice = (operation.options as Array<{ value: string; description?: string }>).find(
			(o) => o.value === 'buildAdf',
		)!;
		expect(choice.description).toMatch(/"adf" text in the plain-text body of a Send Email node/);
		const options = properties.find((p) => p.name === 'adfOptions')!.options as Array<{
			name: string;
			description?: string;
		}>;
		const said = (name: string) => options.find((o) => o.name === name)!.description!;
		expect(said('binaryPropertyName')).toMatch(
			/put the output's "adf" field in the plain-text body of the Send Email node/,
		);
		expect(said('binaryPropertyName')).toMatch(/also holds the ADF as a file, to attach if wanted/);
		expect(said('fileName')).toMatch(/the email itself is the ADF text, in its body/);
	});

	it('checks the emails it writes', async () => {
		const { error } = await build({ pilot_email: 'nope' });
		expect(error?.message).toMatch(/Email \(pilot_email\): "nope" is not a valid email address/);
	});
});

// The tags Pilot's doc adds to ADF 1.0 (doc "Email integration" templates), taken out before
// validating against ADF's DTD: <vehicle><brand>, <contact><cellphone> and
// <international_phone>, <address><province>, <provider><notification_email> and <debug>,
// and <adf><format> (formtype, formversion, key).
const PILOT_ADDED_TAGS = [
	'brand',
	'cellphone',
	'international_phone',
	'province',
	'notification_email',
	'debug',
	'format',
];
const DTD = repoPath('test', 'fixtures', 'adf', 'adf-1.0.dtd');

function withoutPilotTags(adf: string): string {
	let out = adf;
	for (const tag of PILOT_ADDED_TAGS)
		out = out.replace(
			new RegExp(`\\s*<${tag}(?:\\s[^>]*)?(?:/>|>[\\s\\S]*?</${tag}\\s*>)`, 'g'),
			'',
		);
	return out;
}

/** xmllint's verdict on the document against the ADF 1.0 DTD: '' when valid, its messages otherwise. */
function dtdErrors(xml: string): string {
	return xmllintDtdErrors(xml, DTD);
}

describe('Pilot lead:buildAdf against the ADF 1.0 DTD', () => {
	it('the validator refuses a document that breaks the DTD (so a pass means something)', () => {
		expect(
			dtdErrors(
				'<?xml version="1.0"?><adf><prospect><requestdate>x</requestdate></prospect></adf>',
			),
		).toMatch(/validity error/);
		// Pilot's own tags are not in ADF's DTD: left in, the document is not valid.
		expect(
			dtdErrors(
				'<?xml version="1.0"?><adf><prospect><requestdate>x</requestdate><vehicle><year/><brand/><make/><model/></vehicle><customer><contact><name/><email/></contact></customer><vendor><vendorname/><contact><name/><email/></contact></vendor></prospect></adf>',
			),
		).toMatch(/brand/);
	});

	it.each([
		[
			'a full lead',
			{
				pilot_firstname: 'Ana',
				pilot_lastname: 'García',
				pilot_second_lastname: 'Ruiz',
				pilot_email: 'ana@example.com',
				pilot_phone: '1147899000',
				pilot_cellphone: '1160403456',
				pilot_car_brand: 'PEUGEOT',
				pilot_car_modelo: '207',
				pilot_address_street: 'Av. Corrientes',
				pilot_addresss_number: '1234',
				pilot_city: 'CABA',
				pilot_province: 'Buenos Aires',
				pilot_address_postal_code: 'C1043',
				pilot_country: 'Argentina',
				pilot_notes: 'Quiero un <207> & más ]]> ya',
				pilot_vendor_name: 'Concesionario Sur',
				pilot_vendor_email: 'ventas@sur.com',
				pilot_vendor_phone: '1140000000',
				pilot_provider_service: 'Landing Venta',
				pilot_provider_url: 'https://www.misitio.com/landing.php?a=1&b=2',
				notification_email: 'copy@example.com',
				debug: true,
			},
		],
		[
			'a sparse lead (first name and phone only)',
			{ pilot_firstname: 'Ana', pilot_phone: '1147899000' },
		],
	])('outputs a document valid against the DTD, Pilot tags aside: %s', async (_name, fields) => {
		const { output, error } = await build(fields, { providerName: 'proveedor de datos' });
		expect(error).toBeUndefined();
		const adf = output[0].json.adf as string;
		const adfOnly = withoutPilotTags(adf);
		for (const tag of PILOT_ADDED_TAGS) expect(adfOnly).not.toContain(`<${tag}`);
		expect(dtdErrors(adfOnly)).toBe('');
	});
});
