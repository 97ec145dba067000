// How PUBLITRAC's answer status is read for the write methods of every resource (transport
// behaviour): only the doc's 9xxx family is an error.
import type { IDataObject } from 'n8n-workflow';
import { apiCalls, usePublitracWithLeads, run } from './setup';

const { sim, emails } = usePublitracWithLeads();

// The same rule for every method: a status outside the doc's 9xxx error family is the answer of
// a call PUBLITRAC carried out, never an error (here each write answered <status>200</status>).
describe('PUBLITRAC answers with a status the doc does not list', () => {
	const envelope = (status: string, message: string) =>
		`<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<status>${status}</status>\n<message>${message}</message>\n</response>`;
	const writes: Array<[string, () => IDataObject, string]> = [
		[
			'list:addLeads',
			() => ({ resource: 'list', operation: 'addLeads', listName: 'maListe', emails: emails[0] }),
			'addLeadsToList',
		],
		[
			'history:addWebVisit',
			() => ({
				resource: 'history',
				operation: 'addWebVisit',
				email: emails[0],
				additionalFields: { url: 'http://www.acme.com/' },
			}),
			'addWebVisitHistory',
		],
		[
			'opportunity:sync',
			() => ({
				resource: 'opportunity',
				operation: 'sync',
				id: 'o1',
				name: 'Deal',
				salesStage: 'Prospecting',
				amount: 10,
				probability: 10,
				leads: 'x1',
				additionalFields: {},
			}),
			'syncOpportunity',
		],
		[
			'lead:sync',
			() => ({
				resource: 'lead',
				operation: 'sync',
				email: emails[0],
				additionalFields: { firstName: 'Ana' },
			}),
			'syncLead',
		],
	];

	it.each(writes)(
		'%s: <status>200</status> is success, and the write was carried out once',
		async (_name, params, method) => {
			// `processed`: the simulator carries the call out, then answers with this envelope.
			sim.addFault({
				kind: 'status',
				status: 200,
				processed: true,
				body: envelope('200', 'Saved.'),
				contentType: 'text/xml',
			});
			const { output, error } = await run(sim, params());
			expect(error).toBeUndefined();
			expect(output[0].json).toMatchObject({ success: true, status: '200', message: 'Saved.' });
			const calls = apiCalls(sim);
			expect(calls).toHaveLength(1);
			expect(calls[0].query.method).toBe(method);
			expect(calls[0].handlerStatus).toBe(200);
		},
	);

	it.each([
		['9011', 'PUBLITRAC: 9011 ERROR_INVALID_XML (invalid XML): Bad.'],
		['9999', 'PUBLITRAC: 9999: Bad.'],
	])('a %s status is an error', async (status, message) => {
		sim.addFault({
			kind: 'status',
			status: 200,
			processed: true,
			body: envelope(status, 'Bad.'),
			contentType: 'text/xml',
		});
		const { error } = await run(sim, writes[0][1]());
		expect(error?.message).toBe(message);
	});
});
