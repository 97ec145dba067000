import { timingSafeEqual } from 'crypto';
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { simplifyField, toCommonLead } from '../shared/leadShape';
import { isBlank } from '../shared/validation';
import { looksLikeAdf, parseAdfDocument } from './helpers/adf';

type Submission = { submissionType: 'lead' | 'survey' | 'adf'; fields: IDataObject };

const SURVEY_FIELDS = ['surveytype', 'telefono_contacto', 'celular_contacto', 'nombre_contacto', 'identificador_lote_carga', 'checkrepited'];

/** A submission refused before any execution starts: the HTTP status and Pilot's error text. */
interface Refusal {
	status: number;
	message: string;
}

const refuse = (status: number, message: string): Refusal => ({ status, message });
const isRefusal = (value: unknown): value is Refusal =>
	!!value && typeof value === 'object' && 'status' in value && 'message' in value && !Array.isArray(value);

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

function classify(fields: IDataObject): 'lead' | 'survey' | undefined {
	const keys = Object.keys(fields);
	if (keys.some((k) => SURVEY_FIELDS.includes(k))) return 'survey';
	if (keys.some((k) => k.startsWith('pilot_'))) return 'lead';
	return undefined;
}

function readSubmissions(ctx: IWebhookFunctions): Submission[] | Refusal {
	const req = ctx.getRequestObject();
	const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
	const raw = (req as unknown as { rawBody?: Buffer | string }).rawBody;
	const rawText = raw === undefined ? '' : Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
	if (contentType.includes('xml') || looksLikeAdf(rawText)) {
		// One submission per <prospect> of the document (ADF allows several).
		const prospects = parseAdfDocument(rawText);
		if (!prospects) return refuse(400, 'The body is not a well-formed ADF XML document (an <adf> root was expected)');
		return prospects.map((fields) => ({ submissionType: 'adf' as const, fields: fields as IDataObject }));
	}
	const body = ctx.getBodyData() as unknown;
	const list = Array.isArray(body) ? body : [body];
	if (!list.length) return refuse(400, 'The body holds no submission');
	const submissions: Submission[] = [];
	for (let n = 0; n < list.length; n++) {
		const entry = list[n] as unknown;
		const index = list.length > 1 ? `submission ${n + 1}: ` : '';
		if (!entry || typeof entry !== 'object' || Array.isArray(entry) || !Object.keys(entry).length) {
			return refuse(400, `${index}The body must be form-encoded or JSON fields (action=create, pilot_* or survey fields)`);
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
		if (!submissionType) return refuse(400, `${index}No Pilot lead field (pilot_*) or survey field (surveytype ...) was found`);
		submissions.push({ submissionType, fields });
	}
	return submissions;
}

/** The doc's rules, checked as Pilot checks them, so a caller learns at once what is missing. */
function checkRules(s: Submission, index: string): Refusal | undefined {
	const f = s.fields;
	if (s.submissionType === 'lead') {
		if (isBlank(f.pilot_contact_type_id) && isBlank(f.pilot_contact_type_code))
			return refuse(400, `${index}pilot_contact_type_id or pilot_contact_type_code is required`);
		if (isBlank(f.pilot_business_type_id) && isBlank(f.pilot_business_type_code))
			return refuse(400, `${index}pilot_business_type_id or pilot_business_type_code is required`);
	} else if (s.submissionType === 'survey') {
		if (isBlank(f.surveytype)) return refuse(400, `${index}Parameter surveytype not set`);
		if (isBlank(f.telefono_contacto) && isBlank(f.celular_contacto))
			return refuse(400, `${index}at least one contact phone (telefono_contacto or celular_contacto) is required`);
	} else if (isBlank(f.pilot_email) && isBlank(f.pilot_phone) && isBlank(f.pilot_cellphone)) {
		return refuse(400, `${index}the ADF <contact> has no email, phone or cellphone`);
	}
	return undefined;
}

/** App key, accepted kinds and the doc's rules, for every submission of the body. */
async function checkSubmissions(ctx: IWebhookFunctions, submissions: Submission[]): Promise<Refusal | undefined> {
	const accept = ctx.getNodeParameter('accept', []) as string[];
	const checkRequired = ctx.getNodeParameter('checkRequired', true) as boolean;
	const checkAppKey = ctx.getNodeParameter('checkAppKey', false) as boolean;
	const expectedKey = checkAppKey ? String((await ctx.getCredentials('pilotApi')).appKey ?? '') : '';
	for (let n = 0; n < submissions.length; n++) {
		const s = submissions[n];
		const index = submissions.length > 1 ? `submission ${n + 1}: ` : '';
		if (checkAppKey) {
			// Webhook submissions carry `appkey` (doc "Parameters Description"); ADF emails carry <format><key>.
			const given = String((s.submissionType === 'adf' ? s.fields.key : s.fields.appkey) ?? '');
			if (!given) return refuse(401, `${index}The appkey required parameter was not configured`);
			if (!expectedKey || !sameSecret(given, expectedKey)) return refuse(401, `${index}The appkey is not valid`);
		}
		if (!accept.includes(s.submissionType)) {
			return refuse(400, `${index}${s.submissionType} submissions are not accepted by this workflow`);
		}
		const broken = checkRequired ? checkRules(s, index) : undefined;
		if (broken) return broken;
	}
	return undefined;
}

export class PilotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pilot Solution Trigger',
		name: 'pilotTrigger',
		icon: { light: 'file:pilot.svg', dark: 'file:pilot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"POST /" + $parameter["path"]}}',
		description: 'Receives leads, surveys and ADF emails posted the way websites post them to Pilot Solution',
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
				description: 'Path of the webhook URL that your forms post to, instead of webhooks/welcome.php or webhooks/survey.php',
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
				displayName: 'Accept',
				name: 'accept',
				type: 'multiOptions',
				options: [
					{ name: 'ADF XML Emails', value: 'adf' },
					{ name: 'Leads', value: 'lead' },
					{ name: 'Surveys', value: 'survey' },
				],
				default: ['lead', 'survey', 'adf'],
				description: 'Which submissions start the workflow; others get 400',
			},
			{
				displayName: 'Check Required Fields',
				name: 'checkRequired',
				type: 'boolean',
				default: true,
				description:
					"Whether to refuse (400) submissions that break the doc's rules: a lead needs a contact type and a business type (ID or code), a survey needs a survey type and a contact phone",
			},
			// Leads and ADF emails become the common lead; surveys are not leads and stay as they are.
			simplifyField,
		],
	};

	// Nothing to register on Pilot's side: the URL is given to the website or form instead.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		// Refused: answered here, with its status; no execution starts.
		const answer = (status: number, success: boolean, message: string, data: IDataObject | string) => {
			res.status(status).json({ success, message, data });
		};
		const submissions = readSubmissions(this);
		const refusal = isRefusal(submissions) ? submissions : await checkSubmissions(this, submissions);
		if (refusal) {
			answer(refusal.status, false, 'Error', refusal.message);
			return { noWebhookResponse: true };
		}
		const simplify = this.getNodeParameter('simplify', false) === true;
		const items = (submissions as Submission[]).map((s) => {
			const { appkey: _appkey, action: _action, ...fields } = s.fields;
			if (s.submissionType === 'adf') delete fields.key;
			const json: IDataObject = { submissionType: s.submissionType, ...fields };
			return { json: simplify && s.submissionType !== 'survey' ? toCommonLead('pilot', json) : json };
		});
		// Accepted: n8n sends this answer itself, and n8n 2.x only once the execution exists, so a
		// 200 always means an execution (written here, before it, a failure to start the execution
		// would leave the sender with a 200 and nothing run).
		return {
			workflowData: [items],
			webhookResponse: {
				success: true,
				message: 'Success',
				data: { message: `(n8n) ${items.length} submission${items.length === 1 ? '' : 's'} received.`, success: true, count: items.length },
			},
		};
	}
}
