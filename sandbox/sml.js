'use strict';
// SML simulator, from the vendor's API document (docs/vendor-docs.md) ("Kit para Desarrolladores SML"):
// Django REST Framework style JSON API under /api/, token login (POST /api/auth/login/),
// the token sent as `Authorization: Token <t>` (or Bearer), DRF paging
// (count/next/previous/results, page, page_size, page_size=all), 201/204 codes and
// DRF validation errors ({"field": ["msg"]}). State in memory; tokens can be expired
// on demand (sim.expireTokens(), or POST /__sim/expire-tokens is not needed: state.tokens).
const { createSimulator } = require('./framework');

const SML_USERNAME = process.env.SML_SIM_USERNAME || 'api.user@concesionario.es';
const SML_PASSWORD = process.env.SML_SIM_PASSWORD || 'Contraseña-API-2024';

const STATUSES = ['new', 'commercial_management', 'tracing', 'end'];
const TASK_TYPES = [
	'date',
	'appraisal',
	'budget',
	'financing',
	'warranty',
	'vehicle_information',
	'response_information_mail',
	'pending_assignment',
	'other',
];
const MEDIA = ['Phone', 'E-mail', 'SMS', 'Whatsapp'];
const ORIGINS = ['national', 'foreign'];
const DEFAULT_PAGE_SIZE = 10;

const now = () => new Date().toISOString();
const clone = (v) => JSON.parse(JSON.stringify(v));

function initialState(options = {}) {
	const concessionaires = [
		{
			id: 1,
			name: 'Concesionario de Prueba',
			address: null,
			mask_c2c: '34910052683',
			concession_phone: '674833617',
			related_users: [],
			sources: [],
			notes: [],
			notes_data: [],
		},
		{
			id: 2,
			name: 'Concesionario Norte',
			address: 'Calle Mayor 1',
			mask_c2c: '34910000000',
			concession_phone: '600000000',
			related_users: [],
			sources: [],
			notes: [],
			notes_data: [],
		},
	];
	const users = [
		{
			id: 2,
			first_name: 'Adam',
			last_name: 'Mora Tortajada',
			username: SML_USERNAME,
			email: 'adam.mora@intelligenia.com',
			is_active: true,
			online: true,
			concessionaires: [1],
		},
		{
			id: 3,
			first_name: 'Beatriz',
			last_name: 'Ruiz',
			username: 'beatriz@concesionario.es',
			email: 'beatriz@concesionario.es',
			is_active: true,
			online: false,
			concessionaires: [1, 2],
		},
		{
			id: 4,
			first_name: 'Carlos',
			last_name: 'Baja',
			username: 'carlos@concesionario.es',
			email: 'carlos@concesionario.es',
			is_active: false,
			online: false,
			concessionaires: [2],
		},
	];
	const sources = [
		{
			id: 1,
			channel: 1,
			channel_data: { id: 1, slug: 'phone', name: 'Teléfono' },
			data: '666666666',
			origin: 2,
			origin_data: { id: 2, name: 'coches.net', icon: null },
			concession: 1,
		},
		{
			id: 2,
			channel: 2,
			channel_data: { id: 2, slug: 'email', name: 'Email' },
			data: 'leads@yamovil.com',
			origin: 3,
			origin_data: { id: 3, name: 'web', icon: null },
			concession: 2,
		},
	];
	const gasTypes = [
		{ id: 1, name: 'Gasolina' },
		{ id: 2, name: 'Diésel' },
		{ id: 3, name: 'Eléctrico' },
	];
	const provinces = [
		{ id: 638, country: 28, name: 'Madrid', status: true },
		{ id: 639, country: 28, name: 'Barcelona', status: true },
		{ id: 900, country: 33, name: 'Paris', status: true },
	];
	const localities = [
		{ id: 58323, province: 638, name: 'Alcalá de Henares', status: true },
		{ id: 58324, province: 638, name: 'Getafe', status: true },
		{ id: 60001, province: 639, name: 'Sabadell', status: true },
	];
	const state = {
		credentials: { [options.username || SML_USERNAME]: options.password || SML_PASSWORD },
		tokens: [],
		nextToken: 1,
		concessionaires,
		users,
		sources,
		gasTypes,
		provinces,
		localities,
		leads: [],
		history: {},
		maxPageSize: options.maxPageSize || 1000,
		calls: [],
		nextId: {
			lead: 984,
			vehicle: 1036,
			client: 500,
			request: 1032,
			task: 700,
			note: 2692,
			tag: 300,
			appraisal: 90,
			call: 1,
		},
	};
	for (let i = 0; i < (options.leads || 0); i++) {
		createLead(
			state,
			{
				source: 1 + (i % 2),
				vehicle: { brand_model: `Modelo ${i + 1}` },
				client: { name: `Cliente ${i + 1}`, phone: `6000${String(i).padStart(5, '0')}` },
			},
			users[0],
		);
	}
	return state;
}

