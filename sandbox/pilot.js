'use strict';
// Pilot Solution simulator, from the vendor's API document (docs/vendor-docs.md):
//   POST /webhooks/welcome.php  (leads)   and  POST /webhooks/survey.php (surveys)
//   form-encoded fields, action=create, appkey; answers {success, message, data}.
// Fault kind 'notStored' (sim.addFault / POST /__sim/faults, with the framework's path, match,
// times): the request is valid but Pilot did not insert the record. Doc "Output format": the
// top-level success stays true and `data.success` ("true o false indicates that it was inserted
// in the base correctly") is false, with `data.message` saying why. The fault's `message` is that
// text and `value` the false given (default false; '0', 0 or 'false' as another server may write it).
const { createSimulator } = require('./framework');

const APP_KEY = process.env.PILOT_SIM_APP_KEY || '9715fc4b-17a8-4e56-ac7a-6deb5fd46u71';

const fail = (data, status = 200) => ({ status, body: { success: false, message: 'Error', data } });

/** Doc "Output format": the request was understood, the record was not inserted. */
const notStored = (fault) => ({
	body: {
		success: true,
		message: 'Success',
		data: {
			message: fault.message || 'The record could not be inserted in the database.',
			success: fault.value === undefined ? false : fault.value,
		},
	},
});

function checkCommon(body, state) {
	if (typeof body !== 'object' || Array.isArray(body))
		return fail('The request body must be form-encoded fields');
	if (!body.appkey) return fail('The appkey required parameter was not configured');
	if (!state.appKeys.includes(body.appkey))
		return fail('The appkey is not valid for any Pilot instance');
	if (body.action !== 'create')
		return fail('The required parameter action was not set to "create"');
	return undefined;
}

function createLead(body, state, fault) {
	const common = checkCommon(body, state);
	if (common) return common;
	// doc (1) and (2): at least one of the id/code fields of each master
	if (!body.pilot_contact_type_id && !body.pilot_contact_type_code)
		return fail('The pilot_contact_type_id or pilot_contact_type_code parameter is required');
	if (!body.pilot_business_type_id && !body.pilot_business_type_code)
		return fail('The pilot_business_type_id or pilot_business_type_code parameter is required');
	if (body.pilot_contact_type_id && !/^\d+$/.test(body.pilot_contact_type_id))
		return fail('pilot_contact_type_id must be numeric');
	if (body.pilot_business_type_id && !/^\d+$/.test(body.pilot_business_type_id))
		return fail('pilot_business_type_id must be numeric');
	if (body.pilot_birth_date && !/^\d{2}\/\d{2}\/\d{2}$/.test(body.pilot_birth_date))
		return fail('pilot_birth_date must be expressed as DD/MM/YY');
	for (const flag of [
		'pilot_notificacions_opt_in_consent_flag',
		'pilot_publicity_opt_in_consent_flag',
		'debug',
	]) {
		if (body[flag] !== undefined && !['0', '1'].includes(body[flag]))
			return fail(`${flag} must be 0 or 1`);
	}
	if (body.debug === '1') {
		return {
			body: {
				success: true,
				message: 'Success',
				data: { message: '(debug) The lead was validated and not submitted.', success: true },
			},
		};
	}
	if (fault && fault.kind === 'notStored') return notStored(fault);
	const id = state.nextLeadId++;
	const lead = { id, ...body };
	delete lead.appkey;
	state.leads.push(lead);
	const data = { message: '(3.2) The data upload service ran successfully.', success: true, id };
	if (body.pilot_assigned_user) data.assigned_user_id = 80;
	return { body: { success: true, message: 'Success', data } };
}

function createSurvey(body, state, fault) {
	const common = checkCommon(body, state);
	if (common) return common;
	if (!body.surveytype) return fail('Parameter surveytype not set');
	if (!body.telefono_contacto && !body.celular_contacto)
		return fail('At least one contact phone (telefono_contacto or celular_contacto) is required');
	for (const flag of ['checkrepited']) {
		if (body[flag] !== undefined && !['0', '1'].includes(body[flag]))
			return fail(`${flag} must be 0 or 1`);
	}
	const fields = { ...body };
	delete fields.appkey;
	delete fields.action;
	if (body.checkrepited === '1') {
		const same = state.surveys.find(
			(s) =>
				s.surveytype === body.surveytype &&
				(s.telefono_contacto || '') === (body.telefono_contacto || '') &&
				(s.celular_contacto || '') === (body.celular_contacto || '') &&
				(s.comprobante_interno || '') === (body.comprobante_interno || ''),
		);
		if (same)
			return {
				body: {
					success: true,
					message: 'The survey already exists and was not created again',
					data: same,
				},
			};
	}
	if (fault && fault.kind === 'notStored') return notStored(fault);
	const survey = { id: state.nextSurveyId++, ...fields };
	state.surveys.push(survey);
	return { body: { success: true, message: 'The survey was created successfully', data: survey } };
}

function createPilotSimulator(options = {}) {
	return createSimulator({
		name: 'pilot',
		initialState: () => ({
			appKeys: [options.appKey || APP_KEY],
			nextLeadId: 8855,
			nextSurveyId: 501,
			leads: [],
			surveys: [],
		}),
		malformedBody: '<html><body><h1>502 Bad Gateway</h1></body></html>',
		malformedType: 'text/html',
		handle({ req, path, body, query, state, fault }) {
			const merged = req.method === 'GET' ? query : body;
			if (path === '/webhooks/welcome.php') {
				if (req.method !== 'POST' && req.method !== 'GET')
					return { status: 405, body: 'Method Not Allowed', contentType: 'text/plain' };
				return createLead(merged, state, fault);
			}
			if (path === '/webhooks/survey.php') {
				if (req.method !== 'POST' && req.method !== 'GET')
					return { status: 405, body: 'Method Not Allowed', contentType: 'text/plain' };
				return createSurvey(merged, state, fault);
			}
			return undefined;
		},
	});
}

/** The n8n credential (type and data, as the credential's fields hold it) that points at this simulator running at `url`. */
function pilotCredential(url) {
	return { type: 'pilotApi', data: { appKey: APP_KEY, baseUrl: url } };
}

module.exports = { createPilotSimulator, pilotCredential, PILOT_APP_KEY: APP_KEY };
