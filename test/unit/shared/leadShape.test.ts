// The common lead shape of "Simplify" (nodes/shared/leadShape.ts): one mapper per CRM, fed with
// records as the vendor docs and the nodes give them (full, sparse, hostile), and the one
// Simplify parameter offered exactly by the operations and triggers whose items are people.
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { DataPlatform } from '../../../nodes/DataPlatform/DataPlatform.node';
import { DataPlatformTrigger } from '../../../nodes/DataPlatform/DataPlatformTrigger.node';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { PilotTrigger } from '../../../nodes/Pilot/PilotTrigger.node';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { dataPlatformLead } from '../../../nodes/DataPlatform/helpers/commonLead';
import { econtractLead } from '../../../nodes/Econtract/helpers/commonLead';
import { pilotLead } from '../../../nodes/Pilot/helpers/commonLead';
import { publitracLead } from '../../../nodes/Publitrac/helpers/commonLead';
import * as leadShape from '../../../nodes/shared/leadShape';
import { simplifyField } from '../../../nodes/shared/leadShape';
import type { CommonLead, LeadMapper } from '../../../nodes/shared/leadShape';
import { smlLead } from '../../../nodes/Sml/helpers/commonLead';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';

// Each CRM owns its mapper (nodes/<Crm>/helpers/commonLead.ts); the shared shape applies it.
const MAPPERS = {
	pilot: pilotLead,
	publitrac: publitracLead,
	sml: smlLead,
	econtract: econtractLead,
	dataPlatform: dataPlatformLead,
} satisfies Record<string, LeadMapper>;
type LeadCrm = keyof typeof MAPPERS;
const toCommonLead = (crm: LeadCrm, record: IDataObject) =>
	leadShape.toCommonLead(MAPPERS[crm], record);
const simplifyRecords = (simplify: boolean, crm: LeadCrm, records: IDataObject[]) =>
	leadShape.simplifyRecords(simplify, MAPPERS[crm], records);

// At most ten fields, no copy of the record: the record itself is what Simplify off gives.
const KEYS = [
	'id',
	'firstName',
	'lastName',
	'email',
	'phone',
	'mobile',
	'company',
	'postalCode',
	'city',
	'country',
];

/** The expected lead of a record of `_crm`: '' for every key not given. */
function lead(_crm: LeadCrm, _record: IDataObject, given: Partial<CommonLead>): CommonLead {
	const blank = {
		id: '',
		firstName: '',
		lastName: '',
		email: '',
		phone: '',
		mobile: '',
		company: '',
		postalCode: '',
		city: '',
		country: '',
	};
	return { ...blank, ...given };
}

/** Checks the exact value and the key order (toEqual ignores the order). */
function expectLead(actual: CommonLead, expected: CommonLead) {
	expect(actual).toEqual(expected);
	expect(Object.keys(actual)).toEqual(KEYS);
}

describe('the common lead shape', () => {
	it.each<LeadCrm>(['pilot', 'publitrac', 'sml', 'econtract', 'dataPlatform'])(
		'%s: an empty record gives every key, in order, as ""',
		(crm) => {
			expectLead(toCommonLead(crm, {}), lead(crm, {}, {}));
		},
	);

	it('leaves the record untouched and carries no copy of it (no raw)', () => {
		const record = { id: '7', firstName: ' Ann ', nested: { deep: [1, 2] } };
		const before = JSON.parse(JSON.stringify(record));
		const out = toCommonLead('publitrac', record);
		expect(out).not.toHaveProperty('raw');
		expect(record).toEqual(before);
		expect(out.firstName).toBe('Ann');
	});

	it('is not applied when Simplify is off: the same records come back', () => {
		const records = [{ id: '1' }, { id: '2' }];
		expect(simplifyRecords(false, 'publitrac', records)).toBe(records);
		expect(simplifyRecords(true, 'publitrac', records).map((r) => r.id)).toEqual(['1', '2']);
	});

	it('survives a record that is not an object', () => {
		expectLead(toCommonLead('sml', null as unknown as IDataObject), lead('sml', {}, {}));
		expectLead(
			toCommonLead('econtract', ['x'] as unknown as IDataObject),
			lead('econtract', {}, {}),
		);
	});
});