const drfError = (errors, status = 400) => ({ status, body: errors });
const notFound = () => ({ status: 404, body: { detail: 'No encontrado.' } });

function userData(state, id) {
	const u = state.users.find((x) => x.id === id);
	if (!u) return null;
	return {
		id: u.id,
		first_name: u.first_name,
		last_name: u.last_name,
		phone: null,
		memberid: null,
		id_click2call: null,
		username: u.username,
		email: u.email,
		is_active: u.is_active,
		session: { id: u.id, start_working: null, last_seen: null, online: u.online },
	};
}

function publicUser(state, u) {
	return {
		...userData(state, u.id),
		related_concessionaires: u.concessionaires.map((c, n) => ({
			id: n + 1,
			concessionaire: c,
			concessionaire_data: state.concessionaires.find((x) => x.id === c),
			is_concessionaire_admin: false,
			is_business_manager: false,
		})),
	};
}

// --- validation, as DRF serializers answer ({"field": ["msg"]}) -------------------
function isInt(v) {
	return Number.isInteger(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
}

function validateNotes(list, path, errors) {
	if (list === undefined) return;
	if (!Array.isArray(list)) return (errors[path] = ['Se esperaba una lista de elementos.']);
	list.forEach((n, i) => {
		if (!n || typeof n !== 'object' || typeof n.content !== 'string' || !n.content)
			errors[`${path}[${i}].content`] = ['Este campo es requerido.'];
	});
}

function validateTask(task, path, errors, state) {
	if (!task || typeof task !== 'object') return (errors[path] = ['Datos inválidos.']);
	if (task.type !== undefined && !TASK_TYPES.includes(task.type))
		errors[`${path}type`] = [`"${task.type}" no es una elección válida.`];
	if (task.media !== undefined && !MEDIA.includes(task.media))
		errors[`${path}media`] = [`"${task.media}" no es una elección válida.`];
	for (const d of ['planified_realization_date', 'planified_tracking_date']) {
		if (task[d] !== undefined && task[d] !== null && Number.isNaN(Date.parse(task[d])))
			errors[`${path}${d}`] = [
				'La fecha/hora tiene un formato erróneo. Use uno de los siguientes formatos en su lugar: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
			];
	}
	for (const b of ['realization_date_check', 'tracking_date_check']) {
		if (task[b] !== undefined && typeof task[b] !== 'boolean')
			errors[`${path}${b}`] = ['Debe ser un valor booleano válido.'];
	}
	validateNotes(task.note, `${path}note`, errors);
	if (task.type === 'appraisal' && !task.appraisal)
		errors[`${path}appraisal`] = ['Este campo es requerido.'];
	if (task.appraisal) {
		if (!task.appraisal.brand_model && !task.appraisal.id)
			errors[`${path}appraisal.brand_model`] = ['Este campo es requerido.'];
		if (task.appraisal.origin !== undefined && !ORIGINS.includes(task.appraisal.origin))
			errors[`${path}appraisal.origin`] = [`"${task.appraisal.origin}" no es una elección válida.`];
		if (
			task.appraisal.gas !== undefined &&
			task.appraisal.gas !== null &&
			!state.gasTypes.some((g) => g.id === Number(task.appraisal.gas))
		)
			errors[`${path}appraisal.gas`] = [
				`Clave primaria "${task.appraisal.gas}" inválida - objeto no existe.`,
			];
	}
}

function validateLead(body, state, partial) {
	const errors = {};
	if (!partial || body.source !== undefined) {
		if (body.source === undefined || body.source === null)
			errors.source = ['Este campo es requerido.'];
		else if (!isInt(body.source) || !state.sources.some((s) => s.id === Number(body.source)))
			errors.source = [`Clave primaria "${body.source}" inválida - objeto no existe.`];
	}
	if (!partial && (!body.vehicle || typeof body.vehicle !== 'object'))
		errors.vehicle = ['Este campo es requerido.'];
	if (body.vehicle && typeof body.vehicle === 'object') {
		if (!body.vehicle.brand_model && !(partial && body.vehicle.id))
			errors['vehicle.brand_model'] = ['Este campo es requerido.'];
		if (body.vehicle.year !== undefined && body.vehicle.year !== null && !isInt(body.vehicle.year))
			errors['vehicle.year'] = ['Introduzca un número entero válido.'];
		if (
			body.vehicle.gas !== undefined &&
			body.vehicle.gas !== null &&
			!state.gasTypes.some((g) => g.id === Number(body.vehicle.gas))
		)
			errors['vehicle.gas'] = [`Clave primaria "${body.vehicle.gas}" inválida - objeto no existe.`];
		if (body.vehicle.sold !== undefined && typeof body.vehicle.sold !== 'boolean')
			errors['vehicle.sold'] = ['Debe ser un valor booleano válido.'];
	}
	if (body.client !== undefined && body.client !== null) {
		if (!body.client.name && !(partial && body.client.id))
			errors['client.name'] = ['Este campo es requerido.'];
		if (body.client.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.client.email))
			errors['client.email'] = ['Introduzca una dirección de correo electrónico válida.'];
		if (
			body.client.province !== undefined &&
			body.client.province !== null &&
			!state.provinces.some((p) => p.id === Number(body.client.province))
		)
			errors['client.province'] = [
				`Clave primaria "${body.client.province}" inválida - objeto no existe.`,
			];
		if (
			body.client.location !== undefined &&
			body.client.location !== null &&
			!state.localities.some((p) => p.id === Number(body.client.location))
		)
			errors['client.location'] = [
				`Clave primaria "${body.client.location}" inválida - objeto no existe.`,
			];
	}
	if (
		body.user !== undefined &&
		body.user !== null &&
		!state.users.some((u) => u.id === Number(body.user))
	)
		errors.user = [`Clave primaria "${body.user}" inválida - objeto no existe.`];
	if (
		body.score !== undefined &&
		body.score !== null &&
		!['1', '2', '3', '4'].includes(String(body.score))
	)
		errors.score = [`"${body.score}" no es una elección válida.`];
	if (body.status !== undefined && !STATUSES.includes(body.status))
		errors.status = [`"${body.status}" no es una elección válida.`];
	validateNotes(body.note, 'note', errors);
	validateNotes(body.tags, 'tags', errors);
	if (body.request !== undefined) {
		const tasks = body.request && body.request.task;
		if (tasks !== undefined && !Array.isArray(tasks))
			errors['request.task'] = ['Se esperaba una lista de elementos.'];
		else (tasks || []).forEach((t, i) => validateTask(t, `request.task[${i}].`, errors, state));
	}
	return Object.keys(errors).length ? errors : undefined;
}

