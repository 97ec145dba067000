import { XMLParser, XMLValidator } from '../../vendor/fastXmlParser';

// XML 1.0 forbids most control characters; they are dropped rather than sent broken.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// An unpaired surrogate is no character: UTF-8 writes it as U+FFFD. Replaced first, so that
// dropping a character between two halves cannot join them into another character.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text XML 1.0 can carry: unpaired surrogates as U+FFFD, forbidden control characters dropped. */
export function xmlChars(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD').replace(INVALID_XML_CHARS, '');
}

export function escapeXml(value: string): string {
	return xmlChars(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** CDATA that survives a value containing "]]>". */
export function cdata(value: string): string {
	return `<![CDATA[${xmlChars(value).split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

export function isXmlName(name: string): boolean {
	return XML_NAME.test(name) && !/^xml/i.test(name);
}

/** An element tree: a string is escaped text, {cdata} is raw CDATA, an array is children. */
export type XmlNode = {
	name: string;
	attributes?: Record<string, string>;
	text?: string;
	cdata?: string;
	children?: XmlNode[];
};

export function renderXml(node: XmlNode, indent = ''): string {
	const attrs = Object.entries(node.attributes ?? {})
		.map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
		.join('');
	if (node.children && node.children.length) {
		const inner = node.children.map((child) => renderXml(child, `${indent}\t`)).join('\n');
		return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
	}
	const content = node.cdata !== undefined ? cdata(node.cdata) : escapeXml(node.text ?? '');
	return `${indent}<${node.name}${attrs}>${content}</${node.name}>`;
}

// fast-xml-parser refuses (throws on) elements named like JavaScript's object internals
// (constructor, prototype, __proto__) and renames toString & co. They are valid XML names
// (a PUBLITRAC custom field may be called so): every name is parsed with this prefix and
// restored as an own property.
const NAME_PREFIX = 'x\u2063';

function restoreNames(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(restoreNames);
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
		const name = key.startsWith(NAME_PREFIX) ? key.slice(NAME_PREFIX.length) : key.startsWith(`@_${NAME_PREFIX}`) ? `@_${key.slice(NAME_PREFIX.length + 2)}` : key;
		Object.defineProperty(out, name, { value: restoreNames(inner), enumerable: true, writable: true, configurable: true });
	}
	return out;
}

// An element or attribute named like a property of Object.prototype (constructor, toString ...),
// possibly with a namespace prefix: only such documents need the renaming above.
const OBJECT_NAMES = new RegExp(`[<\\s:/](?:${[...Object.getOwnPropertyNames(Object.prototype), 'prototype'].join('|')})[\\s>/=]`);

const OPTIONS = {
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	parseTagValue: false,
	trimValues: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
	cdataPropName: false as const,
};
const plainParser = new XMLParser(OPTIONS);
const renamingParser = new XMLParser({
	...OPTIONS,
	transformTagName: (name: string) => `${NAME_PREFIX}${name}`,
	transformAttributeName: (name: string) => `${NAME_PREFIX}${name}`,
});

/** Parses XML text; returns undefined when it is not well-formed. */
export function parseXml(text: string): Record<string, unknown> | undefined {
	if (XMLValidator.validate(text) !== true) return undefined;
	// The renaming walk costs as much as the parse: a 100-lead PUBLITRAC page rarely needs it.
	if (!OBJECT_NAMES.test(text)) return plainParser.parse(text) as Record<string, unknown>;
	return restoreNames(renamingParser.parse(text)) as Record<string, unknown>;
}
