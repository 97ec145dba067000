// Builds the fuzz fields of an operation from its description: every string, json and
// dateTime parameter, at its path (fixedCollection rows at index 0), named as the
// description names it. Each CRM file says where a field lands on the wire and how.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Expected, FuzzField } from './engine';

export interface FieldInfo {
	/** Parameter path (fixedCollection rows as index 0). */
	path: Array<string | number>;
	/** The property itself. */
	property: INodeProperties;
	/** Display names and internal names from the root to the field. */
	names: string[];
	kind: FuzzField['kind'];
}

/** Every string, json and dateTime parameter of the operation. */
export function fieldsOf(properties: INodeProperties[]): FieldInfo[] {
	const out: FieldInfo[] = [];
	const walk = (props: INodeProperties[], path: Array<string | number>, names: string[]) => {
		for (const p of props) {
			const here = [...path, p.name];
			const named = [...names, p.displayName, p.name];
			if (p.type === 'collection') walk((p.options ?? []) as INodeProperties[], here, named);
			else if (p.type === 'fixedCollection') {
				for (const o of (p.options ?? []) as Array<{
					name: string;
					displayName: string;
					values: INodeProperties[];
				}>) {
					walk(o.values, p.typeOptions?.multipleValues ? [...here, o.name, 0] : [...here, o.name], [
						...named,
						o.displayName,
						o.name,
					]);
				}
			} else if (p.type === 'string' || p.type === 'json' || p.type === 'dateTime') {
				out.push({
					path: here,
					property: p,
					names: named,
					kind: p.type === 'json' ? 'json' : p.type === 'dateTime' ? 'date' : 'text',
				});
			}
		}
	};
	walk(properties, [], []);
	// The same name shown for several product types (Econtract) is one field.
	const seen = new Set<string>();
	return out.filter((f) => {
		const key = f.path.join('.');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Names an error may use for a field: its own display and internal name, and its parents' when the leaf name is generic. */
export function errorNames(info: FieldInfo, extra: string[] = []): string[] {
	const generic = ['value', 'name', 'content', 'values', 'field'];
	const own = [info.property.displayName, info.property.name];
	const names = generic.includes(info.property.name)
		? info.names.filter((n) => !generic.includes(n))
		: own;
	return [...new Set([...names, ...extra])].filter((n) => n.length > 1);
}

export type Spec = Partial<Pick<FuzzField, 'names' | 'context'>> & {
	wire: FuzzField['wire'];
	expect: (input: unknown, parameters: IDataObject) => Expected;
};

/** Turns the description's fields into fuzz fields with the CRM's wire rules; every field must get a spec or a reason. */
export function buildFields(
	infos: FieldInfo[],
	specOf: (info: FieldInfo) => Spec | string,
): { fields: FuzzField[]; notFuzzed: Record<string, string> } {
	const fields: FuzzField[] = [];
	const notFuzzed: Record<string, string> = {};
	for (const info of infos) {
		const spec = specOf(info);
		const key = info.path.filter((s) => typeof s === 'string').join('.');
		if (typeof spec === 'string') {
			notFuzzed[key] = spec;
			continue;
		}
		fields.push({
			path: info.path,
			names: spec.names ?? errorNames(info),
			kind: info.kind,
			context: spec.context,
			wire: spec.wire,
			expect: spec.expect,
		});
	}
	return { fields, notFuzzed };
}
