import { toPhpForm, toPhpQuery } from '../../../nodes/Econtract/helpers/form';

describe('Econtract form encoding (vendor client wire rules)', () => {
	it('writes lists in PHP bracket notation, in order', () => {
		expect(toPhpForm({ interests: ['fire', 'car'] }).toString()).toBe(
			'interests%5B%5D=fire&interests%5B%5D=car',
		);
	});

	it('writes booleans as 1 and 0 and numbers as digits', () => {
		expect(
			toPhpForm({
				is_hot: true,
				ean_unknown: false,
				usage_day: 3500,
				monthly_amount: 80.5,
			}).toString(),
		).toBe('is_hot=1&ean_unknown=0&usage_day=3500&monthly_amount=80.5');
	});

	it('skips null and undefined, keeps empty strings (the doc sends box as "")', () => {
		expect(toPhpForm({ a: null, b: undefined, box: '' }).toString()).toBe('box=');
	});

	it('writes nested maps as key[sub] and encodes reserved characters', () => {
		const form = toPhpForm({ meta: { a: 'x&y=z' }, cv: '<10' });
		expect([...form]).toEqual([
			['meta[a]', 'x&y=z'],
			['cv', '<10'],
		]);
		expect(form.toString()).toBe('meta%5Ba%5D=x%26y%3Dz&cv=%3C10');
	});

	it('gives GET data as a flat query object with booleans as 1/0', () => {
		expect(toPhpQuery({ has_solar: true, roof_isolation: 0, producttype: 'gas' })).toEqual({
			has_solar: '1',
			roof_isolation: '0',
			producttype: 'gas',
		});
	});
});
