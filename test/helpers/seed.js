'use strict';
// Records put straight into a simulator over its own API (what another system would have done
// before n8n looks): the e2e tests, the queue test and the demo start from them.
const { request } = require('./n8n');
const { ECONTRACT_CRM_API_ID, ECONTRACT_CRM_API_KEY } = require('../../sandbox/econtract');

/**
 * A gas order placed in an Econtract simulator (POST /api/orders, form-encoded, the simulator's
 * keys), with the given wire fields over a complete default order. Returns the answer.
 */
async function placeEcontractOrder(simUrl, fields) {
	return await request('POST', `${simUrl}/api/orders`, {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			product_type: 'gas',
			affiliate_id: '50',
			sales_channel_id: '1',
			ip_address: '10.0.0.1',
			supplier_id: '5',
			product_id: '12',
			payment_method: '1',
			ean: '5414',
			mru_nr: '1',
			situation: '3',
			donor: '8',
			donor_client_nr: '1',
			client_gender: '1',
			client_segment: '1',
			client_language: 'nl',
			client_cellphone: '0499',
			address_street: 'S',
			address_nr: '1',
			address_postal_code: '3500',
			address_city: 'Hasselt',
			address_country: 'BE',
			...fields,
			crm_api_id: ECONTRACT_CRM_API_ID,
			crm_api_key: ECONTRACT_CRM_API_KEY,
		}).toString(),
	});
}

module.exports = { placeEcontractOrder };
