import type { Simulator } from '../../helpers/sims';
import { dataPlatformSimulator, onlyAction, posts, run } from './setup';

let sim: Simulator;
beforeAll(async () => {
	sim = await dataPlatformSimulator().start(0);
});
afterAll(async () => sim.stop());
beforeEach(() => sim.reset());

describe('dataPlatform sms:send (send-sms)', () => {
	const sms = (extra: Record<string, unknown>) => ({
		resource: 'sms',
		operation: 'send',
		content: 'This is content',
		phones: '0333456789, 098765431',
		requestOptions: { maxRetries: 0 },
		...extra,
	});

	it('posts send-sms with the phones as a list', async () => {
		const { output, error } = await run(sim, sms({}));
		expect(error).toBeUndefined();
		expect(onlyAction(sim)).toEqual({
			actionType: 'send-sms',
			data: { content: 'This is content', phones: ['0333456789', '098765431'] },
		});
		expect(output[0].json.response).toEqual({
			index: 0,
			actionType: 'send-sms',
			success: true,
			sent: 2,
			message: 'SMS queued',
		});
	});

	it('takes the phones from an expression giving a list', async () => {
		await run(sim, sms({ phones: ['0333456789'] }));
		expect(onlyAction(sim)).toEqual({
			actionType: 'send-sms',
			data: { content: 'This is content', phones: ['0333456789'] },
		});
	});

	it('refuses an SMS without content or phones before sending', async () => {
		expect((await run(sim, sms({ content: ' ' }))).error?.message).toBe(
			'Content (content): is required and may not be empty',
		);
		expect((await run(sim, sms({ phones: ' , ' }))).error?.message).toContain(
			'Phones (phones): at least one phone number is required',
		);
		expect(posts(sim)).toHaveLength(0);
	});

	it("gives the platform's refusal when the organization has no SMS account", async () => {
		sim.state.smsEnabled = false;
		const { error } = await run(sim, sms({}));
		expect(error?.message).toBe(
			'CRM Data Platform: send-sms refused: This organization has no SMS sending account',
		);
	});
});