describe('PUBLITRAC mapper (doc "Get lead" <lead>)', () => {
	it('maps the doc example lead', () => {
		// doc "Get lead by external id" answer, as the XML parser gives it (strings).
		const record = {
			id: '26005',
			firstName: 'John',
			lastName: 'Smith',
			middleName: '',
			company: 'PUBLITRAC',
			phone: '514-555-2149',
			email: 'johnsmith@publitrac.com',
			mailingAddress: '123 Street',
			originalSource: 'New Lead',
			originalSourceType: 'Manual',
			postalCode: 'J4W 1Z1',
			country: 'Canada',
			city: 'Montreal',
			state: 'Quebec',
			mobile: '514-555-0000',
			crmLeadId: '',
			someCustomField: 'custom value',
		};
		expectLead(
			toCommonLead('publitrac', record),
			lead('publitrac', record, {
				id: '26005',
				firstName: 'John',
				lastName: 'Smith',
				email: 'johnsmith@publitrac.com',
				phone: '514-555-2149',
				mobile: '514-555-0000',
				company: 'PUBLITRAC',
				postalCode: 'J4W 1Z1',
				city: 'Montreal',
				country: 'Canada',
			}),
		);
	});

	it('maps a sparse lead', () => {
		const record = { id: '9', email: 'a@acme.com', originalSource: '', leadSource: 'Salon 2024' };
		expectLead(
			toCommonLead('publitrac', record),
			lead('publitrac', record, { id: '9', email: 'a@acme.com' }),
		);
	});

	it('turns hostile values into text or ""', () => {
		const record = {
			id: 470,
			firstName: null,
			lastName: { '#text': 'Smith', '@_lang': 'en' },
			email: ['a@acme.com', 'b@acme.com'],
			phone: '  555-2149 \n',
			mobile: true,
			company: 42,
			city: Number.NaN,
			originalSource: undefined,
		} as unknown as IDataObject;
		expectLead(
			toCommonLead('publitrac', record),
			lead('publitrac', record, { id: '470', phone: '555-2149', company: '42' }),
		);
	});
});

describe('SML mapper (doc "Consultar Lead", "Buscar clientes")', () => {
	const client = {
		id: 500,
		name: 'Cliente de Ejemplo',
		phone: '666777888',
		email: 'user@example.com',
		province: 638,
		province_data: { id: 638, country: 28, name: 'Madrid', status: true },
		location: 58323,
		location_data: { id: 58323, province: 638, name: 'Alcalá de Henares', status: true },
	};

	it('maps a lead: its nested client', () => {
		const record = {
			id: 984,
			client,
			vehicle: { id: 1036, brand_model: 'Seat León' },
			status: 'new',
			source: 1,
			source_data: {
				id: 1,
				channel: 1,
				channel_data: { id: 1, slug: 'phone', name: 'Teléfono' },
				data: '666666666',
				origin: 2,
				origin_data: { id: 2, name: 'coches.net' },
			},
		};
		expectLead(
			toCommonLead('sml', record),
			lead('sml', record, {
				id: '984',
				lastName: 'Cliente de Ejemplo',
				email: 'user@example.com',
				phone: '666777888',
				city: 'Alcalá de Henares',
			}),
		);
	});

	it('maps a trigger item (event + lead) the same way', () => {
		const record = {
			event: 'statusChanged',
			previousStatus: 'new',
			id: 990,
			client: { ...client, province_data: null, location_data: null },
			source: 2,
		};
		expectLead(
			toCommonLead('sml', record),
			lead('sml', record, {
				id: '990',
				lastName: 'Cliente de Ejemplo',
				email: 'user@example.com',
				phone: '666777888',
			}),
		);
	});

	it('maps the minimal lead of the doc (client null): the lead id only', () => {
		const record = {
			id: 984,
			client: null,
			vehicle: { id: 1036, brand_model: 'Marca y modelo de ejemplo' },
			source: 1,
		};
		expectLead(toCommonLead('sml', record), lead('sml', record, { id: '984' }));
	});

	it('maps a client of "Buscar clientes"', () => {
		expectLead(
			toCommonLead('sml', client),
			lead('sml', client, {
				id: '500',
				lastName: 'Cliente de Ejemplo',
				email: 'user@example.com',
				phone: '666777888',
				city: 'Alcalá de Henares',
			}),
		);
	});

	it('turns hostile values into text or ""', () => {
		const record = {
			id: null,
			client: {
				name: ['Ana'],
				phone: 600111222,
				email: { value: 'x@y.es' },
				province_data: 'Madrid',
				location_data: { name: null },
			},
			source: { id: 1 },
			source_data: { origin_data: { name: 5 }, channel_data: null },
		} as unknown as IDataObject;
		expectLead(toCommonLead('sml', record), lead('sml', record, { phone: '600111222' }));
	});
});

