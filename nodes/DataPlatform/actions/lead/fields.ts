import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { byName, personFields, recordTypeField, text } from '../common.descriptions';
import { readExtraFields, readPermit, readPerson } from '../../helpers/build';
import type { BuildContext } from '../../helpers/build';

/** Lead fields (doc 2.2.2: "The parameters of Lead are similar to Contact"), plus companyLead. */
export function leadFields(extra: INodeProperties[] = []): INodeProperties[] {
	return [
		...personFields(),
		text(
			'Company Lead',
			'companyLead',
			'Account the lead belongs to; only sent when filled',
			'e.g. GOOGLE',
		),
		recordTypeField('Whether the lead is a person (Contact) or a company (Account)'),
		...extra,
	].sort(byName);
}

/** The `data` of add-lead / update-lead from the node's parameters. */
export function readLead(
	this: IExecuteFunctions,
	ctx: BuildContext,
	topLevel: IDataObject,
): IDataObject {
	const additional = this.getNodeParameter('additionalFields', ctx.itemIndex, {}) as IDataObject;
	const { extraFieldsJson, ...fields } = additional;
	const data = readPerson(ctx, { ...fields, ...topLevel });
	const permit = readPermit(ctx, this.getNodeParameter('permit', ctx.itemIndex, {}));
	if (permit) data.permit = permit;
	return { ...data, ...readExtraFields(ctx, extraFieldsJson) };
}
