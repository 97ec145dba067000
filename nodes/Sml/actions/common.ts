import { parseJsonObject } from '../../shared/json';
import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { toVendorDate } from '../../shared/dates';
import { inputError } from '../../shared/errors';
import { assertEmail, isBlank, readId } from '../../shared/validation';

/**
 * Reads a fixedCollection of `{content}` entries into the doc's `[{content}]` (ids kept when set).
 * An entry with neither content nor id is left out, as every blank optional field is (SML refuses
 * an empty content).
 */
export function readContentList(
	value: unknown,
	checkId?: (id: unknown, index: number) => unknown,
): IDataObject[] | undefined {
	const entries = ((value as IDataObject | undefined)?.values ?? []) as IDataObject[];
	const out: IDataObject[] = [];
	for (const [n, e] of entries.entries()) {
		const raw = checkId && !isBlank(e.id) ? checkId(e.id, n) : e.id;
		const id = !isBlank(raw) && Number(raw) > 0 ? Number(raw) : undefined;
		if (isBlank(e.content) && id === undefined) continue;
		const entry: IDataObject = { content: String(e.content ?? '') };
		if (id !== undefined) entry.id = id;
		out.push(entry);
	}
	return out.length ? out : undefined;
}

/** Keeps only the values a user set: blanks, zero ids and zero years are not sent. */
export function setValues(
	fields: IDataObject,
	zeroMeansUnset: string[] = ['id', 'year'],
): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (isBlank(value)) continue;
		if (zeroMeansUnset.includes(key) && Number(value) === 0) continue;
		out[key] = value;
	}
	return out;
}

/** Parses the raw JSON option, naming it in the error. */
export function readJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): IDataObject {
	return parseJsonObject(this.getNode(), field, value, itemIndex);
}

/** Deep-merges the raw JSON into the built body: objects key by key, anything else replaced. */
export function mergeBody(body: IDataObject, extra: IDataObject): IDataObject {
	const out: IDataObject = { ...body };
	for (const [key, value] of Object.entries(extra)) {
		const current = out[key];
		if (
			value &&
			typeof value === 'object' &&
			!Array.isArray(value) &&
			current &&
			typeof current === 'object' &&
			!Array.isArray(current)
		) {
			out[key] = mergeBody(current as IDataObject, value as IDataObject);
		} else out[key] = value;
	}
	return out;
}

/** A date as SML takes it (doc examples: 2019-05-06T14:56:46.903Z, ISO 8601 in UTC). */
export function isoDate(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	// Read with its own offset (or the workflow's zone), then written in UTC with a Z.
	const withOffset = toVendorDate(this.getNode(), value, {
		field,
		format: "yyyy-MM-dd'T'HH:mm:ss.SSSZZ",
		zone: this.getTimezone(),
		itemIndex,
	});
	return DateTime.fromISO(withOffset, { setZone: true })
		.toUTC()
		.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
}

/** The task fields of the doc (Crear Solicitudes/Tareas), read from a set of parameters. */
export function readTask(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
	label: string,
): IDataObject {
	const { planified_realization_date, planified_tracking_date, note, appraisal, ...rest } = fields;
	const task = setValues(rest);
	for (const [name, value] of [
		['planified_realization_date', planified_realization_date],
		['planified_tracking_date', planified_tracking_date],
	] as const) {
		if (!isBlank(value)) task[name] = isoDate.call(this, value, `${label}${name}`, itemIndex);
	}
	const notes =
		typeof note === 'string'
			? note
					.split('\n')
					.map((s) => s.trim())
					.filter(Boolean)
					.map((content) => ({ content }))
			: readContentList(note, (id, n) =>
					readId(this.getNode(), `Note ID (${label}note[${n}].id)`, id, itemIndex, {
						allowZero: true,
					}),
				);
	if (notes && notes.length) task.note = notes;
	// Only an appraisal with a value set is sent: an empty {} would make SML ask for its brand_model.
	const a = appraisal && typeof appraisal === 'object' ? setValues(appraisal as IDataObject) : {};
	if (Object.keys(a).length) {
		if (a.gas !== undefined)
			a.gas = readId(
				this.getNode(),
				`Gas Type Name or ID (${label}appraisal.gas)`,
				a.gas,
				itemIndex,
			);
		if (a.id !== undefined)
			a.id = readId(this.getNode(), `Appraisal ID (${label}appraisal.id)`, a.id, itemIndex, {
				allowZero: true,
			});
		task.appraisal = a;
	}
	// doc: appraisal "obligatorio/parcial si el type es appraisal", brand_model obligatorio.
	if (
		task.type === 'appraisal' &&
		!(task.appraisal as IDataObject | undefined)?.brand_model &&
		!(task.appraisal as IDataObject | undefined)?.id
	) {
		throw inputError(
			this.getNode(),
			`${label}appraisal.brand_model`,
			'is required when the task type is Appraisal: the make and model of the appraised vehicle',
			itemIndex,
		);
	}
	return task;
}

/** The client sub-object (doc "client"), checked before sending. */
export function readClient(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	requireName: boolean,
): IDataObject | undefined {
	const client = setValues((value ?? {}) as IDataObject);
	if (!Object.keys(client).length) return undefined;
	// doc: name "obligatorio en caso de rellenar el bloque cliente".
	if (requireName && isBlank(client.name))
		throw inputError(
			this.getNode(),
			'client.name',
			'is required when any client field is set',
			itemIndex,
		);
	assertEmail(this.getNode(), 'client.email', client.email, itemIndex);
	if (client.province !== undefined)
		client.province = readId(
			this.getNode(),
			'Province Name or ID (client.province)',
			client.province,
			itemIndex,
		);
	if (client.location !== undefined)
		client.location = readId(
			this.getNode(),
			'Locality Name or ID (client.location)',
			client.location,
			itemIndex,
		);
	if (client.id !== undefined)
		client.id = readId(this.getNode(), 'Client ID (client.id)', client.id, itemIndex, {
			allowZero: true,
		});
	return client;
}

/** The vehicle sub-object (doc "vehicle"). */
export function readVehicle(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject | undefined {
	const vehicle = setValues((value ?? {}) as IDataObject);
	if (!Object.keys(vehicle).length) return undefined;
	if (vehicle.gas !== undefined)
		vehicle.gas = readId(
			this.getNode(),
			'Gas Type Name or ID (vehicle.gas)',
			vehicle.gas,
			itemIndex,
		);
	if (vehicle.id !== undefined)
		vehicle.id = readId(this.getNode(), 'Vehicle ID (vehicle.id)', vehicle.id, itemIndex, {
			allowZero: true,
		});
	return vehicle;
}