describe('Econtract mapper (doc "Create client", "Create lead", orders)', () => {
	it('maps a client: landline is the phone, cellphone the mobile', () => {
		const record = {
			id: 101,
			gender: 1,
			segment: 1,
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			cellphone: '0499656565',
			landline: '011223344',
			company: 'Doe & Zonen',
			language: 'nl',
		};
		expectLead(
			toCommonLead('econtract', record),
			lead('econtract', record, {
				id: '101',
				firstName: 'John',
				lastName: 'Doe',
				email: 'john.doe@server.com',
				phone: '011223344',
				mobile: '0499656565',
				company: 'Doe & Zonen',
			}),
		);
	});

	it('maps a client with a single name and nested addresses', () => {
		const record = {
			id: 102,
			name: 'Jan Peeters',
			email: 'jan@x.be',
			addresses: [
				{
					id: 201,
					street: 'Street 02',
					nr: 10,
					box: 'B',
					postal_code: 3500,
					city: 'Hasselt',
					country: 'BE',
				},
			],
		};
		expectLead(
			toCommonLead('econtract', record),
			lead('econtract', record, {
				id: '102',
				lastName: 'Jan Peeters',
				email: 'jan@x.be',
				postalCode: '3500',
				city: 'Hasselt',
				country: 'BE',
			}),
		);
	});

	it('maps a lead: address_* fields, phone of a call-me-back', () => {
		const record = {
			id: 501,
			lead_type: 'call_me_back',
			first_name: 'John',
			last_name: 'Doe',
			email: 'john.doe@server.com',
			phone: '0499656565',
			affiliate_id: 6,
			address_street: 'SomeStreet',
			address_nr: 10,
			address_box: '',
			address_postal_code: 1234,
			address_city: 'SomeCity',
			address_country: 'BE',
		};
		expectLead(
			toCommonLead('econtract', record),
			lead('econtract', record, {
				id: '501',
				firstName: 'John',
				lastName: 'Doe',
				email: 'john.doe@server.com',
				phone: '0499656565',
				postalCode: '1234',
				city: 'SomeCity',
				country: 'BE',
			}),
		);
	});

	it('maps an order: its client becomes the lead, id is the client id', () => {
		const record = {
			id: 401,
			comparison_id: '2',
			affiliate_id: '50',
			client_id: 101,
			address_id: 201,
			client: {
				id: 101,
				first_name: 'John',
				last_name: 'Doe',
				email: 'c2@x.be',
				cellphone: '0499656565',
				landline: '',
			},
			address: {
				id: 201,
				client_id: 101,
				street: 'Street 02',
				nr: '10',
				postal_code: '3500',
				city: 'Hasselt',
				country: 'BE',
			},
		};
		expectLead(
			toCommonLead('econtract', record),
			lead('econtract', record, {
				id: '101',
				firstName: 'John',
				lastName: 'Doe',
				email: 'c2@x.be',
				mobile: '0499656565',
				postalCode: '3500',
				city: 'Hasselt',
				country: 'BE',
			}),
		);
	});

	it("maps an order whose client comes flat as client_* (the doc's create-order names)", () => {
		const record = {
			id: 402,
			client_id: 103,
			client_first_name: 'Eva',
			client_last_name: 'Claes',
			client_email: 'eva@x.be',
			address_street: 'Kerkstraat',
			address_nr: 3,
			address_postal_code: '9000',
			address_city: 'Gent',
			address_country: 'BE',
			affiliate_id: 50,
		};
		expectLead(
			toCommonLead('econtract', record),
			lead('econtract', record, {
				id: '103',
				firstName: 'Eva',
				lastName: 'Claes',
				email: 'eva@x.be',
				postalCode: '9000',
				city: 'Gent',
				country: 'BE',
			}),
		);
	});

	it('turns hostile values into text or ""', () => {
		const record = {
			id: undefined,
			first_name: 12,
			last_name: null,
			name: 'ignored when first_name is given',
			email: { address: 'x@y.be' },
			cellphone: ['0499'],
			landline: '   ',
			address: { street: { name: 'x' }, nr: null, postal_code: 3500.5, country: false },
		} as unknown as IDataObject;
		expectLead(
			toCommonLead('econtract', record),
			lead('econtract', record, { firstName: '12', postalCode: '3500.5' }),
		);
	});
});

