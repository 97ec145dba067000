import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { simplifyField, toCommonLead } from '../shared/leadShape';
import { dataPlatformLead } from './helpers/commonLead';
import { isBlank, isEmail } from '../shared/validation';
import { sameSecret, unregisteredWebhookMethods } from '../shared/webhook';
import type { Refusal } from '../shared/webhook';

// doc 2.2: the listener takes POST {senderUser, data: [{actionType, data}]}, eight action types.
const ACTION_TYPES = [
	'add-contact',
	'update-contact',
	'add-lead',
	'update-lead',
	'add-note',
	'add-deal',
	'add-ticket',
	'send-sms',
];
// The actions whose data is a person (doc 2.2.1-2.2.4): the ones Simplify turns into the common lead.
const PERSON_ACTIONS = ['add-contact', 'update-contact', 'add-lead', 'update-lead'];

interface Action {
	actionType: string;
	data: IDataObject;
}

const DOTTED = /^\d{1,3}(?:\.\d{1,3}){3}$/;
// An IPv4 address mapped into IPv6 (RFC 4291 2.5.5.2): ::ffff:a.b.c.d, written short or in full.
const MAPPED_PREFIX = /^(?:(?:0{1,4}:){5}|::(?:0{1,4}:){0,4})ffff:/;

/** An address as it is compared: lower case, an IPv4-mapped IPv6 address as its IPv4 form. */
export function normalizeIp(ip: string): string {
	const address = ip.trim().toLowerCase();
	const prefix = MAPPED_PREFIX.exec(address);
	if (!prefix) return address;
	const rest = address.slice(prefix[0].length);
	if (DOTTED.test(rest)) return rest;
	const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
	if (!hex) return address;
	const high = parseInt(hex[1], 16);
	const low = parseInt(hex[2], 16);
	return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

function ipv4ToNumber(ip: string): number | undefined {
	const parts = ip.split('.');
	if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
		return undefined;
	return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** An IPv4 range: its base and prefix length; an IPv4-mapped IPv6 range (::ffff:a.b.c.d/120) counts its bits from the IPv4 part. */
function ipv4Range(entry: string): { base: number; bits: number } | undefined {
	const [rawBase, rawBits, extra] = entry.split('/');
	if (rawBits === undefined || extra !== undefined || !/^\d{1,3}$/.test(rawBits)) return undefined;
	const mapped = MAPPED_PREFIX.test(rawBase.trim().toLowerCase());
	const base = ipv4ToNumber(normalizeIp(rawBase));
	let bits = Number(rawBits);
	if (mapped && bits >= 96) bits -= 96;
	if (base === undefined || bits > 32) return undefined;
	return { base, bits };
}

/** An entry of the allowlist: an exact address (IPv4 or IPv6) or an IPv4 range such as 203.0.113.0/24. */
export function ipAllowed(ip: string, allowlist: string[]): boolean {
	const address = normalizeIp(ip);
	const asNumber = ipv4ToNumber(address);
	for (const raw of allowlist) {
		if (!raw.trim()) continue;
		if (normalizeIp(raw) === address) return true;
		const range = ipv4Range(raw);
		if (!range || asNumber === undefined) continue;
		const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
		if ((asNumber & mask) >>> 0 === (range.base & mask) >>> 0) return true;
	}
	return false;
}

interface SecretRule {
	location: 'header' | 'query';
	name: string;
	secret: string;
}

const CREDENTIAL = 'dataPlatformTriggerApi';
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UNUSABLE_CREDENTIAL: Refusal = {
	status: 500,
	message:
		'This listener requires a shared secret but its credential is missing or unreadable; no post is accepted until it is set',
};

/** What the credential holds, or what is wrong with it (names the field, never shows the secret). */
export function readSecretCredential(
	data: ICredentialDataDecryptedObject | undefined,
): SecretRule | string {
	const secret = typeof data?.secret === 'string' ? data.secret : '';
	if (!secret) return 'Secret is empty: enter the value senders must give';
	const location = data?.location === 'query' ? 'query' : 'header';
	const name = String(
		(location === 'header' ? data?.headerName : data?.queryParameterName) ?? '',
	).trim();
	if (location === 'header' && !HEADER_TOKEN.test(name))
		return `Header Name "${name}" is not an HTTP header name (letters, digits and - _ . ! # $ % & ' * + ^ \` | ~)`;
	if (location === 'query' && !name) return 'Query Parameter Name is empty';
	return { location, name, secret };
}

/**
 * The secret this listener requires: its credential's when Authentication is Shared Secret,
 * else the one version 1.0 of the node kept in the workflow; undefined when none is required.
 * A credential that is missing or unusable refuses every post (never an open listener).
 */
async function requiredSecret(ctx: IWebhookFunctions): Promise<SecretRule | Refusal | undefined> {
	if (ctx.getNodeParameter('authentication', 'none') === 'sharedSecret') {
		if (!ctx.getNode().credentials?.[CREDENTIAL]) return UNUSABLE_CREDENTIAL;
		let data: ICredentialDataDecryptedObject | undefined;
		try {
			data = await ctx.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL);
		} catch {
			return UNUSABLE_CREDENTIAL;
		}
		const rule = readSecretCredential(data);
		return typeof rule === 'string' ? UNUSABLE_CREDENTIAL : rule;
	}
	const location = ctx.getNodeParameter('secretLocation', 'none');
	if (location !== 'header' && location !== 'query') return undefined;
	return {
		location,
		name: String(
			location === 'header'
				? ctx.getNodeParameter('headerName', 'X-Listener-Secret')
				: ctx.getNodeParameter('queryParameterName', 'secret'),
		),
		secret: String(ctx.getNodeParameter('secret', '') ?? ''),
	};
}

/** The body in the listener's format, or what is wrong with it. */
function readBody(body: unknown): { senderUser: string; actions: Action[] } | Refusal {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return {
			status: 400,
			message:
				'The body must be a JSON object {"senderUser": "<email>", "data": [{"actionType": "...", "data": {...}}]}',
		};
	}
	const { senderUser, data } = body as IDataObject;
	if (isBlank(senderUser) || typeof senderUser !== 'string')
		return {
			status: 400,
			message: 'senderUser is required: the email of a user of the CRM organization',
		};
	if (!isEmail(senderUser.trim()))
		return { status: 400, message: `senderUser "${senderUser}" is not an email address` };
	if (!Array.isArray(data))
		return {
			status: 400,
			message: 'data must be an array of actions [{"actionType": "...", "data": {...}}]',
		};
	if (!data.length) return { status: 400, message: 'data holds no action' };
	const actions: Action[] = [];
	for (let n = 0; n < data.length; n++) {
		const entry = data[n] as unknown;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			return {
				status: 400,
				message: `data[${n}] must be an object {"actionType": "...", "data": {...}}`,
			};
		const { actionType, data: actionData } = entry as IDataObject;
		if (typeof actionType !== 'string' || isBlank(actionType))
			return { status: 400, message: `data[${n}].actionType is required` };
		if (!ACTION_TYPES.includes(actionType)) {
			return {
				status: 400,
				message: `data[${n}].actionType "${actionType}" is not an action type (expected one of ${ACTION_TYPES.join(', ')})`,
			};
		}
		if (!actionData || typeof actionData !== 'object' || Array.isArray(actionData))
			return { status: 400, message: `data[${n}].data must be an object` };
		actions.push({ actionType, data: actionData as IDataObject });
	}
	return { senderUser: senderUser.trim(), actions };
}

