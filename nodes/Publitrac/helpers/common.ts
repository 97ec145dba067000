import type { IDataObject } from 'n8n-workflow';

/** A write's answer as one output item. */
export function answerItem(
	answer: { status: string; message: string },
	extra: IDataObject = {},
): IDataObject {
	return { success: true, status: answer.status, message: answer.message, ...extra };
}
