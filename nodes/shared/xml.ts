import { XMLParser, XMLValidator } from '../../vendor/fastXmlParser';

// XML 1.0 forbids most control characters; they are dropped rather than sent broken.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
	return value
		.replace(INVALID_XML_CHARS, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** CDATA that survives a value containing "]]>". */
export function cdata(value: string): string {
	return `<![CDATA[${value.replace(INVALID_XML_CHARS, '').split(']]>').join(']]]]><![CDATA[>')}]]>`;
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

/** Parses XML text; returns undefined when it is not well-formed. */
export function parseXml(text: string): Record<string, unknown> | undefined {
	if (XMLValidator.validate(text) !== true) return undefined;
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		parseTagValue: false,
		trimValues: true,
		ignoreDeclaration: true,
		ignorePiTags: true,
		cdataPropName: false,
	});
	return parser.parse(text) as Record<string, unknown>;
}
