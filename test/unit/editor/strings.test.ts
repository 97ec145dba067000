// Every string the editor shows, read the way n8n resolves the descriptions (spreads, .map()
// and helpers included: the node classes are instantiated), checked for what no linter knows
// (issue 18, "Checks that keep it so"): English only, no vendor doc / HTTP path / API method in
// the UI, placeholders starting "e.g.", tooltips that say more than their label, no ID
// pre-filled with 0, no sample data as a default, no required field inside an optional
// collection, option lists sorted, labels in Title Case, booleans described with "Whether".
// One test per node and credential, so a failure names the node and lists every offending
// string with its path (node > parameter > option).
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { DataPlatformApi } from '../../../credentials/DataPlatformApi.credentials';
import { DataPlatformTriggerApi } from '../../../credentials/DataPlatformTriggerApi.credentials';
import { EcontractApi } from '../../../credentials/EcontractApi.credentials';
import { PilotApi } from '../../../credentials/PilotApi.credentials';
import { PublitracApi } from '../../../credentials/PublitracApi.credentials';
import { SmlApi } from '../../../credentials/SmlApi.credentials';
import { DataPlatform } from '../../../nodes/DataPlatform/DataPlatform.node';
import { DataPlatformTrigger } from '../../../nodes/DataPlatform/DataPlatformTrigger.node';
import { Econtract } from '../../../nodes/Econtract/Econtract.node';
import { EcontractTrigger } from '../../../nodes/Econtract/EcontractTrigger.node';
import { Pilot } from '../../../nodes/Pilot/Pilot.node';
import { PilotTrigger } from '../../../nodes/Pilot/PilotTrigger.node';
import { Publitrac } from '../../../nodes/Publitrac/Publitrac.node';
import { PublitracTrigger } from '../../../nodes/Publitrac/PublitracTrigger.node';
import { Sml } from '../../../nodes/Sml/Sml.node';
import { SmlTrigger } from '../../../nodes/Sml/SmlTrigger.node';

/** One string the editor shows, where it is shown, and of which kind. */
interface Shown {
	where: string;
	kind:
		| 'label'
		| 'description'
		| 'hint'
		| 'placeholder'
		| 'option'
		| 'optionDescription'
		| 'notice';
	text: string;
	property?: INodeProperties;
	/** Inside a collection or fixedCollection (optional by nature). */
	inCollection: boolean;
}

type Option = INodePropertyOptions | INodeProperties | INodePropertyCollection;

const isCollectionEntry = (o: Option): o is INodePropertyCollection =>
	'values' in o && Array.isArray((o as INodePropertyCollection).values);
const isProperty = (o: Option): o is INodeProperties =>
	'type' in o && 'displayName' in o && 'name' in o && !('value' in o);
const isChoice = (o: Option): o is INodePropertyOptions => 'value' in o && 'name' in o;

function collect(
	properties: INodeProperties[],
	where: string,
	inCollection: boolean,
	out: Shown[],
	props: Array<{ where: string; p: INodeProperties; inCollection: boolean }>,
) {
	for (const p of properties) {
		const here = `${where} > ${p.displayName} (${p.name})`;
		props.push({ where: here, p, inCollection });
		if (p.type === 'hidden') continue;
		out.push({
			where: here,
			kind: p.type === 'notice' ? 'notice' : 'label',
			text: p.displayName,
			property: p,
			inCollection,
		});
		if (p.description)
			out.push({
				where: here,
				kind: 'description',
				text: p.description,
				property: p,
				inCollection,
			});
		if (p.hint) out.push({ where: here, kind: 'hint', text: p.hint, property: p, inCollection });
		// A collection's placeholder is its button ("Add Field"), not an example.
		const button = p.type === 'collection' || p.type === 'fixedCollection';
		if (typeof p.placeholder === 'string' && p.placeholder && !button)
			out.push({
				where: here,
				kind: 'placeholder',
				text: p.placeholder,
				property: p,
				inCollection,
			});
		for (const o of (p.options ?? []) as Option[]) {
			if (isCollectionEntry(o)) {
				out.push({
					where: `${here} > ${o.displayName}`,
					kind: 'option',
					text: o.displayName,
					inCollection: true,
				});
				collect(o.values, `${here} > ${o.displayName}`, true, out, props);
			} else if (isProperty(o)) {
				collect([o], here, true, out, props);
			} else if (isChoice(o)) {
				out.push({
					where: `${here} > ${o.name}`,
					kind: 'option',
					text: o.name,
					property: p,
					inCollection,
				});
				if (o.description)
					out.push({
						where: `${here} > ${o.name}`,
						kind: 'optionDescription',
						text: o.description,
						property: p,
						inCollection,
					});
				if (o.action)
					out.push({
						where: `${here} > ${o.name}`,
						kind: 'optionDescription',
						text: o.action,
						property: p,
						inCollection,
					});
			}
		}
	}
}