// --- building objects, as the doc's "Datos mínimos" answer shows -------------------
function buildNotes(state, list, kind = 'note') {
	return (list || []).map((n) => ({
		id: state.nextId[kind]++,
		content: n.content,
		modified: now(),
		history: [],
	}));
}

function buildAppraisal(state, a) {
	if (!a) return null;
	const gas = a.gas === undefined || a.gas === null ? null : Number(a.gas);
	return {
		id: state.nextId.appraisal++,
		brand_model: a.brand_model,
		license_plate: a.license_plate ?? null,
		km: a.km ?? null,
		year: a.year ?? null,
		gas,
		gas_data: state.gasTypes.find((g) => g.id === gas) || null,
		extras: a.extras ?? null,
		origin: a.origin ?? null,
	};
}

function buildTask(state, t, leadId) {
	return {
		id: state.nextId.task++,
		type: t.type ?? 'other',
		subtype: t.subtype ?? null,
		description: t.description ?? null,
		media: t.media ?? 'Phone',
		planified_realization_date: t.planified_realization_date ?? null,
		planified_tracking_date: t.planified_tracking_date ?? null,
		realization_date: t.realization_date_check ? now() : null,
		realization_date_check: t.realization_date_check ?? false,
		tracking_date: t.tracking_date_check ? now() : null,
		tracking_date_check: t.tracking_date_check ?? false,
		note: buildNotes(state, t.note),
		created: now(),
		appraisal: buildAppraisal(state, t.appraisal),
		is_click2call: false,
		lead: leadId,
	};
}

