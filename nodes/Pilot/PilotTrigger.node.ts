import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { simplifyField, toCommonLead } from '../shared/leadShape';
import { pilotLead } from './helpers/commonLead';
import { isRefusal, refuse, sameSecret, unregisteredWebhookMethods } from '../shared/webhook';
import type { Refusal } from '../shared/webhook';
import { hasMoreTagsThan } from '../shared/xml';
import { looksLikeAdf, parseAdfDocument } from './helpers/adf';

type Submission = { submissionType: 'lead' | 'survey' | 'adf'; fields: IDataObject };

const SURVEY_FIELDS = [
	'surveytype',
	'telefono_contacto',
	'celular_contacto',
	'nombre_contacto',
	'identificador_lote_carga',
	'checkrepited',
];

/**
 * The largest ADF XML body read, in bytes. The doc's ADF template is about 2 KB and a real ADF
 * email a few KB; 256 KB leaves room for long comments, even an HTML email in CDATA, and keeps
 * what an unauthenticated sender can make n8n parse to a few milliseconds (n8n's own body limit,
 * N8N_PAYLOAD_SIZE_MAX, is 16 MB). Larger bodies get 413 before they are decoded.
 */
const MAX_ADF_BYTES = 256 * 1024;
/**
 * The most tags ('<' characters, so a '<' in CDATA counts) an ADF XML body may hold: the doc's
 * ADF has about 50 elements. Counted before parsing; more gets 413. An ADF with attributes
 * goes through fast-xml-parser, about 30 µs an element of a new name on a busy machine: 2,000
 * keep the worst parse an unauthenticated sender can ask for near 60 ms.
 */
const MAX_ADF_TAGS = 2_000;

/** XML by its content type: application/xml, text/xml, application/adf+xml ... */
const XML_TYPE = /[/+]xml$/;
/**
 * Content types whose body is read as ADF when it starts like XML (<?xml or <adf): an email
 * relay's plain text (the doc: "Email format: preferably plain text"), PHP's curl posting a
 * string as the doc's example does (form-encoded by default, as is curl -d), or no type at all.
 * JSON and multipart bodies are never read as XML.
 */
const SNIFFED_TYPES = ['text/plain', 'application/x-www-form-urlencoded', ''];

function classify(fields: IDataObject): 'lead' | 'survey' | undefined {
	const keys = Object.keys(fields);
	if (keys.some((k) => SURVEY_FIELDS.includes(k))) return 'survey';
	if (keys.some((k) => k.startsWith('pilot_'))) return 'lead';
	return undefined;
}

/** The App Key of the credential when Check App Key is on, else undefined. */
async function expectedAppKey(ctx: IWebhookFunctions): Promise<string | undefined> {
	if (!(ctx.getNodeParameter('checkAppKey', false) as boolean)) return undefined;
	return String((await ctx.getCredentials('pilotApi')).appKey ?? '');
}

/** The key a submission carries, checked against the credential's: one non-empty text, equal in constant time. */
function appKeyRefusal(given: unknown, expected: string, index: string): Refusal | undefined {
	if (given === undefined || given === null || given === '')
		return refuse(401, `${index}The appkey required parameter was not configured`);
	// A list (appkey=a&appkey=b, appkey[]=a, a JSON array) or any other value is no key, even when it holds the right one.
	if (typeof given !== 'string')
		return refuse(401, `${index}The appkey must be a single text value`);
	if (!expected || !sameSecret(given, expected))
		return refuse(401, `${index}The appkey is not valid`);
	return undefined;
}

/** The body's bytes as n8n read them (rawBody), or undefined (multipart: n8n does not read them). */
function rawBytes(ctx: IWebhookFunctions): Buffer | undefined {
	const raw = (ctx.getRequestObject() as unknown as { rawBody?: Buffer | string }).rawBody;
	if (raw === undefined || raw === null) return undefined;
	return Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
}

