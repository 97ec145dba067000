import type { IDataObject } from 'n8n-workflow';

/** A write's answer as one output item. */
export function answerItem(
	answer: { status: string; message: string },
	extra: IDataObject = {},
): IDataObject {
	return { success: true, status: answer.status, message: answer.message, ...extra };
}

/**
 * The query parameters of getList for a list (doc "Get List"). The doc's parameter table names
 * the list listName, but its own example request passes viewName=Imported2012: both are sent,
 * with the same value, so the list is found whichever name the server reads.
 */
export function getListParams(listName: string): Record<string, string> {
	return { listName, viewName: listName };
}
