import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inputError } from '../../../shared/errors';
import { isBlank } from '../../../shared/validation';

export const listNameField: INodeProperties = {
	displayName: 'List Name',
	name: 'listName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Newsletter Subscribers',
	description:
		'The name of the static list (created if it does not exist); fewer than 50 characters',
};

/** doc "Add leads to list": the list name must hold fewer than 50 characters. */
export function readListName(this: IExecuteFunctions, itemIndex: number): string {
	const name = String(this.getNodeParameter('listName', itemIndex) ?? '').trim();
	if (isBlank(name))
		throw inputError(
			this.getNode(),
			'listName',
			'is required, e.g. Newsletter Subscribers',
			itemIndex,
		);
	if (name.length >= 50)
		throw inputError(
			this.getNode(),
			'listName',
			`has ${name.length} characters. Expected fewer than 50`,
			itemIndex,
		);
	return name;
}