/** Whether the body is to be read as an ADF XML document: by its content type, or by its start when the type allows it. */
function isXmlBody(ctx: IWebhookFunctions, raw: Buffer | undefined): boolean {
	const header = ctx.getRequestObject().headers['content-type'];
	const mime = String(header ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (XML_TYPE.test(mime)) return true;
	// The start only: the rest is not decoded before the size check.
	return (
		!!raw && SNIFFED_TYPES.includes(mime) && looksLikeAdf(raw.subarray(0, 1024).toString('utf8'))
	);
}

/**
 * An ADF XML body, in the order that costs an unauthenticated sender least: its size and tag
 * count (413), then the parse, then its <format><key> (the ADF's only place for the app key).
 */
function readAdf(raw: Buffer | undefined, expectedKey: string | undefined): Submission[] | Refusal {
	const size = raw ? raw.length : 0;
	if (size > MAX_ADF_BYTES) {
		return refuse(
			413,
			`The ADF XML body is ${Math.ceil(size / 1024)} KB; at most ${MAX_ADF_BYTES / 1024} KB is accepted`,
		);
	}
	const text = raw ? raw.toString('utf8') : '';
	if (hasMoreTagsThan(text, MAX_ADF_TAGS)) {
		return refuse(
			413,
			`The ADF XML body has more than ${MAX_ADF_TAGS.toLocaleString('en-US')} tags; an ADF email has about 50`,
		);
	}
	// One submission per <prospect> of the document (ADF allows several); the key is the document's <format><key>.
	const prospects = parseAdfDocument(text);
	if (!prospects)
		return refuse(
			400,
			'The body is not a well-formed ADF XML document (an <adf> root was expected)',
		);
	const refused =
		expectedKey === undefined ? undefined : appKeyRefusal(prospects[0].key, expectedKey, '');
	return (
		refused ??
		prospects.map((fields) => ({ submissionType: 'adf' as const, fields: fields as IDataObject }))
	);
}

/** Form-encoded or JSON submissions (parsed by n8n): the app key of every one first, then their shape. */
function readFields(
	ctx: IWebhookFunctions,
	expectedKey: string | undefined,
): Submission[] | Refusal {
	const body = ctx.getBodyData() as unknown;
	const list = Array.isArray(body) ? body : [body];
	if (!list.length) return refuse(400, 'The body holds no submission');
	const indexOf = (n: number) => (list.length > 1 ? `submission ${n + 1}: ` : '');
	if (expectedKey !== undefined) {
		for (let n = 0; n < list.length; n++) {
			const entry = list[n] as unknown;
			const given =
				entry && typeof entry === 'object' && !Array.isArray(entry)
					? (entry as IDataObject).appkey
					: undefined;
			const refused = appKeyRefusal(given, expectedKey, indexOf(n));
			if (refused) return refused;
		}
	}
	const submissions: Submission[] = [];
	for (let n = 0; n < list.length; n++) {
		const entry = list[n] as unknown;
		const index = indexOf(n);
		if (!entry || typeof entry !== 'object' || Array.isArray(entry) || !Object.keys(entry).length) {
			return refuse(
				400,
				`${index}The body must be form-encoded or JSON fields (action=create, pilot_* or survey fields)`,
			);
		}
		const fields = entry as IDataObject;
		if (fields.action !== undefined && fields.action !== 'create') {
			return refuse(400, `${index}The parameter action must be "create"`);
		}
		for (const [k, v] of Object.entries(fields)) {
			if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
				return refuse(400, `${index}Field "${k}" must be a value, not an object`);
			}
		}
		const submissionType = classify(fields);
		if (!submissionType)
			return refuse(
				400,
				`${index}No Pilot lead field (pilot_*) or survey field (surveytype ...) was found`,
			);
		submissions.push({ submissionType, fields });
	}
	return submissions;
}

/** What a required field holds: a value (non-blank text, or a number as JSON senders write 1), nothing, or something no field can hold. */
function requiredValue(value: unknown): 'value' | 'missing' | 'invalid' {
	if (value === undefined || value === null) return 'missing';
	if (typeof value === 'string') return value.trim() === '' ? 'missing' : 'value';
	if (typeof value === 'number') return Number.isFinite(value) ? 'value' : 'invalid';
	return 'invalid';
}

/** The doc's rule "at least one of these fields": each one given must be text or a number, and one must be given. */
function oneOf(
	f: IDataObject,
	names: string[],
	message: string,
	index: string,
): Refusal | undefined {
	let given = false;
	for (const name of names) {
		const state = requiredValue(f[name]);
		if (state === 'invalid') {
			const kind = Array.isArray(f[name])
				? 'a list'
				: typeof f[name] === 'object'
					? 'an object'
					: `the ${typeof f[name]} ${String(f[name])}`;
			return refuse(400, `${index}Field "${name}" must be text or a number, not ${kind}`);
		}
		if (state === 'value') given = true;
	}
	return given ? undefined : refuse(400, `${index}${message}`);
}

/** The doc's rules, checked as Pilot checks them, so a caller learns at once what is missing. */
function checkRules(s: Submission, index: string): Refusal | undefined {
	const f = s.fields;
	if (s.submissionType === 'lead') {
		return (
			oneOf(
				f,
				['pilot_contact_type_id', 'pilot_contact_type_code'],
				'pilot_contact_type_id or pilot_contact_type_code is required',
				index,
			) ??
			oneOf(
				f,
				['pilot_business_type_id', 'pilot_business_type_code'],
				'pilot_business_type_id or pilot_business_type_code is required',
				index,
			)
		);
	}
	if (s.submissionType === 'survey') {
		return (
			oneOf(f, ['surveytype'], 'Parameter surveytype not set', index) ??
			oneOf(
				f,
				['telefono_contacto', 'celular_contacto'],
				'at least one contact phone (telefono_contacto or celular_contacto) is required',
				index,
			)
		);
	}
	return oneOf(
		f,
		['pilot_email', 'pilot_phone', 'pilot_cellphone'],
		'the ADF <contact> has no email, phone or cellphone',
		index,
	);
}

