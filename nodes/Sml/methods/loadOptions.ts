import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { smlList } from '../transport';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

async function all(
	ctx: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return await smlList.call(ctx, path, { returnAll: true, limit: 0, qs, pageSize: 100 });
}

function current(ctx: ILoadOptionsFunctions, paths: string[]): unknown {
	for (const path of paths) {
		const value = ctx.getCurrentNodeParameter(path);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

/** Dropdowns fed by the API (doc: fuentes, combustible, provincias, localidades, usuarios, concesionarios). */
export const loadOptions = {
	async getSources(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const list = await all(this, '/api/source/');
		return list
			.map((s) => {
				const origin = (s.origin_data as IDataObject | undefined)?.name;
				const channel = (s.channel_data as IDataObject | undefined)?.name;
				const label = [origin, channel, s.data]
					.filter((x) => x !== undefined && x !== null && x !== '')
					.join(' - ');
				return { name: label || `Source ${String(s.id)}`, value: Number(s.id) };
			})
			.sort(byName);
	},
	async getGasTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await all(this, '/api/gas_type/'))
			.map((g) => ({ name: String(g.name ?? g.id), value: Number(g.id) }))
			.sort(byName);
	},
	async getProvinces(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		// doc "Buscar Provincias": country is required, 28 = Spain.
		const country = current(this, ['country']) ?? 28;
		return (await all(this, '/api/provinces/', { country: String(country) }))
			.map((p) => ({ name: String(p.name ?? p.id), value: Number(p.id) }))
			.sort(byName);
	},
	async getLocalities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const province = current(this, [
			'province',
			'additionalFields.client.province',
			'updateFields.client.province',
		]);
		const qs: IDataObject = province === undefined ? {} : { province: String(province) };
		return (await all(this, '/api/localities/', qs))
			.map((l) => ({ name: String(l.name ?? l.id), value: Number(l.id) }))
			.sort(byName);
	},
	async getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await all(this, '/api/user/'))
			.map((u) => {
				const name = [u.first_name, u.last_name].filter(Boolean).join(' ');
				return {
					name: name ? `${name} (${String(u.username ?? u.id)})` : String(u.username ?? u.id),
					value: Number(u.id),
				};
			})
			.sort(byName);
	},
	async getConcessionaires(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return (await all(this, '/api/concessionaire/'))
			.map((c) => ({ name: String(c.name ?? c.id), value: Number(c.id) }))
			.sort(byName);
	},
};
