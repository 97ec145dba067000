import { timingSafeEqual } from 'crypto';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { simplifyField, toCommonLead } from '../shared/leadShape';
import { isBlank } from '../shared/validation';

// doc 2.2: the listener takes POST {senderUser, data: [{actionType, data}]}, eight action types.
const ACTION_TYPES = ['add-contact', 'update-contact', 'add-lead', 'update-lead', 'add-note', 'add-deal', 'add-ticket', 'send-sms'];
// The actions whose data is a person (doc 2.2.1-2.2.4): the ones Simplify turns into the common lead.
const PERSON_ACTIONS = ['add-contact', 'update-contact', 'add-lead', 'update-lead'];
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

interface Refusal {
	status: number;
	message: string;
}
interface Action {
	actionType: string;
	data: IDataObject;
}

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

const normalizeIp = (ip: string): string => ip.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').toLowerCase();

function ipv4ToNumber(ip: string): number | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
	return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** An entry of the allowlist: an exact address (IPv4 or IPv6) or an IPv4 range such as 203.0.113.0/24. */
export function ipAllowed(ip: string, allowlist: string[]): boolean {
	const address = normalizeIp(ip);
	for (const raw of allowlist) {
		const entry = normalizeIp(raw);
		if (!entry) continue;
		if (entry === address) return true;
		const [base, bits] = entry.split('/');
		if (bits === undefined) continue;
		const a = ipv4ToNumber(address);
		const b = ipv4ToNumber(base);
		const n = Number(bits);
		if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32) continue;
		const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
		if (((a & mask) >>> 0) === ((b & mask) >>> 0)) return true;
	}
	return false;
}

/** The body in the listener's format, or what is wrong with it. */
function readBody(body: unknown): { senderUser: string; actions: Action[] } | Refusal {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return { status: 400, message: 'The body must be a JSON object {"senderUser": "<email>", "data": [{"actionType": "...", "data": {...}}]}' };
	}
	const { senderUser, data } = body as IDataObject;
	if (isBlank(senderUser) || typeof senderUser !== 'string') return { status: 400, message: 'senderUser is required: the email of a user of the CRM organization' };
	if (!EMAIL.test(senderUser.trim())) return { status: 400, message: `senderUser "${senderUser}" is not an email address` };
	if (!Array.isArray(data)) return { status: 400, message: 'data must be an array of actions [{"actionType": "...", "data": {...}}]' };
	if (!data.length) return { status: 400, message: 'data holds no action' };
	const actions: Action[] = [];
	for (let n = 0; n < data.length; n++) {
		const entry = data[n] as unknown;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { status: 400, message: `data[${n}] must be an object {"actionType": "...", "data": {...}}` };
		const { actionType, data: actionData } = entry as IDataObject;
		if (typeof actionType !== 'string' || isBlank(actionType)) return { status: 400, message: `data[${n}].actionType is required` };
		if (!ACTION_TYPES.includes(actionType)) {
			return { status: 400, message: `data[${n}].actionType "${actionType}" is not an action type (expected one of ${ACTION_TYPES.join(', ')})` };
		}
		if (!actionData || typeof actionData !== 'object' || Array.isArray(actionData)) return { status: 400, message: `data[${n}].data must be an object` };
		actions.push({ actionType, data: actionData as IDataObject });
	}
	return { senderUser: senderUser.trim(), actions };
}