/** Accepted kinds and the doc's rules, for every submission of the body. */
function checkSubmissions(ctx: IWebhookFunctions, submissions: Submission[]): Refusal | undefined {
	const accept = ctx.getNodeParameter('accept', []) as string[];
	const checkRequired = ctx.getNodeParameter('checkRequired', true) as boolean;
	for (let n = 0; n < submissions.length; n++) {
		const s = submissions[n];
		const index = submissions.length > 1 ? `submission ${n + 1}: ` : '';
		if (!accept.includes(s.submissionType)) {
			return refuse(
				400,
				`${index}${s.submissionType} submissions are not accepted by this workflow`,
			);
		}
		const broken = checkRequired ? checkRules(s, index) : undefined;
		if (broken) return broken;
	}
	return undefined;
}

/**
 * The body's submissions, or why they are refused. The order keeps an unauthenticated sender
 * from making n8n work: an ADF body's size and tag count, then its parse, then its key; a
 * form or JSON body (already parsed by n8n) has its keys checked before anything else.
 */
async function readSubmissions(ctx: IWebhookFunctions): Promise<Submission[] | Refusal> {
	const expectedKey = await expectedAppKey(ctx);
	const raw = rawBytes(ctx);
	const submissions = isXmlBody(ctx, raw)
		? readAdf(raw, expectedKey)
		: readFields(ctx, expectedKey);
	return isRefusal(submissions) ? submissions : (checkSubmissions(ctx, submissions) ?? submissions);
}

export class PilotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pilot Solution Trigger',
		name: 'pilotTrigger',
		icon: { light: 'file:pilot.svg', dark: 'file:pilot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Submissions to /" + $parameter["path"]}}',
		description:
			'Receives leads, surveys and ADF emails posted the way websites post them to Pilot Solution',
		defaults: { name: 'Pilot Solution Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'pilotApi',
				required: true,
				displayOptions: { show: { checkAppKey: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty: n8n answers with the node's webhookResponse (Pilot's shape) instead of its own.
				responseData: '',
				path: '={{$parameter["path"]}}',
			},
		],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'pilot',
				required: true,
				description:
					"Path of the webhook URL that your forms post to, in place of Pilot's own lead and survey addresses",
			},
			{
				displayName: 'Check App Key',
				name: 'checkAppKey',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept only submissions whose appkey (or ADF &lt;key&gt;) equals the App Key of the selected credential; others get 401 and start no execution',
			},
			{
				displayName: 'Trigger On',
				name: 'accept',
				type: 'multiOptions',
				options: [
					{ name: 'ADF XML Emails', value: 'adf' },
					{ name: 'Leads', value: 'lead' },
					{ name: 'Surveys', value: 'survey' },
				],
				default: ['lead', 'survey', 'adf'],
				description: 'Which kinds of submission start the workflow; others are refused (400)',
			},
			{
				displayName: 'Check Required Fields',
				name: 'checkRequired',
				type: 'boolean',
				default: true,
				description:
					'Whether to refuse (400) submissions that Pilot itself would refuse: a lead needs a contact type and a business type (ID or code), a survey needs a survey type and a contact phone',
			},
			// Leads and ADF emails become the common lead; surveys are not leads and stay as they are.
			simplifyField,
		],
	};

	// Nothing to register on Pilot's side: the URL is given to the website or form instead.
	webhookMethods = unregisteredWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		// Refused: answered here, with its status; no execution starts.
		const answer = (
			status: number,
			success: boolean,
			message: string,
			data: IDataObject | string,
		) => {
			res.status(status).json({ success, message, data });
		};
		const submissions = await readSubmissions(this);
		if (isRefusal(submissions)) {
			answer(submissions.status, false, 'Error', submissions.message);
			return { noWebhookResponse: true };
		}
		const simplify = this.getNodeParameter('simplify', false) === true;
		const items = submissions.map((s) => {
			// The kind is the one read from the fields: a sender's own submissionType field does not replace it.
			const { ...fields } = s.fields;
			delete fields.appkey;
			delete fields.action;
			delete fields.submissionType;
			if (s.submissionType === 'adf') delete fields.key;
			const json: IDataObject = { submissionType: s.submissionType, ...fields };
			// Simplified: what was submitted (lead or ADF), then the common lead.
			return {
				json:
					simplify && s.submissionType !== 'survey'
						? { submissionType: s.submissionType, ...toCommonLead(pilotLead, json) }
						: json,
			};
		});
		// Accepted: n8n sends this answer itself, and n8n 2.x only once the execution exists, so a
		// 200 always means an execution (written here, before it, a failure to start the execution
		// would leave the sender with a 200 and nothing run).
		return {
			workflowData: [items],
			webhookResponse: {
				success: true,
				message: 'Success',
				data: {
					message: `(n8n) ${items.length} submission${items.length === 1 ? '' : 's'} received.`,
					success: true,
					count: items.length,
				},
			},
		};
	}
}