function buildVehicle(state, v) {
	const gas = v.gas === undefined || v.gas === null ? null : Number(v.gas);
	return {
		id: state.nextId.vehicle++,
		brand_model: v.brand_model,
		price: v.price ?? null,
		km: v.km ?? null,
		year: v.year ?? null,
		gas,
		gas_data: state.gasTypes.find((g) => g.id === gas) || null,
		sold: v.sold ?? false,
	};
}

function buildClient(state, c) {
	if (!c) return null;
	const province = c.province === undefined || c.province === null ? null : Number(c.province);
	const location = c.location === undefined || c.location === null ? null : Number(c.location);
	return {
		id: state.nextId.client++,
		name: c.name,
		phone: c.phone ?? null,
		email: c.email ?? null,
		province,
		province_data: state.provinces.find((p) => p.id === province) || null,
		location,
		location_data: state.localities.find((p) => p.id === location) || null,
	};
}

function createLead(state, body, author) {
	const source = state.sources.find((s) => s.id === Number(body.source));
	const id = state.nextId.lead++;
	const userId = body.user !== undefined && body.user !== null ? Number(body.user) : author.id;
	const sold = body.vehicle && body.vehicle.sold === true;
	const lead = {
		id,
		concessionaire: source.concession,
		concessionaire_data: state.concessionaires.find((c) => c.id === source.concession),
		client: buildClient(state, body.client),
		vehicle: buildVehicle(state, body.vehicle),
		request: { id: state.nextId.request++, task: [] },
		note: buildNotes(state, body.note),
		end_date: null,
		user: userId,
		user_data: userData(state, userId),
		// doc "Crear Lead > sold": a sold vehicle ends the lead with result "not available".
		result: sold ? 'not available' : null,
		created: now(),
		status: sold ? 'end' : (body.status ?? 'new'),
		score: body.score === undefined || body.score === null ? null : String(body.score),
		finish_date: null,
		pending_tasks: true,
		mail_content: null,
		first_task_date: now(),
		origin: {
			id: source.origin,
			name: source.origin_data.name,
			icon: null,
			phone_set: [],
			email_set: [],
			available_channels: [],
			available_channels_data: [],
		},
		cur_user_can_assign: true,
		tags: buildNotes(state, body.tags, 'tag'),
		source: source.id,
		source_data: source,
	};
	lead.request.task = ((body.request && body.request.task) || []).map((t) => {
		const task = buildTask(state, t, id);
		delete task.lead;
		return task;
	});
	state.leads.push(lead);
	state.history[id] = [
		{
			id: 1,
			history_date: lead.created,
			history_type: '+',
			history_user: author.id,
			changes: 'created',
		},
	];
	return lead;
}

