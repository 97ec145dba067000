import type { INodeProperties } from 'n8n-workflow';
import { getManyResource } from '../listOperation';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = getManyResource(
	'locality',
	'Locality',
	'Get many localities',
	'Search localities',
	getMany,
);
