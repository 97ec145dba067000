import type { INodeProperties } from 'n8n-workflow';
import type { ResourceOperations } from '../../../shared/operationMap';
import { getManyResource } from '../listOperation';
import * as getMany from './getMany.operation';

/** This resource's operations by internal name, one per value of its Operation dropdown. */
export const operations = { getMany } satisfies ResourceOperations;

export const description: INodeProperties[] = getManyResource(
	'concessionaire',
	'Concessionaire',
	'Get many concessionaires',
	'List concessionaires (dealerships)',
	getMany,
);