// doc "Modificar Lead": a sub-object with its `id` is updated in place; without, replaced.
function mergeObject(current, given, build) {
	if (given === null) return null;
	if (given.id !== undefined && current && Number(given.id) === current.id)
		return { ...current, ...given, id: current.id };
	return build(given);
}

function mergeList(state, current, given, kind) {
	return given.map((n) => {
		const same = n.id !== undefined && current.find((c) => c.id === Number(n.id));
		return same
			? { ...same, content: n.content ?? same.content, modified: now() }
			: buildNotes(state, [n], kind)[0];
	});
}

function updateLead(state, lead, body, author) {
	if (body.vehicle !== undefined)
		lead.vehicle = mergeObject(lead.vehicle, body.vehicle, (v) => buildVehicle(state, v));
	if (body.client !== undefined)
		lead.client = mergeObject(lead.client, body.client, (c) => buildClient(state, c));
	if (body.note !== undefined) lead.note = mergeList(state, lead.note, body.note, 'note');
	if (body.tags !== undefined) lead.tags = mergeList(state, lead.tags, body.tags, 'tag');
	if (body.request && Array.isArray(body.request.task)) {
		lead.request.task = body.request.task.map((t) => {
			const same = t.id !== undefined && lead.request.task.find((x) => x.id === Number(t.id));
			if (same)
				return {
					...same,
					...t,
					id: same.id,
					note: t.note ? mergeList(state, same.note, t.note, 'note') : same.note,
					appraisal: t.appraisal
						? mergeObject(same.appraisal, t.appraisal, (a) => buildAppraisal(state, a))
						: same.appraisal,
				};
			const task = buildTask(state, t, lead.id);
			delete task.lead;
			return task;
		});
	}
	for (const key of ['score', 'status', 'user']) {
		if (body[key] !== undefined)
			lead[key] = key === 'score' && body[key] !== null ? String(body[key]) : body[key];
	}
	if (body.user !== undefined) lead.user_data = userData(state, Number(body.user));
	if (lead.status === 'end' && !lead.end_date) lead.end_date = now();
	state.history[lead.id].push({
		id: state.history[lead.id].length + 1,
		history_date: now(),
		history_type: '~',
		history_user: author.id,
		changes: Object.keys(body).join(', '),
	});
	return lead;
}

// --- DRF paging ---------------------------------------------------------------------
function page(ctx, list) {
	const sizeRaw = ctx.query.page_size;
	const all = sizeRaw === 'all';
	const asked = all
		? list.length || 1
		: sizeRaw === undefined
			? DEFAULT_PAGE_SIZE
			: Number(sizeRaw);
	if (!all && (!Number.isInteger(asked) || asked < 1))
		return drfError({ page_size: ['Introduzca un número entero válido.'] });
	// DRF's max_page_size caps what a client asks (page_size=all is SML's own exception).
	const size = all ? asked : Math.min(asked, ctx.state.maxPageSize);
	const number = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
	const pages = Math.max(1, Math.ceil(list.length / size));
	if (!Number.isInteger(number) || number < 1 || number > pages)
		return { status: 404, body: { detail: 'Página inválida.' } };
	const link = (n) => {
		const url = new URL(ctx.url.pathname, `http://${ctx.headers.host}`);
		for (const [k, v] of Object.entries(ctx.query)) if (k !== 'page') url.searchParams.set(k, v);
		if (n > 1) url.searchParams.set('page', String(n));
		return url.toString();
	};
	return {
		status: 200,
		body: {
			count: list.length,
			next: number < pages ? link(number + 1) : null,
			previous: number > 1 ? link(number - 1) : null,
			results: clone(list.slice((number - 1) * size, number * size)),
		},
	};
}

function searchable(list, term) {
	if (!term) return list;
	const t = String(term).toLowerCase();
	return list.filter((x) => JSON.stringify(x).toLowerCase().includes(t));
}

const icontains = (value, term) =>
	String(value ?? '')
		.toLowerCase()
		.includes(String(term).toLowerCase());
