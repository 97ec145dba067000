// The credential test cannot create data (every documented action does), so it only
// checks the URL's form and that its server answers: a GET, never a POST of an action.
import { DataPlatformApi } from '../../../credentials/DataPlatformApi.credentials';
import { sendHttp } from '../../helpers/context';
import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, LISTENER_PATH, posts, run } from './setup';
import { evaluate } from '../../helpers/runtime';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

const credential = new DataPlatformApi();
// The test URL is an n8n expression over $credentials; evaluated here as n8n's sandbox would.
const testUrl = (listenerUrl: string): string => {
	const source = String(credential.test.request.url)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return evaluate(source, { $credentials: { listenerUrl } }) as string;
};

describe('dataPlatformApi credential', () => {
	it('declares the listener URL as a password field and says what its test checks', () => {
		const listener = credential.properties.find((p) => p.name === 'listenerUrl')!;
		expect(listener.typeOptions).toEqual({ password: true });
		expect(listener.hint).toContain(
			'only checks that this is an http(s) URL with a path and that its server answers',
		);
		// n8n's dialog shows its own "Connection tested successfully" for any OK and drops the test's message, so the hint says it.
		expect(listener.hint).toContain('it cannot tell a right listener path from a wrong one');
	});

	it('tests with a GET that any HTTP answer passes, creating nothing', async () => {
		const request = credential.test.request;
		expect(request.method).toBe('GET');
		expect(request.body).toBeUndefined();
		expect(request.ignoreHttpStatusErrors).toBe(true);
		const url = testUrl(`${sim.url}${LISTENER_PATH}`);
		expect(url).toBe(`${sim.url}${LISTENER_PATH}`);
		const answer = await sendHttp({
			method: 'GET',
			url,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		});
		expect(answer.statusCode).toBe(405);
		expect(posts(sim).map((r) => r.method)).toEqual(['GET']);
		expect(sim.state.contacts).toHaveLength(0);
	});

	it.each([
		['not a url'],
		['ftp://example.com/listener'],
		['https://example.com'],
		['https://example.com/'],
	])('sends the test of a malformed URL (%s) to a host that cannot resolve', (bad) => {
		expect(testUrl(bad)).toBe('http://listener-url-must-be-an-http-url-with-a-path.invalid/');
	});

	it('makes the node refuse a listener URL without a path before sending', async () => {
		const { error } = await run(
			sim,
			{ resource: 'sms', operation: 'send', content: 'x', phones: '1' },
			{ credential: { listenerUrl: sim.url } },
		);
		expect(error?.message).toBe(
			"CRM Data Platform: the credential's Listener URL has no path; copy the whole URL of the listener",
		);
		expect(sim.log).toHaveLength(0);
	});
});
