import { defineResources, operationMap, type OperationMapOf } from '../../shared/operationMap';
import * as contact from './contact/Contact.resource';
import * as deal from './deal/Deal.resource';
import * as lead from './lead/Lead.resource';
import * as note from './note/Note.resource';
import * as sms from './sms/Sms.resource';
import * as ticket from './ticket/Ticket.resource';

/**
 * The node's resources and operations, declared once: the Resource dropdown, the fields and the
 * router's map are built from this list and from each resource's `operations`. Listed in the order
 * their fields are; the Resource dropdown sorts them by name.
 */
export const resources = defineResources({
	contact: { name: 'Contact', module: contact },
	lead: { name: 'Lead', module: lead },
	note: { name: 'Note', module: note },
	deal: { name: 'Deal', module: deal },
	ticket: { name: 'Ticket', module: ticket },
	sms: { name: 'SMS', module: sms },
});

/** The node's default resource. */
export const defaultResource = 'contact' satisfies keyof typeof resources;

/** resource -> operation -> module; a name not declared above is a TypeScript error. */
export type DataPlatformOperationMap = OperationMapOf<typeof resources>;

export const operations: DataPlatformOperationMap = operationMap(resources);
