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
// The plain path parses in document order and builds the objects itself (compress below):
// fast-xml-parser's own object building tracks a path matcher for every element and costs
// twice the parse (a 100-lead PUBLITRAC page: 22 ms against 10 ms).
const orderedParser = new XMLParser({ ...OPTIONS, preserveOrder: true });
const renamingParser = new XMLParser({
	...OPTIONS,
	transformTagName: (name: string) => `${NAME_PREFIX}${name}`,
	transformAttributeName: (name: string) => `${NAME_PREFIX}${name}`,
});

type OrderedNode = Record<string, unknown>;
const TEXT = '#text';
const ATTRIBUTES = ':@';

/**
 * fast-xml-parser's ordered output ([{tag: [children], ':@': {attributes}}, {'#text': 'x'}])
 * turned into the object form its non-ordered parse gives, with the same rules: repeated
 * elements become arrays, an element holding only text becomes that string, an empty one '',
 * attributes and mixed text sit beside the children ('@_name', '#text').
 */
function compress(nodes: OrderedNode[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	let text: string | undefined;
	for (let i = 0; i < nodes.length; i++) {
		const node = nodes[i];
		let name: string | undefined;
		for (const key in node) {
			if (key !== ATTRIBUTES) {
				name = key;
				break;
			}
		}
		if (name === undefined) continue;
		if (name === TEXT) {
			text = text === undefined ? String(node[TEXT]) : text + String(node[TEXT]);
			continue;
		}
		const children = node[name] as OrderedNode[];
		const attributes = node[ATTRIBUTES] as Record<string, unknown> | undefined;
		let value: unknown;
		if (!attributes && children.length === 0) {
			value = '';
		} else if (!attributes && children.length === 1 && TEXT in children[0]) {
			// The common leaf, <id>1</id>: its text, without building an object.
			value = String(children[0][TEXT]);
		} else {
			const inner = compress(children);
			if (attributes) {
				Object.assign(inner, attributes);
				value = inner;
			} else {
				const keys = Object.keys(inner);
				value = keys.length === 0 ? '' : keys.length === 1 && keys[0] === TEXT ? inner[TEXT] : inner;
			}
		}
		addValue(out, name, value);
	}
	if (text !== undefined && text.length > 0) out[TEXT] = text;
	return out;
}

// The fast path: documents made only of plain elements and text, what PUBLITRAC's list pages
// are (a 100-lead page is about 4,500 elements). fast-xml-parser validates and parses such a
// page in about 13 ms, which caps Return All below PUBLITRAC's 35 calls/s; this reads it in a
// few. It accepts only what it can read exactly as fast-xml-parser would (tags without
// attributes, the five XML entities, an XML declaration first) and hands anything else
// (attributes, comments, CDATA, DOCTYPE, numeric references, namespaces, stray characters,
// any malformation) to fast-xml-parser's validator and parser. test/unit/shared/xml.test.ts
// compares both on generated valid and broken documents.

// Read in place (sticky) right after a '<': a plain start, end or empty-element tag.
const PLAIN_TAG = /(\/?)([A-Za-z_][A-Za-z0-9_.-]*)(\/?)>/y;
const DECLARATION = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*\s*\?>/;
const XML_SPACE_ONLY = /^[ \t\r\n]*$/;
// Characters fast-xml-parser's validator may judge differently: control characters, and any
// '&' that does not start one of the five entities.
const NOT_PLAIN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|&(?!(?:lt|gt|amp|quot|apos);)/;
const ENTITY = /&(lt|gt|amp|quot|apos);/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

interface Frame {
	name: string;
	/** Children so far (undefined while there is none). */
	children?: Record<string, unknown>;
	text?: string;
}

/** The plain document's object, or undefined when it is not such a plain document (exported for its test). */
export function parsePlain(xml: string): Record<string, unknown> | undefined {
	let i = 0;
	if (xml.startsWith('<?')) {
		const declaration = DECLARATION.exec(xml);
		if (!declaration) return undefined;
		i = declaration[0].length;
	}
	const stack: Frame[] = [];
	let root: Record<string, unknown> | undefined;
	while (i < xml.length) {
		const lt = xml.indexOf('<', i);
		const end = lt < 0 ? xml.length : lt;
		if (end > i) {
			const segment = xml.slice(i, end);
			const frame = stack[stack.length - 1];
			if (!frame) {
				if (!XML_SPACE_ONLY.test(segment)) return undefined;
			} else {
				// As fast-xml-parser: line ends made \n (XML 1.0 "End-of-Line Handling"), each run of
				// text between two tags trimmed, then decoded.
				let trimmed = segment.trim();
				if (trimmed !== '') {
					if (NOT_PLAIN_TEXT.test(trimmed)) return undefined;
					if (trimmed.includes('\r')) trimmed = trimmed.replace(/\r\n?/g, '\n');
					const value = trimmed.includes('&') ? trimmed.replace(ENTITY, (_, name: string) => ENTITIES[name]) : trimmed;
					frame.text = frame.text === undefined ? value : frame.text + value;
				}
			}
		}
		if (lt < 0) break;
		PLAIN_TAG.lastIndex = lt + 1;
		const tag = PLAIN_TAG.exec(xml);
		if (!tag) return undefined;
		const [, closing, name, selfClosing] = tag;
		i = PLAIN_TAG.lastIndex;
		if (closing) {
			if (selfClosing) return undefined;
			const frame = stack.pop();
			if (!frame || frame.name !== name) return undefined;
			const value = valueOf(frame);
			const parent = stack[stack.length - 1];
			if (parent) addChild(parent, name, value);
			else root = { [name]: value };
			continue;
		}
		// A second root element: fast-xml-parser's own rules decide.
		if (root) return undefined;
		if (selfClosing) {
			const parent = stack[stack.length - 1];
			if (parent) addChild(parent, name, '');
			else root = { [name]: '' };
			continue;
		}
		stack.push({ name });
	}
	return stack.length === 0 ? root : undefined;
}

/** An element's value as fast-xml-parser gives it: '', its text, or its children (+ '#text'). */
function valueOf(frame: Frame): unknown {
	if (!frame.children) return frame.text ?? '';
	if (frame.text !== undefined) frame.children[TEXT] = frame.text;
	return frame.children;
}

function addChild(parent: Frame, name: string, value: unknown) {
	addValue((parent.children ??= {}), name, value);
}

/** fast-xml-parser's rule for siblings: the second element of a name turns its value into an array. */
function addValue(target: Record<string, unknown>, name: string, value: unknown) {
	const existing = Object.prototype.hasOwnProperty.call(target, name) ? target[name] : undefined;
	if (existing === undefined) target[name] = value;
	else if (Array.isArray(existing)) existing.push(value);
	else target[name] = [existing, value];
}

/** Parses XML text; returns undefined when it is not well-formed. */
export function parseXml(text: string): Record<string, unknown> | undefined {
	const objectNames = OBJECT_NAMES.test(text);
	if (!objectNames) {
		const plain = parsePlain(text);
		if (plain) return plain;
	}
	if (XMLValidator.validate(text) !== true) return undefined;
	try {
		// The renaming walk costs as much as the parse: a 100-lead PUBLITRAC page rarely needs it.
		if (!objectNames) return compress(orderedParser.parse(text) as OrderedNode[]);
		return restoreNames(renamingParser.parse(text)) as Record<string, unknown>;
	} catch {
		// The validator passes a few documents the parser then refuses (an unclosed comment
		// after the root element): not well-formed either.
		return undefined;
	}
}