const LEGACY_SECRET_PARAMETERS: INodeProperties[] = [
	{
		displayName: 'Shared Secret',
		name: 'secretLocation',
		type: 'hidden',
		default: 'none',
		displayOptions: { show: { authentication: ['none'] } },
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'hidden',
		default: 'X-Listener-Secret',
		displayOptions: { show: { authentication: ['none'] } },
	},
	{
		displayName: 'Query Parameter Name',
		name: 'queryParameterName',
		type: 'hidden',
		default: 'secret',
		displayOptions: { show: { authentication: ['none'] } },
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'hidden',
		default: '',
		displayOptions: { show: { authentication: ['none'] } },
	},
];

export class DataPlatformTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CRM Data Platform Trigger',
		name: 'dataPlatformTrigger',
		icon: { light: 'file:dataPlatform.svg', dark: 'file:dataPlatform.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Actions Posted to /" + $parameter["path"]}}',
		description:
			'Receives contacts, leads, notes, deals, tickets and SMS posted in the format of a CRM Data Platform webhook listener',
		defaults: { name: 'CRM Data Platform Trigger' },
		inputs: [],
		credentials: [
			{
				name: 'dataPlatformTriggerApi',
				required: true,
				displayOptions: { show: { authentication: ['sharedSecret'] } },
				testedBy: 'dataPlatformTriggerSecretTest',
			},
		],
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
				description:
					'Path of the webhook URL that senders post to, in place of a Data Platform listener URL',
			},
			{
				displayName: 'Trigger On',
				name: 'actionTypes',
				type: 'multiOptions',
				options: [
					{
						name: 'Add Contact',
						value: 'add-contact',
						description: 'A contact or account is added',
					},
					{ name: 'Add Deal', value: 'add-deal', description: 'A deal is added or updated' },
					{ name: 'Add Lead', value: 'add-lead', description: 'A lead is added' },
					{
						name: 'Add Note',
						value: 'add-note',
						description: 'A note is added to a contact or a deal',
					},
					{ name: 'Add Ticket', value: 'add-ticket', description: 'A ticket is opened' },
					{ name: 'Send SMS', value: 'send-sms', description: 'An SMS is to be sent' },
					{
						name: 'Update Contact',
						value: 'update-contact',
						description: 'A contact or account is updated',
					},
					{ name: 'Update Lead', value: 'update-lead', description: 'A lead is updated' },
				],
				default: [
					'add-contact',
					'update-contact',
					'add-lead',
					'update-lead',
					'add-note',
					'add-deal',
					'add-ticket',
					'send-sms',
				],
				description:
					'Which kinds of action start the workflow (one item each); the others are accepted and left out',
			},
			// Contact and lead actions become the common lead; notes, deals, tickets and SMS stay as they are.
			simplifyField,
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'Anyone who knows the URL may post' },
					{
						name: 'Shared Secret',
						value: 'sharedSecret',
						description:
							'Senders must give the secret of a credential, in a header or a query parameter',
					},
				],
				default: 'none',
				description:
					'Whether senders must give a secret; a wrong or missing one gets 401 and starts no execution',
			},
			{
				displayName:
					'Anyone who knows this URL can post to it. To require a secret, choose Authentication: Shared Secret; the secret is kept in a credential, not in the workflow.',
				name: 'openNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'], secretLocation: ['none'] } },
			},
			{
				displayName:
					'This trigger still checks the secret that an older version of this node saved in the workflow, where it is in plain text and in every export. Choose Authentication: Shared Secret and a credential with the same secret and header or query parameter name: senders keep working and the old secret leaves the workflow.',
				name: 'legacySecretNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'], secretLocation: ['header', 'query'] } },
			},
			// The secret of version 1.0 of this node, saved in the workflow. Hidden, and honoured only
			// while Authentication is None, so old workflows keep refusing posts without it; choosing
			// Shared Secret hides them, and n8n then drops them from the workflow.
			...LEGACY_SECRET_PARAMETERS,
			{
				displayName: 'Allowed IPs',
				name: 'allowedIps',
				type: 'string',
				default: '',
				placeholder: 'e.g. 203.0.113.7, 198.51.100.0/24',
				description:
					'Addresses (or IPv4 ranges) allowed to post, separated by commas; empty allows any. Others get 403. The address is the one n8n determines: behind a reverse proxy, set N8N_PROXY_HOPS where n8n runs.',
			},
			{
				displayName:
					"Behind a Proxy is no longer a setting of this node: n8n determines the sender's address itself, trusting X-Forwarded-For only for as many proxies as N8N_PROXY_HOPS says (set it where n8n runs, e.g. N8N_PROXY_HOPS=1 behind one reverse proxy). Without it, the allowlist sees the proxy's address.",
				name: 'behindProxyNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { behindProxy: [true] } },
			},
			// Version 1.0's "Behind a Proxy" (which trusted the left-most X-Forwarded-For entry, one the
			// sender writes): kept so old workflows load and show the notice above, read by nothing.
			{ displayName: 'Behind a Proxy', name: 'behindProxy', type: 'hidden', default: false },
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

	methods = {
		credentialTest: {
			// Nothing can be called with a shared secret (senders give it to n8n): the Test button
			// checks its form only, and says so.
			async dataPlatformTriggerSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const rule = readSecretCredential(credential.data);
				if (typeof rule === 'string') return { status: 'Error', message: rule };
				const where =
					rule.location === 'header'
						? `the header ${rule.name}`
						: `the query parameter ${rule.name}`;
				return {
					status: 'OK',
					message: `Well-formed: senders must give this secret in ${where}. Nothing was sent; only a post to the trigger's URL proves it.`,
				};
			},
		},
	};

	// Nothing to register on the platform's side: senders are given the URL instead.
	webhookMethods = unregisteredWebhookMethods;

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
			// The address Express gives with n8n's "trust proxy" (N8N_PROXY_HOPS): X-Forwarded-For
			// is read only as far as that many proxies, counted from the right, and only when set.
			const ip = String((req as unknown as { ip?: string }).ip ?? req.socket?.remoteAddress ?? '');
			if (!ip || !ipAllowed(ip, allowlist))
				return refuse({ status: 403, message: 'This address may not post to this listener' });
		}

		const rule = await requiredSecret(this);
		if (rule && 'status' in rule) return refuse(rule);
		if (rule) {
			const given =
				rule.location === 'header'
					? header(rule.name)
					: String((req.query as IDataObject | undefined)?.[rule.name] ?? '');
			if (!rule.secret || !given || !sameSecret(given, rule.secret))
				return refuse({ status: 401, message: 'The shared secret is missing or wrong' });
		}

		const limit = Math.max(1, Number(this.getNodeParameter('maxBodyKb', 1024)) || 1024) * 1024;
		const raw = (req as unknown as { rawBody?: Buffer | string }).rawBody;
		const size = Math.max(
			Number(header('content-length')) || 0,
			raw === undefined ? 0 : Buffer.byteLength(raw),
		);
		if (size > limit)
			return refuse({
				status: 413,
				message: `The body is ${size} bytes; this listener takes at most ${limit}`,
			});

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
			const json: IDataObject = {
				senderUser: parsed.senderUser,
				actionType: a.actionType,
				data: a.data,
			};
			// Simplified: which action (added or updated, contact or lead), then the common lead.
			return {
				json:
					simplify && PERSON_ACTIONS.includes(a.actionType)
						? { actionType: a.actionType, ...toCommonLead(dataPlatformLead, json) }
						: json,
			};
		});
		// n8n sends this answer itself, and n8n 2.x only once the execution exists, so a 200 with
		// accepted actions always means an execution (written here, before it, a failure to start
		// the execution would leave the sender with a 200 and nothing run).
		return { workflowData: [items], webhookResponse: received };
	}
}