// ---- the rules ----

/** Vendor language: Spanish, French and Vietnamese words seen in the vendor docs and samples. */
const VENDOR_WORDS =
	/\b(maListe|Infolettre|cuentausuario|dominio|nombre|Nhom|Goi A|Asignar|Cambiar|Hist[oó]rico|estado|Liste des|pays|Actualizar|Crear|Obtener|Listar|Eliminar|Tarea|Usuario|Provincia|Localidad|Concesionario)\b/;
/** Letters with diacritics, ¿ and ¡: none in an English UI (m³ and the like are symbols, not letters). */
const FOREIGN_LETTERS = /[À-ÖØ-öø-ÿ¿¡]/;
/** The vendor's document, HTTP verbs with paths, wire encodings. */
const WIRE =
	/\b(the )?(vendor )?docs?\b|documentation|vendor client|\b(GET|POST|PUT|PATCH|DELETE)\s+\/|\/api\/|\{ID\}|sent as 1 or 0|\bendpoint\b/i;
/** An API method name (camelCase verb + noun, e.g. getView, syncLead, addLeadToList). */
const METHOD_NAME =
	/\b(get|set|sync|add|update|delete|send|execute|create|remove|list|find|search|save|click2call)[A-Z][A-Za-z]*\b/;

const SMALL_WORDS = new Set([
	'a',
	'an',
	'and',
	'as',
	'at',
	'by',
	'for',
	'from',
	'in',
	'into',
	'of',
	'on',
	'or',
	'per',
	'the',
	'to',
	'vs',
	'with',
	'e.g.',
	'via',
	'is',
	'not',
]);