describe('CRM Data Platform mapper (doc 2.2.1-2.2.4, trigger items)', () => {
	it('maps the add-lead sample of doc 2.2.2', () => {
		const record = {
			senderUser: 'huy.nguyenviet@htklabs.com',
			actionType: 'add-lead',
			data: {
				type: 0,
				name: 'Huy',
				lastname: 'Nguyen',
				emails: [{ value: 'huy.nguyen@htklabs.com' }],
				phones: [{ value: '01234567890' }],
				addresses: [
					{
						street: '58 Ton That Dam',
						city: 'Da Nang',
						state: 'Thanh Khe',
						zip: '5100000',
						country: 'VN',
					},
				],
				tag: 'webhook',
				contactId: '1234567897',
				companyLead: 'GOOGLE',
			},
		};
		expectLead(
			toCommonLead('dataPlatform', record),
			lead('dataPlatform', record, {
				firstName: 'Huy',
				lastName: 'Nguyen',
				email: 'huy.nguyen@htklabs.com',
				phone: '01234567890',
				company: 'GOOGLE',
				postalCode: '5100000',
				city: 'Da Nang',
				country: 'VN',
			}),
		);
	});

	it('maps an update-contact: customerId, Mobile vs other phones, the company contact, a country object', () => {
		const record = {
			senderUser: 's@x.vn',
			actionType: 'update-contact',
			data: {
				name: 'Huy',
				lastname: 'Nguyen Viet',
				customerId: 'PID-678',
				emails: [
					{ type: 'Work', value: '' },
					{ type: 'Home', value: 'huy@home.vn' },
				],
				phones: [
					{ type: 'Mobile', value: '0905000001' },
					{ type: 'Work', value: '0905000002' },
					{ type: 'MOBILE', value: '0905000003' },
				],
				addresses: [
					{
						type: 'Home',
						street: '1 Le Loi',
						city: 'Hue',
						country: { code: 'VN', name: 'Viet Nam' },
					},
				],
				companyContact: { customerId: 'CID-123', name: 'GOOGLE' },
			},
		};
		expectLead(
			toCommonLead('dataPlatform', record),
			lead('dataPlatform', record, {
				id: 'PID-678',
				firstName: 'Huy',
				lastName: 'Nguyen Viet',
				email: 'huy@home.vn',
				phone: '0905000002',
				mobile: '0905000001',
				company: 'GOOGLE',
				city: 'Hue',
				country: 'Viet Nam',
			}),
		);
	});

	it('maps an account (type 1) as a company, and a single name as the last name', () => {
		const account = {
			actionType: 'add-contact',
			senderUser: 's@x.vn',
			data: { type: 1, name: 'ACME Corp', phones: [{ type: 'Mobile', value: '0905' }] },
		};
		expectLead(
			toCommonLead('dataPlatform', account),
			lead('dataPlatform', account, { company: 'ACME Corp', mobile: '0905' }),
		);
		const person = {
			actionType: 'add-lead',
			senderUser: 's@x.vn',
			data: { name: 'Nguyen viet huy' },
		};
		expectLead(
			toCommonLead('dataPlatform', person),
			lead('dataPlatform', person, { lastName: 'Nguyen viet huy' }),
		);
	});

	it('maps a bare contact data object too', () => {
		const data = { name: 'Ann', lastname: 'Lee', customerId: 'LID-1', emails: ['ann@x.io'] };
		expectLead(
			toCommonLead('dataPlatform', data),
			lead('dataPlatform', data, {
				id: 'LID-1',
				firstName: 'Ann',
				lastName: 'Lee',
				email: 'ann@x.io',
			}),
		);
	});

	it('turns hostile values into text or ""', () => {
		const record = {
			actionType: 'update-lead',
			data: {
				name: { first: 'Huy' },
				lastname: 7,
				customerId: null,
				emails: 'huy@x.vn',
				phones: [null, { type: 'Work', value: {} }, 12345, { type: 'Mobile', value: ['0905'] }],
				addresses: ['58 Ton That Dam', { street: null, zip: 5100000, country: { code: 84 } }],
				tag: ['webhook'],
			},
		} as unknown as IDataObject;
		expectLead(
			toCommonLead('dataPlatform', record),
			lead('dataPlatform', record, {
				lastName: '7',
				phone: '12345',
				postalCode: '5100000',
				country: '84',
			}),
		);
	});
});