export class DataPlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Data Platform Trigger',
		name: 'dataPlatformTrigger',
		icon: { light: 'file:dataPlatform.svg', dark: 'file:dataPlatform.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"POST /" + $parameter["path"]}}',
		description: 'Receives contacts, leads, notes, deals, tickets and SMS posted in the format of a CRM Data Platform webhook listener',
		defaults: { name: 'CRM Data Platform Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty: n8n answers with the node's webhookResponse instead of its own.
				responseData: '',
				path: '={{$parameter["path"]}}',
			},
		],
		properties: [
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'data-platform',
				required: true,
				description: 'Path of the webhook URL that senders post to, in place of a Data Platform listener URL',
			},
			{
				displayName: 'Action Types',
				name: 'actionTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Add Contact', value: 'add-contact', description: 'Action add-contact' },
					{ name: 'Add Deal', value: 'add-deal', description: 'Action add-deal' },
					{ name: 'Add Lead', value: 'add-lead', description: 'Action add-lead' },
					{ name: 'Add Note', value: 'add-note', description: 'Action add-note' },
					{ name: 'Add Ticket', value: 'add-ticket', description: 'Action add-ticket' },
					{ name: 'Send SMS', value: 'send-sms', description: 'Action send-sms' },
					{ name: 'Update Contact', value: 'update-contact', description: 'Action update-contact' },
					{ name: 'Update Lead', value: 'update-lead', description: 'Action update-lead' },
				],
				default: ['add-contact', 'update-contact', 'add-lead', 'update-lead', 'add-note', 'add-deal', 'add-ticket', 'send-sms'],
				description: 'Actions that become items; the others are accepted and left out',
			},
			// Contact and lead actions become the common lead; notes, deals, tickets and SMS stay as they are.
			simplifyField,
			{
				displayName: 'Shared Secret',
				name: 'secretLocation',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'Anyone who knows the URL may post' },
					{ name: 'In a Header', value: 'header' },
					{ name: 'In a Query Parameter', value: 'query' },
				],
				default: 'none',
				description: 'Where senders put a secret that must match; a wrong or missing secret gets 401 and starts no execution',
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'X-Listener-Secret',
				displayOptions: { show: { secretLocation: ['header'] } },
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: 'secret',
				displayOptions: { show: { secretLocation: ['query'] } },
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: { show: { secretLocation: ['header', 'query'] } },
				description: 'The value senders must give, compared in constant time',
			},
			{
				displayName: 'Allowed IPs',
				name: 'allowedIps',
				type: 'string',
				default: '',
				placeholder: '203.0.113.7, 198.51.100.0/24',
				description: 'Addresses (or IPv4 ranges) allowed to post, separated by commas; empty allows any. Others get 403.',
			},
			{
				displayName: 'Behind a Proxy',
				name: 'behindProxy',
				type: 'boolean',
				default: false,
				description:
					'Whether n8n runs behind a reverse proxy: the sender\'s address is then read from X-Forwarded-For. Leave off otherwise, as anyone can write that header.',
			},
			{
				displayName: 'Max Body Size (KB)',
				name: 'maxBodyKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1024,
				description: 'Bodies larger than this get 413 and start no execution',
			},
		],
	};

	// Nothing to register on the platform's side: senders are given the URL instead.
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
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const refuse = (refusal: Refusal): IWebhookResponseData => {
			res.status(refusal.status).json({ success: false, message: refusal.message });
			return { noWebhookResponse: true };
		};
		const headers = req.headers as Record<string, string | string[] | undefined>;
		const header = (name: string): string => {
			const v = headers[name.toLowerCase()];
			return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
		};

		const allowlist = String(this.getNodeParameter('allowedIps', '') ?? '')
			.split(/[,;\s]+/)
			.filter((s) => s !== '');
		if (allowlist.length) {
			// X-Forwarded-For only when the user says a proxy sets it: otherwise a sender could forge it.
			const forwarded = this.getNodeParameter('behindProxy', false) ? header('x-forwarded-for').split(',')[0].trim() : '';
			const ip = forwarded || String((req as unknown as { ip?: string }).ip ?? req.socket?.remoteAddress ?? '');
			if (!ip || !ipAllowed(ip, allowlist)) return refuse({ status: 403, message: 'This address may not post to this listener' });
		}

		const location = this.getNodeParameter('secretLocation', 'none') as string;
		if (location === 'header' || location === 'query') {
			const expected = String(this.getNodeParameter('secret', '') ?? '');
			const given =
				location === 'header'
					? header(String(this.getNodeParameter('headerName', 'X-Listener-Secret')))
					: String((req.query as IDataObject | undefined)?.[String(this.getNodeParameter('queryParameterName', 'secret'))] ?? '');
			if (!expected || !given || !sameSecret(given, expected)) return refuse({ status: 401, message: 'The shared secret is missing or wrong' });
		}

		const limit = Math.max(1, Number(this.getNodeParameter('maxBodyKb', 1024)) || 1024) * 1024;
		const raw = (req as unknown as { rawBody?: Buffer | string }).rawBody;
		const size = Math.max(Number(header('content-length')) || 0, raw === undefined ? 0 : Buffer.byteLength(raw));
		if (size > limit) return refuse({ status: 413, message: `The body is ${size} bytes; this listener takes at most ${limit}` });

		const parsed = readBody(this.getBodyData());
		if ('status' in parsed) return refuse(parsed);
		const wanted = this.getNodeParameter('actionTypes', ACTION_TYPES) as string[];
		const kept = parsed.actions.filter((a) => wanted.includes(a.actionType));
		const received = {
			success: true,
			message: `${parsed.actions.length} action${parsed.actions.length === 1 ? '' : 's'} received`,
			accepted: kept.length,
			ignored: parsed.actions.length - kept.length,
		};
		if (!kept.length) {
			res.status(200).json(received);
			return { noWebhookResponse: true };
		}
		const simplify = this.getNodeParameter('simplify', false) === true;
		const items = kept.map((a) => {
			const json: IDataObject = { senderUser: parsed.senderUser, actionType: a.actionType, data: a.data };
			return { json: simplify && PERSON_ACTIONS.includes(a.actionType) ? toCommonLead('dataPlatform', json) : json };
		});
		// n8n sends this answer itself, and n8n 2.x only once the execution exists, so a 200 with
		// accepted actions always means an execution (written here, before it, a failure to start
		// the execution would leave the sender with a 200 and nothing run).
		return { workflowData: [items], webhookResponse: received };
	}
}