function titleCaseProblem(text: string): string | undefined {
	const words = text.split(/\s+/);
	for (let i = 0; i < words.length; i++) {
		const word = words[i].replace(/^[("'[]+|[)"'\]:,.]+$/g, '');
		if (!word || !/^[a-z]/.test(word)) continue;
		// Values shown as they are typed (a code in parentheses, a unit, an identifier).
		if (/[\d_@./=]/.test(word) || /^\(/.test(words[i])) continue;
		if (i > 0 && SMALL_WORDS.has(word)) continue;
		return word;
	}
	return undefined;
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function problemsOf(
	node: string,
	shown: Shown[],
	props: Array<{ where: string; p: INodeProperties; inCollection: boolean }>,
): string[] {
	const problems: string[] = [];
	for (const s of shown) {
		const at = `${s.where} [${s.kind}] "${s.text}"`;
		// What the editor shows of a link is its text: n8n's standard "Choose from the list, or specify
		// an ID using an <a href="https://docs.n8n.io/...">expression</a>" is not the vendor's doc.
		const visible = s.text.replace(/<a\s[^>]*>/gi, '').replace(/<\/a>/gi, '');
		if (FOREIGN_LETTERS.test(s.text) || VENDOR_WORDS.test(s.text))
			problems.push(`not English: ${at}`);
		if (s.kind !== 'placeholder' && WIRE.test(visible))
			problems.push(`wire jargon or the vendor doc: ${at}`);
		if (s.kind !== 'placeholder' && METHOD_NAME.test(visible))
			problems.push(`API method name: ${at}`);
		if (s.kind === 'placeholder' && !/^e\.g\. \S/.test(s.text))
			problems.push(`placeholder not starting "e.g. ": ${at}`);
		if (s.kind === 'description' && s.property && squash(s.text) === squash(s.property.displayName))
			problems.push(`tooltip repeats its label: ${at}`);
		if (s.kind === 'description' && s.property?.type === 'boolean' && !/^Whether\b/.test(s.text))
			problems.push(`boolean description not starting "Whether": ${at}`);
		if (s.kind === 'option' && /\(\d+\)$/.test(s.text))
			problems.push(`option named with a wire code: ${at}`);
		if (s.kind === 'label' || s.kind === 'option') {
			const word = titleCaseProblem(s.text);
			if (word) problems.push(`not Title Case ("${word}"): ${at}`);
		}
		if (
			s.inCollection &&
			(s.kind === 'label' || s.kind === 'description' || s.kind === 'option') &&
			/\brequired\b/i.test(s.text) &&
			!/\bnot required\b/i.test(s.text)
		) {
			problems.push(`required field inside an optional collection: ${at}`);
		}
	}
	for (const { where, p, inCollection } of props) {
		if (p.type === 'hidden') continue;
		if (inCollection && p.required)
			problems.push(`required field inside an optional collection: ${where}`);
		if (p.type === 'number' && p.default === 0 && /(^id$|Id$|ID$|_id$)/.test(p.name))
			problems.push(`ID pre-filled with 0: ${where}`);
		if (typeof p.default === 'string') {
			if (
				/@[\w-]+\.\w/.test(p.default) ||
				/\b(acme|john|jane|doe|bunnies|example\.com)\b/i.test(p.default)
			) {
				problems.push(`sample data as default: ${where} = ${p.default.slice(0, 80)}`);
			}
			if (p.type === 'json' && p.default.trim()) {
				try {
					const value = JSON.parse(p.default) as unknown;
					const empty = Array.isArray(value)
						? value.length === 0
						: value && typeof value === 'object'
							? Object.keys(value).length === 0
							: false;
					if (!empty)
						problems.push(`sample data as default (JSON): ${where} = ${p.default.slice(0, 80)}`);
				} catch {
					// An expression or text: not sample JSON.
				}
			}
		}
		if (
			(p.type === 'options' || p.type === 'multiOptions') &&
			Array.isArray(p.options) &&
			p.options.length >= 3 &&
			p.options.every((o) => isChoice(o as Option))
		) {
			const names = (p.options as INodePropertyOptions[]).map((o) => o.name);
			const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en'));
			const ordered = ORDER_IS_THE_POINT.has(`${node}/${p.name}`);
			if (!ordered && names.join('\n') !== sorted.join('\n'))
				problems.push(`options not sorted: ${where}: ${names.join(', ')}`);
		}
		if (
			p.type === 'options' &&
			Array.isArray(p.options) &&
			p.options.length >= 3 &&
			p.options.every(
				(o) =>
					isChoice(o as Option) &&
					typeof (o as INodePropertyOptions).value === 'number' &&
					(o as INodePropertyOptions).name.startsWith(String((o as INodePropertyOptions).value)),
			)
		) {
			problems.push(`a number shown as a list of its values: ${where}`);
		}
		if (
			(p.type === 'collection' || p.type === 'fixedCollection') &&
			Array.isArray(p.options) &&
			p.options.length >= 3
		) {
			const names = (p.options as Option[]).map((o) =>
				'displayName' in o ? o.displayName : o.name,
			);
			const sorted = [...names].sort((a, b) => a.localeCompare(b, 'en'));
			if (names.join('\n') !== sorted.join('\n'))
				problems.push(`collection entries not sorted: ${where}: ${names.join(', ')}`);
		}
	}
	// A parameter shared by several operations is reported once.
	return [...new Set(problems)];
}

/**
 * Option lists whose order is the point (a scale, a sequence), as "<node>/<internal name>". Each
 * entry says why in a comment.
 */
const ORDER_IS_THE_POINT = new Set<string>([
	// A lead's life in SML: New, Commercial Management, Tracing, End (every Status of the node and trigger).
	'SML/status',
	'SML Trigger/status',
]);

/**
 * What the vendor docs mark required, per operation, by internal name (the API field name): each
 * must be a top-level parameter shown for its operation, marked required (unless it is a
 * boolean or an option list with a default, which always has a value), and never an entry of a
 * collection shown for that operation. `anyOf`: the doc asks for at least one of these (each is
 * top-level, none is marked required). `groups`: collections holding another object whose fields
 * share these names (Econtract's optional Invoice Address). Fields the docs require only in some
 * cases stay in their collections and are not listed: SML's client name (when a client is given),
 * an appraisal's brand and model (task type Appraisal), Econtract's invoice address (when given)
 * and a third-party lead's address, Data Platform's deal stage and customer (when the deal is new),
 * PUBLITRAC's opportunity close date (when closed).
 */
interface VendorRequired {
	node: string;
	resource: string;
	operation: string;
	fields: string[];
	anyOf?: string[][];
	groups?: string[];
}

const ECONTRACT_CLIENT = ['gender', 'segment', 'first_name', 'last_name', 'email', 'language'];
const ECONTRACT_ADDRESS = ['street', 'nr', 'postal_code', 'city', 'country'];
const ECONTRACT_PHONES = [['cellphone', 'landline']];

const VENDOR_REQUIRED: VendorRequired[] = [
	// Pilot (doc "Lead Integration via Webhook" and "Survey Integration via Webhook").
	{
		node: 'Pilot',
		resource: 'lead',
		operation: 'create',
		fields: [],
		anyOf: [
			['pilot_contact_type_id', 'pilot_contact_type_code'],
			['pilot_business_type_id', 'pilot_business_type_code'],
		],
	},
	{
		node: 'Pilot',
		resource: 'survey',
		operation: 'create',
		fields: ['surveytype'],
		anyOf: [['telefono_contacto', 'celular_contacto']],
	},
	// PUBLITRAC ("Paramètres obligatoires" of each method, and the lead's email as its unicity key).
	...['create', 'update', 'sync', 'get'].map((operation) => ({
		node: 'PUBLITRAC',
		resource: 'lead',
		operation,
		fields: ['email'],
	})),
	{ node: 'PUBLITRAC', resource: 'lead', operation: 'getByExternalId', fields: ['externalId'] },
	{ node: 'PUBLITRAC', resource: 'lead', operation: 'getByToken', fields: ['tokenId'] },
	{ node: 'PUBLITRAC', resource: 'view', operation: 'getLeads', fields: ['viewName'] },
	{ node: 'PUBLITRAC', resource: 'list', operation: 'getLeads', fields: ['listName'] },
	{ node: 'PUBLITRAC', resource: 'list', operation: 'addLeads', fields: ['listName', 'emails'] },
	{ node: 'PUBLITRAC', resource: 'list', operation: 'removeLead', fields: ['listName', 'email'] },
	{ node: 'PUBLITRAC', resource: 'history', operation: 'addWebVisit', fields: ['email'] },
	{ node: 'PUBLITRAC', resource: 'history', operation: 'addClickLink', fields: ['email'] },
	{
		node: 'PUBLITRAC',
		resource: 'history',
		operation: 'addFormFill',
		fields: ['email', 'formName'],
	},
	{
		node: 'PUBLITRAC',
		resource: 'opportunity',
		operation: 'sync',
		fields: ['id', 'name', 'salesStage', 'amount', 'probability', 'leads'],
	},
	{
		node: 'PUBLITRAC',
		resource: 'campaign',
		operation: 'execute',
		fields: ['emails', 'campaigns'],
	},
	{
		node: 'PUBLITRAC',
		resource: 'transaction',
		operation: 'create',
		fields: ['email', 'transaction'],
	},
	// SML ("obligatorio").
	{ node: 'SML', resource: 'lead', operation: 'create', fields: ['source', 'brand_model'] },
	...['get', 'update', 'finalize', 'getHistory'].map((operation) => ({
		node: 'SML',
		resource: 'lead',
		operation,
		fields: ['id_lead'],
	})),
	{ node: 'SML', resource: 'lead', operation: 'assign', fields: ['id_lead', 'user'] },
	{ node: 'SML', resource: 'lead', operation: 'changeStatus', fields: ['id_lead', 'status'] },
	{ node: 'SML', resource: 'task', operation: 'create', fields: ['lead'] },
	...['update', 'delete'].map((operation) => ({
		node: 'SML',
		resource: 'task',
		operation,
		fields: ['id_tarea'],
	})),
	{ node: 'SML', resource: 'province', operation: 'getMany', fields: ['country'] },
	// Econtract (the "Required: yes" rows; both phones are marked yes but the doc's examples send one).
	{
		node: 'Econtract',
		resource: 'client',
		operation: 'create',
		fields: ECONTRACT_CLIENT,
		anyOf: ECONTRACT_PHONES,
	},
	{
		node: 'Econtract',
		resource: 'address',
		operation: 'create',
		fields: ['client_id', ...ECONTRACT_ADDRESS],
	},
	{
		node: 'Econtract',
		resource: 'lead',
		operation: 'create',
		fields: ['lead_type', ...ECONTRACT_CLIENT],
	},
	{
		node: 'Econtract',
		resource: 'lead',
		operation: 'createClickOut',
		fields: ['first_name', 'last_name', 'email'],
	},
	{
		node: 'Econtract',
		resource: 'order',
		operation: 'create',
		fields: [
			...[
				'product_type',
				'comparison_id',
				'affiliate_id',
				'sales_channel_id',
				'ip_address',
				'supplier_id',
				'product_id',
				'payment_method',
			],
			// Electricity, gas and dualfuel pack contract tables.
			...[
				'ean',
				'mru_type',
				'mru_nr',
				'connection_type',
				'usage_day',
				'usage_night',
				'usage_excl',
				'has_budget_meter',
				'has_solar_panels',
				'situation',
				'donor',
				'donor_client_nr',
			],
			...[
				'elec_ean',
				'elec_mru_type',
				'elec_mru_nr',
				'elec_connection_type',
				'elec_has_budget_meter',
				'elec_has_solar_panels',
				'elec_situation',
				'elec_donor',
				'elec_donor_client_nr',
			],
			...['gas_ean', 'gas_mru_nr', 'gas_situation', 'gas_donor', 'gas_donor_client_nr'],
			// The client_ and address_ groups.
			...ECONTRACT_CLIENT,
			...ECONTRACT_ADDRESS,
		],
		anyOf: ECONTRACT_PHONES,
		groups: ['invoice_address'],
	},
	{
		node: 'Econtract',
		resource: 'usage',
		operation: 'getDefaults',
		fields: ['producttype', 'segment'],
	},
	// CRM Data Platform (the "Required: Y" rows).
	// Company Contact, Deal With and Contacts are other records (the company, the customers), with names of their own.
	{
		node: 'CRM Data Platform',
		resource: 'contact',
		operation: 'create',
		fields: ['name'],
		groups: ['companyContact'],
	},
	{ node: 'CRM Data Platform', resource: 'lead', operation: 'create', fields: ['name'] },
	{ node: 'CRM Data Platform', resource: 'note', operation: 'create', fields: ['body'] },
	{
		node: 'CRM Data Platform',
		resource: 'deal',
		operation: 'upsert',
		fields: ['name'],
		groups: ['dealWith', 'contacts'],
	},
	{
		node: 'CRM Data Platform',
		resource: 'ticket',
		operation: 'create',
		fields: ['body', 'contactType'],
	},
	{ node: 'CRM Data Platform', resource: 'sms', operation: 'send', fields: ['content', 'phones'] },
];

const shownFor = (p: INodeProperties, resource: string, operation: string) => {
	const show = p.displayOptions?.show ?? {};
	return (
		(show.resource as string[] | undefined)?.includes(resource) === true &&
		(show.operation as string[] | undefined)?.includes(operation) === true
	);
};

/**
 * The internal names of the entries of a collection or fixedCollection the editor offers (its own
 * fields: a collection nested in it is another object, e.g. a task's appraisal or a phone entry;
 * a hidden entry is never offered, it only keeps a value older workflows saved there).
 */
function entryNames(p: INodeProperties): Set<string> {
	const out = new Set<string>();
	for (const o of (p.options ?? []) as Option[]) {
		const entries = isCollectionEntry(o) ? o.values : isProperty(o) ? [o] : [];
		for (const v of entries) if (v.type !== 'hidden') out.add(v.name);
	}
	return out;
}

/** The fields a vendor requires that the node hides in a collection, or does not show, or does not mark required. */
function vendorRequiredProblems(
	node: string,
	properties: INodeProperties[],
	table: VendorRequired[],
): string[] {
	const problems: string[] = [];
	for (const { resource, operation, fields, anyOf = [], groups = [] } of table.filter(
		(t) => t.node === node,
	)) {
		const shown = properties.filter((p) => p.type !== 'hidden' && shownFor(p, resource, operation));
		const at = `${node} ${resource}:${operation}`;
		const collections = shown.filter(
			(p) => (p.type === 'collection' || p.type === 'fixedCollection') && !groups.includes(p.name),
		);
		for (const name of [...fields, ...anyOf.flat()]) {
			for (const c of collections) {
				if (entryNames(c).has(name))
					problems.push(
						`required field inside a collection: ${at} > ${c.displayName} (${c.name}) > ${name}`,
					);
			}
			const top = shown.filter((p) => p.name === name);
			if (!top.length) problems.push(`required field not a top-level parameter: ${at} > ${name}`);
			if (!fields.includes(name)) continue;
			for (const p of top) {
				const alwaysSet =
					p.type === 'boolean' ||
					((p.type === 'options' || p.type === 'multiOptions') && !isEmptyDefault(p.default));
				if (!alwaysSet && p.required !== true)
					problems.push(`required field not marked required: ${at} > ${p.displayName} (${name})`);
			}
		}
	}
	return problems;
}

const isEmptyDefault = (value: unknown) =>
	value === '' ||
	value === undefined ||
	value === null ||
	(Array.isArray(value) && value.length === 0);

/**
 * One vocabulary across the five nodes (issue 18): a label that is a synonym of a chosen word is
 * refused, whole or as a word of the label ("Zip Code" and "Client Zip Code" alike). Each entry:
 * the banned word or phrase (a whole-word pattern) → the word used instead.
 */
const VOCABULARY: Array<[RegExp, string]> = [
	[/\bzip\s*codes?\b|\bzip\b|\bpostcode\b/i, 'Postal Code'],
	[/\bcell\s*phones?\b|\bcellular\b|\bmobile phone\b|\bmobile number\b/i, 'Mobile'],
	[/\be-mail\b|\bemail address\b/i, 'Email'],
	[/\bbirth\s*date\b|\bbirthday\b|\bdate born\b/i, 'Date of Birth'],
	[/\bbirth\s*place\b/i, 'Place of Birth'],
	[/\bremarks?\b|\bcomments?\b|\bobservations?\b/i, 'Notes'],
	[/^company$/i, 'Company Name'],
	[/^ip$|\bclient ip\b/i, 'IP Address'],
	[/\bidentity document\b|\bdni\b/i, 'ID Card Number'],
	[/\bsurname\b/i, 'Last Name'],
	[/^address (street|number|floor|apartment)$/i, 'Street, House Number, Floor, Apartment'],
	[/\bADF Options\b|\bextra options\b/i, 'Options'],
	[/\bbinary property\b/i, 'Put Output File in Field'],
];

/** n8n's words for an operation's optional fields: "Additional Fields" on a create, "Update Fields" on an update. */
const OPTIONAL_FIELDS_LABEL: Record<string, string> = {
	create: 'Additional Fields',
	update: 'Update Fields',
};

function vocabularyProblems(node: string, shown: Shown[], properties: INodeProperties[]): string[] {
	const problems: string[] = [];
	for (const s of shown) {
		if (s.kind !== 'label' && s.kind !== 'option') continue;
		for (const [banned, chosen] of VOCABULARY) {
			if (banned.test(s.text))
				problems.push(`not the chosen word (${chosen}): ${s.where} "${s.text}"`);
		}
	}
	for (const p of properties) {
		if (p.name !== 'additionalFields' && p.name !== 'updateFields') continue;
		for (const operation of (p.displayOptions?.show?.operation as string[] | undefined) ?? []) {
			const label = OPTIONAL_FIELDS_LABEL[operation];
			if (label && p.displayName !== label)
				problems.push(
					`${node} ${String(p.displayOptions?.show?.resource)}:${operation}: the optional fields are "${label}", not "${p.displayName}"`,
				);
		}
	}
	return [...new Set(problems)];
}

const nodes: Array<[string, INodeType]> = [
	['Pilot', new Pilot()],
	['Pilot Trigger', new PilotTrigger()],
	['PUBLITRAC', new Publitrac()],
	['PUBLITRAC Trigger', new PublitracTrigger()],
	['SML', new Sml()],
	['SML Trigger', new SmlTrigger()],
	['Econtract', new Econtract()],
	['Econtract Trigger', new EcontractTrigger()],
	['CRM Data Platform', new DataPlatform()],
	['CRM Data Platform Trigger', new DataPlatformTrigger()],
];

/**
 * What a trigger's subtitle shows on the canvas for some parameter values: the subtitle is an
 * n8n expression over `$parameter` (plain JavaScript there), so it is evaluated as such.
 */
function subtitleFor(subtitle: string, parameters: Record<string, unknown>): string {
	if (!subtitle.startsWith('={{')) return subtitle;
	const body = subtitle.slice(3, -2);
	// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- the subtitle expression is evaluated as n8n evaluates it
	return String(new Function('$parameter', `return (${body});`)(parameters));
}

const credentials: Array<[string, ICredentialType]> = [
	['pilotApi', new PilotApi()],
	['publitracApi', new PublitracApi()],
	['smlApi', new SmlApi()],
	['econtractApi', new EcontractApi()],
	['dataPlatformApi', new DataPlatformApi()],
	['dataPlatformTriggerApi', new DataPlatformTriggerApi()],
];

describe('every string the editor shows', () => {
	it.each(nodes)('node %s', (name, node) => {
		const shown: Shown[] = [];
		const props: Array<{ where: string; p: INodeProperties; inCollection: boolean }> = [];
		const d = node.description;
		for (const [kind, text] of [
			['description', d.description],
			['label', d.displayName],
		] as const) {
			shown.push({ where: name, kind, text, inCollection: false });
		}
		collect(d.properties, name, false, shown, props);
		expect(problemsOf(name, shown, props)).toEqual([]);
	});

	it.each(nodes)(
		'node %s: one vocabulary (no banned synonym; Additional Fields on a create, Update Fields on an update)',
		(name, node) => {
			const shown: Shown[] = [];
			collect(node.description.properties, name, false, shown, []);
			expect(vocabularyProblems(name, shown, node.description.properties)).toEqual([]);
		},
	);

	it.each(nodes.filter(([name]) => VENDOR_REQUIRED.some((t) => t.node === name)))(
		'node %s: what the vendor requires is a visible required parameter, never inside a collection',
		(name, node) => {
			expect(vendorRequiredProblems(name, node.description.properties, VENDOR_REQUIRED)).toEqual(
				[],
			);
		},
	);

	it.each(nodes.filter(([name]) => name.endsWith('Trigger')))(
		'node %s: its subtitle is readable and in Title Case for every event it can show',
		(name, node) => {
			const d = node.description;
			const parameters: Record<string, unknown> = {};
			for (const p of d.properties) parameters[p.name] = p.default;
			// Every choice of every top-level option list and boolean, one at a time, over the defaults.
			const variants: Array<Record<string, unknown>> = [{ ...parameters }];
			for (const p of d.properties) {
				const values =
					p.type === 'boolean'
						? [true, false]
						: p.type === 'options'
							? ((p.options ?? []) as INodePropertyOptions[]).map((o) => o.value)
							: [];
				for (const value of values) variants.push({ ...parameters, [p.name]: value });
			}
			const problems: string[] = [];
			for (const variant of variants) {
				const text = subtitleFor(String(d.subtitle ?? ''), variant);
				if (!text.trim() || /undefined|null/.test(text))
					problems.push(`empty or unresolved: "${text}"`);
				const word = titleCaseProblem(text);
				if (word) problems.push(`not Title Case ("${word}"): "${text}"`);
			}
			expect([...new Set(problems)]).toEqual([]);
		},
	);

	it.each(credentials)('credential %s', (name, credential) => {
		const shown: Shown[] = [
			{ where: name, kind: 'label', text: credential.displayName, inCollection: false },
		];
		const props: Array<{ where: string; p: INodeProperties; inCollection: boolean }> = [];
		collect(credential.properties, name, false, shown, props);
		expect(problemsOf(name, shown, props)).toEqual([]);
	});

	it('the rules find what they are for (each rule fails on a sample of its defect)', () => {
		const sample: INodeProperties[] = [
			{ displayName: 'Lead ID', name: 'lead_id', type: 'number', default: 0 },
			{ displayName: 'Street', name: 'street', type: 'string', default: '', description: 'Street' },
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: 'john@acme.com',
				placeholder: 'name@example.com',
			},
			{ displayName: 'Leads', name: 'leads', type: 'json', default: '[{"email": "x@y.z"}]' },
			{
				displayName: 'View',
				name: 'view',
				type: 'string',
				default: '',
				description: 'Read with getView (see the doc)',
			},
			{
				displayName: 'Assign',
				name: 'assign',
				type: 'string',
				default: '',
				description: 'Asignar Lead',
			},
			{
				displayName: 'Send Email',
				name: 'send',
				type: 'boolean',
				default: false,
				description: 'Send the email',
			},
			{
				displayName: 'Family size',
				name: 'family',
				type: 'options',
				default: 'b',
				options: [
					{ name: 'B', value: 'b' },
					{ name: 'A', value: 'a' },
					{ name: 'C (2)', value: 'c' },
				],
			},
			{
				displayName: 'Client',
				name: 'client',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Gender', name: 'gender', type: 'string', default: '', required: true },
				],
			},
			{
				displayName: 'Rooms',
				name: 'rooms',
				type: 'options',
				default: 1,
				options: [
					{ name: '0 Rooms', value: 0 },
					{ name: '1 Room', value: 1 },
					{ name: '2 Rooms', value: 2 },
				],
			},
		];
		const shown: Shown[] = [];
		const props: Array<{ where: string; p: INodeProperties; inCollection: boolean }> = [];
		collect(sample, 'sample', false, shown, props);
		const problems = problemsOf('sample', shown, props).map((p) => p.split(':')[0]);
		for (const kind of [
			'ID pre-filled with 0',
			'tooltip repeats its label',
			'sample data as default',
			'sample data as default (JSON)',
			'placeholder not starting "e.g. "',
			'wire jargon or the vendor doc',
			'API method name',
			'not English',
			'boolean description not starting "Whether"',
			'options not sorted',
			'not Title Case ("size")',
			'required field inside an optional collection',
			'option named with a wire code',
			'a number shown as a list of its values',
		]) {
			expect(problems).toContain(kind);
		}
	});

	it('the vendor-required table finds a required field in a collection, one missing and one not marked required', () => {
		const show = { displayOptions: { show: { resource: ['order'], operation: ['create'] } } };
		const sample: INodeProperties[] = [
			{
				displayName: 'Client',
				name: 'client',
				type: 'collection',
				default: {},
				options: [{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' }],
				...show,
			},
			{ displayName: 'Email', name: 'email', type: 'string', default: '', ...show },
			{
				displayName: 'Invoice Address',
				name: 'invoice_address',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Street', name: 'street', type: 'string', default: '' }],
				...show,
			},
			{
				displayName: 'Street',
				name: 'street',
				type: 'string',
				default: '',
				required: true,
				...show,
			},
		];
		const table: VendorRequired[] = [
			{
				node: 'sample',
				resource: 'order',
				operation: 'create',
				fields: ['first_name', 'email', 'street'],
				groups: ['invoice_address'],
			},
		];
		expect(vendorRequiredProblems('sample', sample, table)).toEqual([
			'required field inside a collection: sample order:create > Client (client) > first_name',
			'required field not a top-level parameter: sample order:create > first_name',
			'required field not marked required: sample order:create > Email (email)',
		]);
	});

	it('the vocabulary check finds a synonym and the wrong optional-fields label', () => {
		const sample: INodeProperties[] = [
			{ displayName: 'Zip Code', name: 'zip', type: 'string', default: '' },
			{ displayName: 'Cellphone', name: 'cell', type: 'string', default: '' },
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				default: {},
				displayOptions: { show: { resource: ['lead'], operation: ['update'] } },
				options: [{ displayName: 'Birth Date', name: 'b', type: 'string', default: '' }],
			},
		];
		const shown: Shown[] = [];
		collect(sample, 'sample', false, shown, []);
		expect(vocabularyProblems('sample', shown, sample)).toEqual([
			'not the chosen word (Postal Code): sample > Zip Code (zip) "Zip Code"',
			'not the chosen word (Mobile): sample > Cellphone (cell) "Cellphone"',
			'not the chosen word (Date of Birth): sample > Additional Fields (additionalFields) > Birth Date (b) "Birth Date"',
			'sample lead:update: the optional fields are "Update Fields", not "Additional Fields"',
		]);
	});

	it("n8n's own standard texts pass (the link of its expression tooltip is not the vendor doc)", () => {
		const standard: INodeProperties[] = [
			{
				displayName: 'User Name or ID',
				name: 'user',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'e.g. nathan@example.com',
			},
		];
		const shown: Shown[] = [];
		const props: Array<{ where: string; p: INodeProperties; inCollection: boolean }> = [];
		collect(standard, 'standard', false, shown, props);
		expect(problemsOf('standard', shown, props)).toEqual([]);
	});
});