const boolQuery = (v) =>
	v === undefined || v === '' ? undefined : v === 'true' || v === 'True' || v === '1';

// --- authentication (doc "Login"; header scheme as DRF's TokenAuthentication) ------
function authUser(ctx) {
	const header = String(ctx.headers.authorization || '');
	const m = header.match(/^(Token|Bearer) (\S+)$/);
	if (!header)
		return {
			error: {
				status: 401,
				body: { detail: 'Las credenciales de autenticación no se proveyeron.' },
			},
		};
	const token = m && ctx.state.tokens.find((t) => t.token === m[2]);
	if (!token) return { error: { status: 401, body: { detail: 'Token inválido.' } } };
	return {
		user: ctx.state.users.find((u) => u.username === token.username) || ctx.state.users[0],
		token,
	};
}

function handle(ctx) {
	const { method, state } = { method: ctx.req.method, state: ctx.state };
	const path = ctx.path;
	const body = ctx.body;
	if (!path.startsWith('/api/')) return undefined;
	if (
		['POST', 'PATCH', 'PUT'].includes(method) &&
		ctx.raw.length &&
		!/application\/json/i.test(ctx.headers['content-type'] || '')
	) {
		return {
			status: 415,
			body: {
				detail: `Tipo de medio "${ctx.headers['content-type'] || ''}" no soportado en la solicitud.`,
			},
		};
	}
	if (body && body.__invalidJson !== undefined)
		return { status: 400, body: { detail: 'JSON parse error' } };

	if (path === '/api/auth/login/' && method === 'POST') {
		const errors = {};
		if (!body.username) errors.username = ['Este campo es requerido.'];
		if (!body.password) errors.password = ['Este campo es requerido.'];
		if (Object.keys(errors).length) return drfError(errors);
		if (state.credentials[body.username] !== body.password) {
			return drfError({
				non_field_errors: 'No se puede iniciar sesión con las credenciales proporcionadas.',
			});
		}
		const token = `${(state.nextToken++).toString(16).padStart(8, '0')}e5c1a9b0d4f7a2c8e6b3d1f0a9c7e5b3d1f0`;
		state.tokens.push({ token, username: body.username });
		// doc "Tabla de respuestas > Login": the answer repeats username and password.
		return { status: 200, body: { username: body.username, password: body.password, token } };
	}

	const auth = authUser(ctx);
	if (auth.error) return auth.error;
	// sim.expireTokensAfter(n): the n-th authenticated call is the last one its token allows.
	if (state.expireAfter !== undefined && --state.expireAfter <= 0) {
		delete state.expireAfter;
		state.tokens = [];
	}

	if (path === '/api/auth/logout/' && method === 'POST') {
		state.tokens = state.tokens.filter((t) => t !== auth.token);
		return { status: 200, body: {} };
	}
	if (path === '/api/concessionaire/' && method === 'GET')
		return page(ctx, searchable(state.concessionaires, ctx.query.search));
	if (path === '/api/source/' && method === 'GET')
		return page(ctx, searchable(state.sources, ctx.query.search));
	if ((path === '/api/gas_type/' || path === '/api/qas_type/') && method === 'GET')
		return page(ctx, state.gasTypes);
	if (path === '/api/provinces/' && method === 'GET') {
		if (!ctx.query.country) return drfError({ country: ['Este campo es requerido.'] });
		return page(
			ctx,
			searchable(
				state.provinces.filter((p) => String(p.country) === String(ctx.query.country)),
				ctx.query.search,
			),
		);
	}
	if (path === '/api/localities/' && method === 'GET') {
		const list = ctx.query.province
			? state.localities.filter((l) => String(l.province) === String(ctx.query.province))
			: state.localities;
		return page(ctx, searchable(list, ctx.query.search));
	}
	if (path === '/api/user/' && method === 'GET') {
		let list = state.users;
		const online = boolQuery(ctx.query.online);
		const active = boolQuery(ctx.query.is_active);
		if (online !== undefined) list = list.filter((u) => u.online === online);
		if (active !== undefined) list = list.filter((u) => u.is_active === active);
		if (ctx.query.userconcession__concessionaire__id)
			list = list.filter((u) =>
				u.concessionaires.includes(Number(ctx.query.userconcession__concessionaire__id)),
			);
		return page(
			ctx,
			searchable(
				list.map((u) => publicUser(state, u)),
				ctx.query.search,
			),
		);
	}
	if (path === '/api/clients/' && method === 'GET') {
		let list = state.leads.map((l) => l.client).filter(Boolean);
		for (const [param, field] of [
			['name__icontains', 'name'],
			['phone__icontains', 'phone'],
			['email__icontains', 'email'],
		]) {
			if (ctx.query[param] !== undefined)
				list = list.filter((c) => icontains(c[field], ctx.query[param]));
		}
		return page(ctx, searchable(list, ctx.query.search));
	}
	if (path === '/api/lead/' && method === 'GET') {
		let list = state.leads;
		if (ctx.query.status !== undefined) {
			if (!STATUSES.includes(ctx.query.status))
				return drfError({
					status: [
						`Escoja una opción válida. ${ctx.query.status} no es una de las opciones disponibles.`,
					],
				});
			list = list.filter((l) => l.status === ctx.query.status);
		}
		if (ctx.query.client__phone__icontains !== undefined)
			list = list.filter(
				(l) => l.client && icontains(l.client.phone, ctx.query.client__phone__icontains),
			);
		if (ctx.query.client__email__icontains !== undefined)
			list = list.filter(
				(l) => l.client && icontains(l.client.email, ctx.query.client__email__icontains),
			);
		if (ctx.query.concessionaire__in !== undefined) {
			const ids = String(ctx.query.concessionaire__in).split(',');
			if (ids.some((x) => !/^\d+$/.test(x)))
				return drfError({ concessionaire__in: ['Introduzca un número entero válido.'] });
			list = list.filter((l) => ids.map(Number).includes(l.concessionaire));
		}
		return page(ctx, searchable(list, ctx.query.search));
	}
	if (path === '/api/lead/' && method === 'POST') {
		const errors = validateLead(body, state, false);
		if (errors) return drfError(errors);
		return { status: 201, body: createLead(state, body, auth.user) };
	}
	let m = path.match(/^\/api\/lead\/(\d+)\/(change_status\/)?$/);
	if (m) {
		const lead = state.leads.find((l) => l.id === Number(m[1]));
		if (!lead) return notFound();
		if (m[2]) {
			if (method !== 'PATCH')
				return { status: 405, body: { detail: `Método "${method}" no permitido.` } };
			if (!body.status) return drfError({ status: ['Este campo es requerido.'] });
			if (!STATUSES.includes(body.status))
				return drfError({ status: [`"${body.status}" no es una elección válida.`] });
			return { status: 200, body: updateLead(state, lead, { status: body.status }, auth.user) };
		}
		if (method === 'GET') return { status: 200, body: lead };
		if (method === 'PATCH') {
			const errors = validateLead(body, state, true);
			if (errors) return drfError(errors);
			return { status: 200, body: updateLead(state, lead, body, auth.user) };
		}
		return { status: 405, body: { detail: `Método "${method}" no permitido.` } };
	}
	m = path.match(/^\/api\/lead_history\/(\d+)\/get_history\/$/);
	if (m && method === 'GET') {
		if (!state.history[m[1]]) return notFound();
		return page(ctx, state.history[m[1]]);
	}
	if (path === '/api/lead_task_create/' && method === 'POST') {
		const errors = {};
		if (body.lead === undefined || body.lead === null) errors.lead = ['Este campo es requerido.'];
		else if (!state.leads.some((l) => l.id === Number(body.lead)))
			errors.lead = [`Clave primaria "${body.lead}" inválida - objeto no existe.`];
		validateTask(body, '', errors, state);
		if (Object.keys(errors).length) return drfError(errors);
		const lead = state.leads.find((l) => l.id === Number(body.lead));
		const task = buildTask(state, body, lead.id);
		const stored = { ...task };
		delete stored.lead;
		lead.request.task.push(stored);
		return { status: 201, body: task };
	}
	m = path.match(/^\/api\/task\/(\d+)\/$/);
	if (m) {
		const lead = state.leads.find((l) => l.request.task.some((t) => t.id === Number(m[1])));
		if (!lead) return notFound();
		const index = lead.request.task.findIndex((t) => t.id === Number(m[1]));
		if (method === 'DELETE') {
			lead.request.task.splice(index, 1);
			return { status: 204, body: '' };
		}
		if (method === 'PATCH') {
			const errors = {};
			validateTask(body, '', errors, state);
			if (Object.keys(errors).length) return drfError(errors);
			const same = lead.request.task[index];
			const { note, appraisal, ...rest } = body;
			const updated = { ...same, ...rest, id: same.id };
			if (note) updated.note = mergeList(state, same.note, note, 'note');
			if (appraisal)
				updated.appraisal = mergeObject(same.appraisal, appraisal, (a) => buildAppraisal(state, a));
			lead.request.task[index] = updated;
			// doc "Modificar Solicitudes/Tareas": the answer is the task without "lead".
			return { status: 200, body: updated };
		}
		return { status: 405, body: { detail: `Método "${method}" no permitido.` } };
	}
	if (path === '/api/netelip/call_control_lead/click2call/' && method === 'PATCH') {
		if (body.lead === undefined || body.lead === null)
			return drfError({ lead: ['Este campo es requerido.'] });
		const lead = state.leads.find((l) => l.id === Number(body.lead));
		if (!lead)
			return drfError({ lead: [`Clave primaria "${body.lead}" inválida - objeto no existe.`] });
		const call = { id: state.nextId.call++, lead: lead.id, call_control: 135, user: auth.user.id };
		state.calls.push(call);
		return { status: 200, body: call };
	}
	return undefined;
}