describe('Pilot mapper (trigger submissions: pilot_* fields, ADF read back)', () => {
	it('maps a webhook lead: second last name, no Pilot id', () => {
		const record = {
			submissionType: 'lead',
			pilot_firstname: 'Ana',
			pilot_lastname: 'García',
			pilot_second_lastname: 'López',
			pilot_email: 'ana@example.com',
			pilot_phone: '011 4444-5555',
			pilot_cellphone: '11 5555-6666',
			pilot_client_company: 'Acme SA',
			pilot_address_street: 'Av. Corrientes',
			pilot_addresss_number: '1234',
			pilot_address_postal_code: 'C1043',
			pilot_city: 'Buenos Aires',
			pilot_province: 'CABA',
			pilot_country: 'Argentina',
			pilot_provider_service: 'Landing Verano',
			pilot_origin_id: '3',
			pilot_contact_type_id: '1',
			pilot_business_type_code: 'New',
		};
		expectLead(
			toCommonLead('pilot', record),
			lead('pilot', record, {
				firstName: 'Ana',
				lastName: 'García López',
				email: 'ana@example.com',
				phone: '011 4444-5555',
				mobile: '11 5555-6666',
				company: 'Acme SA',
				postalCode: 'C1043',
				city: 'Buenos Aires',
				country: 'Argentina',
			}),
		);
	});

	it('maps a sparse lead', () => {
		const record = {
			submissionType: 'lead',
			pilot_firstname: 'Bea',
			pilot_suborigin_id: '',
			pilot_origin_id: 7,
		};
		expectLead(toCommonLead('pilot', record), lead('pilot', record, { firstName: 'Bea' }));
	});

	it('maps an ADF email: the full name when there is no last part', () => {
		const full = {
			submissionType: 'adf',
			pilot_fullname: 'Carla Ruiz',
			pilot_email: 'carla@x.com',
			provider_name: 'Autos.com',
		};
		expectLead(
			toCommonLead('pilot', full),
			lead('pilot', full, { lastName: 'Carla Ruiz', email: 'carla@x.com' }),
		);
		const firstAndFull = {
			submissionType: 'adf',
			pilot_firstname: 'Carla',
			pilot_fullname: 'Carla Ruiz Díaz',
		};
		expectLead(
			toCommonLead('pilot', firstAndFull),
			lead('pilot', firstAndFull, { firstName: 'Carla', lastName: 'Ruiz Díaz' }),
		);
	});

	it('turns hostile values into text or ""', () => {
		const record = {
			submissionType: 'lead',
			pilot_firstname: ['Ana', 'Bea'],
			pilot_lastname: null,
			pilot_second_lastname: ' López ',
			pilot_email: { value: 'a@b.co' },
			pilot_phone: 1144445555,
			pilot_addresss_number: 12,
			pilot_city: false,
			pilot_provider_service: '   ',
			pilot_suborigin_id: 2,
		} as unknown as IDataObject;
		expectLead(
			toCommonLead('pilot', record),
			lead('pilot', record, { lastName: 'López', phone: '1144445555' }),
		);
	});
});

describe('the Simplify parameter', () => {
	const simplifyOf = (node: INodeType): INodeProperties[] =>
		node.description.properties.filter((p) => p.name === 'simplify');
	/** resource:operation pairs whose properties hold Simplify. */
	const offeredBy = (node: INodeType): string[] =>
		simplifyOf(node)
			.flatMap((p) => {
				const show = p.displayOptions?.show ?? {};
				return (show.resource as string[]).flatMap((r) =>
					(show.operation as string[]).map((o) => `${r}:${o}`),
				);
			})
			.sort();

	it('is offered by exactly the operations whose output items are people', () => {
		expect(offeredBy(new Publitrac())).toEqual([
			'lead:get',
			'lead:getByExternalId',
			'lead:getByToken',
			'lead:search',
			'list:getLeads',
			'view:getLeads',
		]);
		expect(offeredBy(new Sml())).toEqual([
			'client:getMany',
			'lead:assign',
			'lead:changeStatus',
			'lead:create',
			'lead:finalize',
			'lead:get',
			'lead:getMany',
			'lead:update',
		]);
		expect(offeredBy(new Econtract())).toEqual([
			'client:create',
			'client:get',
			'client:search',
			'client:update',
			'lead:create',
			'lead:createClickOut',
			'order:create',
			'order:getLatest',
		]);
		// Pilot's lead:create outputs Pilot's answer, Data Platform's actions the listener's: not people.
		expect(offeredBy(new Pilot())).toEqual([]);
		expect(offeredBy(new DataPlatform())).toEqual([]);
	});

	it('is offered by every trigger, once, off by default', () => {
		for (const trigger of [
			new PilotTrigger(),
			new PublitracTrigger(),
			new SmlTrigger(),
			new EcontractTrigger(),
			new DataPlatformTrigger(),
		]) {
			expect(simplifyOf(trigger)).toEqual([simplifyField]);
		}
	});

	it('is the one shared definition everywhere: a boolean "Simplify", default false', () => {
		expect(simplifyField).toEqual({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: false,
			description: 'Whether to return a simplified version of the response instead of the raw data',
		});
		for (const node of [new Publitrac(), new Sml(), new Econtract()]) {
			for (const p of simplifyOf(node)) {
				const { ...rest } = p;
				delete rest.displayOptions;
				expect(rest).toEqual(simplifyField);
			}
		}
	});
});