function createSmlSimulator(options = {}) {
	const sim = createSimulator({
		name: 'sml',
		initialState: () => initialState(options),
		malformedBody: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		malformedType: 'text/html',
		handle: (ctx) => {
			const answer = handle(ctx);
			if (answer && answer.status === 204)
				return { status: 204, body: '', contentType: 'application/json' };
			return answer;
		},
	});
	/** Makes every issued token invalid, as an expiry on SML's side does. */
	sim.expireTokens = () => {
		sim.state.tokens = [];
	};
	/** Tokens expire right after the next `calls` authenticated calls (a token expiring mid-run). */
	sim.expireTokensAfter = (calls) => {
		sim.state.expireAfter = calls;
	};
	/** The login calls of the log. */
	sim.logins = () => sim.log.filter((r) => r.path === '/api/auth/login/');
	/** Test helper (not part of the API): creates n leads as POST /api/lead/ would; returns them. */
	sim.seedLeads = (n, fields = {}) => {
		const made = [];
		for (let i = 0; i < n; i++) {
			made.push(
				createLead(
					sim.state,
					{
						source: 1,
						vehicle: { brand_model: `Seed ${sim.state.nextId.lead}` },
						client: { name: `Cliente ${sim.state.nextId.lead}` },
						...fields,
					},
					sim.state.users[0],
				),
			);
		}
		return made;
	};
	return sim;
}

/** The n8n credential (type and data, as the credential's fields hold it) that points at this simulator running at `url`. */
function smlCredential(url) {
	// token: the hidden field's default (empty: the credential logs in before its first call).
	return {
		type: 'smlApi',
		data: {
			domain: url,
			username: SML_USERNAME,
			password: SML_PASSWORD,
			authScheme: 'Token',
			token: '',
		},
	};
}

module.exports = {
	createSmlSimulator,
	smlCredential,
	SML_USERNAME,
	SML_PASSWORD,
	STATUSES,
	TASK_TYPES,
	MEDIA,
};
