import { XMLParser, XMLValidator } from '../../vendor/fastXmlParser';

// XML 1.0 forbids most control characters; they are dropped rather than sent broken. The class is
// built from escapes (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F): n8n's lint (no-control-regex)
// refuses control characters in a regex literal.
const u = (code: number) => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
const CONTROL_CHARS = `${u(0x00)}-${u(0x08)}${u(0x0b)}${u(0x0c)}${u(0x0e)}-${u(0x1f)}`;
const INVALID_XML_CHARS = new RegExp(`[${CONTROL_CHARS}\\uFFFE\\uFFFF]`, 'g');
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
// (a CRM's custom field may be called so): every name is parsed with this prefix and
// restored as an own property.
const NAME_PREFIX = 'x\u2063';

function restoreNames(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(restoreNames);
	if (!value || typeof value !== 'object') return value;
	// Object.fromEntries makes own data properties, __proto__ included, in one pass (defining
	// them one at a time cost seconds on an element of 100,000 distinct children).
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([key, inner]) => [
			restoredName(key),
			restoreNames(inner),
		]),
	);
}

function restoredName(key: string): string {
	if (key.startsWith(NAME_PREFIX)) return key.slice(NAME_PREFIX.length);
	return key.startsWith(`@_${NAME_PREFIX}`) ? `@_${key.slice(NAME_PREFIX.length + 2)}` : key;
}

// An element or attribute named like a property of Object.prototype (constructor, toString ...),
// possibly with a namespace prefix: only such documents need the renaming above.
const OBJECT_NAMES = new RegExp(
	`[<\\s:/](?:${[...Object.getOwnPropertyNames(Object.prototype), 'prototype'].join('|')})[\\s>/=]`,
);

const OPTIONS = {
	// XML's numeric character references (&#233; &#xE9;) are part of XML: decoded, in text and
	// attribute values, in the same pass as the five named entities (so "&amp;#233;" stays the
	// text "&#233;"). fast-xml-parser decodes them only with `htmlEntities`; given an object, it
	// takes it as its table of named entities beyond XML's five: none here, so HTML's (&nbsp;)
	// stay as written. A reference to no character XML allows is not decoded: above U+10FFFF it
	// is left as written; &#0;, control characters and surrogates are dropped, as before.
	htmlEntities: {} as unknown as boolean,
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
// twice the parse (a 100-lead list page: 22 ms against 10 ms).
const orderedParser = new XMLParser({ ...OPTIONS, preserveOrder: true });
const renamingParser = new XMLParser({
	...OPTIONS,
	transformTagName: (name: string) => `${NAME_PREFIX}${name}`,
	transformAttributeName: (name: string) => `${NAME_PREFIX}${name}`,
});

type OrderedNode = Record<string, unknown>;
const TEXT = '#text';
const ATTRIBUTES = ':@';

/** Per document: the last object shape made for each element name (see childrenObject). */
type Shapes = Map<string, { keys: string[]; object: Record<string, unknown> }>;

/** An element being read: its name, then its children and text as they come. */
interface Frame {
	name: string;
	/** Its children's names and values so far, in document order (none yet: undefined). */
	keys?: string[];
	values?: unknown[];
	/** Where each name sits in keys, once there are many (see addChild). */
	index?: Map<string, number>;
	text?: string;
}

// Up to this many distinct children, a name is looked up by scanning keys (a 43-field lead
// record: a scan costs less than a Map per element); past it, through a Map built once, so
// that a document of 80,000 distinct siblings is read in linear time (a scan per child made
// it quadratic: 16 s, n8n's event loop blocked all along).
const SCANNED_KEYS = 64;

/** fast-xml-parser's rule for siblings: the second element of a name turns its value into an array. */
function addChild(frame: Frame, name: string, value: unknown): void {
	const keys = frame.keys;
	if (!keys) {
		frame.keys = [name];
		frame.values = [value];
		return;
	}
	let index = frame.index;
	if (!index && keys.length > SCANNED_KEYS) {
		index = frame.index = new Map();
		for (let k = 0; k < keys.length; k++) index.set(keys[k], k);
	}
	const at = index ? (index.get(name) ?? -1) : keys.indexOf(name);
	const values = frame.values as unknown[];
	if (at < 0) {
		index?.set(name, keys.length);
		keys.push(name);
		values.push(value);
	} else if (Array.isArray(values[at])) (values[at] as unknown[]).push(value);
	else values[at] = [values[at], value];
}

/**
 * An element's children as an object. Records repeat the same names (100 leads of 43 fields):
 * each is copied from an object of that shape made once per document, then filled. Built one
 * property at a time, an object of more than a dozen properties becomes a slow dictionary in
 * V8, for this parse and for every later reader of the items.
 */
function childrenObject(frame: Frame, shapes: Shapes): Record<string, unknown> {
	const keys = frame.keys as string[];
	const values = frame.values as unknown[];
	// Past V8's fast properties anyway (an element of thousands of distinct children is no
	// record): built at once, without the shape's copies.
	if (frame.index) return Object.fromEntries(keys.map((key, k) => [key, values[k]]));
	let shape = shapes.get(frame.name);
	if (
		!shape ||
		shape.keys.length !== keys.length ||
		!shape.keys.every((key, k) => key === keys[k])
	) {
		const object: Record<string, unknown> = {};
		for (const key of keys)
			Object.defineProperty(object, key, {
				value: '',
				enumerable: true,
				writable: true,
				configurable: true,
			});
		shape = { keys, object: { ...object } };
		shapes.set(frame.name, shape);
	}
	const out: Record<string, unknown> = { ...shape.object };
	for (let k = 0; k < keys.length; k++) out[keys[k]] = values[k];
	return out;
}

/**
 * fast-xml-parser's ordered output ([{tag: [children], ':@': {attributes}}, {'#text': 'x'}])
 * turned into the object form its non-ordered parse gives, with the same rules: repeated
 * elements become arrays, an element holding only text becomes that string, an empty one '',
 * attributes and mixed text sit beside the children ('@_name', '#text').
 */
function compress(nodes: OrderedNode[], shapes: Shapes, name = ''): Record<string, unknown> {
	const frame: Frame = { name };
	for (let i = 0; i < nodes.length; i++) {
		const node = nodes[i];
		let child: string | undefined;
		for (const key in node) {
			if (key !== ATTRIBUTES) {
				child = key;
				break;
			}
		}
		if (child === undefined) continue;
		if (child === TEXT) {
			frame.text = frame.text === undefined ? String(node[TEXT]) : frame.text + String(node[TEXT]);
			continue;
		}
		const children = node[child] as OrderedNode[];
		const attributes = node[ATTRIBUTES] as Record<string, unknown> | undefined;
		let value: unknown;
		if (!attributes && children.length === 0) {
			value = '';
		} else if (!attributes && children.length === 1 && TEXT in children[0]) {
			// The common leaf, <id>1</id>: its text, without building an object.
			value = String(children[0][TEXT]);
		} else {
			const inner = compress(children, shapes, child);
			if (attributes) {
				Object.assign(inner, attributes);
				value = inner;
			} else {
				const keys = Object.keys(inner);
				value =
					keys.length === 0 ? '' : keys.length === 1 && keys[0] === TEXT ? inner[TEXT] : inner;
			}
		}
		addChild(frame, child, value);
	}
	if (frame.text !== undefined && frame.text.length > 0) addChild(frame, TEXT, frame.text);
	return frame.keys ? childrenObject(frame, shapes) : {};
}

// The fast path: documents made only of plain elements and text, what XML list pages usually
// are (a 100-lead page is about 4,500 elements). fast-xml-parser validates and parses such a
// page in about 13 ms, which caps Return All below a 35 calls/s rate limit; this reads it in a
// few. It accepts only what it can read exactly as fast-xml-parser would (tags without
// attributes, the five XML entities, short numeric references, an XML declaration first) and
// hands anything else (attributes, comments, CDATA, DOCTYPE, namespaces, stray characters,
// any malformation) to fast-xml-parser's validator and parser. test/unit/shared/xml.test.ts
// compares both on generated valid and broken documents.

const DECLARATION = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*\s*\?>/;
const XML_SPACE_ONLY = /^[ \t\r\n]*$/;
// Characters fast-xml-parser's validator may judge differently: control characters, and any
// '&' that does not start one of the five entities or a short numeric character reference.
const REFERENCE = '(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6})';
const NOT_PLAIN_TEXT = new RegExp(`[${CONTROL_CHARS}]|&(?!${REFERENCE};)`);
const ENTITY = new RegExp(`&(${REFERENCE});`, 'g');
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** An entity or character reference as fast-xml-parser decodes it (see OPTIONS.htmlEntities). */
function decodeReference(reference: string, name: string): string {
	if (name.charCodeAt(0) !== 35) return ENTITIES[name];
	const code =
		name.charCodeAt(1) === 120 ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
	if (code > 0x10ffff) return reference;
	// U+0000, the control characters XML 1.0 forbids, surrogates: dropped.
	if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || (code >= 0xd800 && code <= 0xdfff))
		return '';
	return String.fromCodePoint(code);
}
const GT = 62;
const SLASH = 47;

/** A-Z a-z _ (fast-xml-parser's plain names; anything else goes to its own rules). */
function isNameStart(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** ... then also 0-9 . - */
function isNameChar(c: number): boolean {
	return (
		(c >= 97 && c <= 122) ||
		(c >= 65 && c <= 90) ||
		c === 95 ||
		(c >= 48 && c <= 57) ||
		c === 46 ||
		c === 45
	);
}

/**
 * The text between two tags as fast-xml-parser keeps it (line ends made \n as XML 1.0
 * "End-of-Line Handling" says, trimmed, the five entities and numeric references decoded): '' when blank, undefined
 * when it holds what only fast-xml-parser's own rules decide.
 */
function plainText(segment: string): string | undefined {
	let text = segment.trim();
	let amp = false;
	let cr = false;
	for (let k = 0; k < text.length; k++) {
		const c = text.charCodeAt(k);
		if (c < 32) {
			if (c === 13) cr = true;
			else if (c !== 9 && c !== 10) return undefined;
		} else if (c === 38) amp = true;
	}
	if (amp && NOT_PLAIN_TEXT.test(text)) return undefined;
	if (cr) text = text.replace(/\r\n?/g, '\n');
	return amp ? text.replace(ENTITY, decodeReference) : text;
}

/** The plain document's object, or undefined when it is not such a plain document (exported for its test). */
export function parsePlain(xml: string): Record<string, unknown> | undefined {
	let i = 0;
	if (xml.startsWith('<?')) {
		const declaration = DECLARATION.exec(xml);
		if (!declaration) return undefined;
		i = declaration[0].length;
	}
	const n = xml.length;
	const stack: Frame[] = [];
	let frame: Frame | undefined;
	let root: Record<string, unknown> | undefined;
	const shapes: Shapes = new Map();
	while (i < n) {
		const lt = xml.indexOf('<', i);
		const end = lt < 0 ? n : lt;
		if (end > i) {
			if (!frame) {
				if (!XML_SPACE_ONLY.test(xml.slice(i, end))) return undefined;
			} else {
				// Each run of text between two tags is kept on its own; mixed content joins them.
				const text = plainText(xml.slice(i, end));
				if (text === undefined) return undefined;
				if (text !== '') frame.text = frame.text === undefined ? text : frame.text + text;
			}
		}
		if (lt < 0) break;
		// A tag: '<', '/' for an end tag, a plain name, '/' for an empty element, '>'.
		let j = lt + 1;
		if (xml.charCodeAt(j) === SLASH) {
			// An end tag must be exactly </name> of the open element.
			if (
				!frame ||
				!xml.startsWith(frame.name, j + 1) ||
				xml.charCodeAt(j + 1 + frame.name.length) !== GT
			)
				return undefined;
			i = j + 2 + frame.name.length;
			const closed = frame;
			stack.pop();
			frame = stack.length ? stack[stack.length - 1] : undefined;
			if (closed.keys && closed.text !== undefined) addChild(closed, TEXT, closed.text);
			const value = closed.keys ? childrenObject(closed, shapes) : (closed.text ?? '');
			if (frame) addChild(frame, closed.name, value);
			else root = { [closed.name]: value };
			continue;
		}
		if (!isNameStart(xml.charCodeAt(j))) return undefined;
		while (isNameChar(xml.charCodeAt(++j)));
		const name = xml.slice(lt + 1, j);
		let empty = false;
		if (xml.charCodeAt(j) === SLASH) {
			empty = true;
			j++;
		}
		if (xml.charCodeAt(j) !== GT) return undefined;
		i = j + 1;
		// A second root element: fast-xml-parser's own rules decide.
		if (root) return undefined;
		if (empty) {
			if (frame) addChild(frame, name, '');
			else root = { [name]: '' };
			continue;
		}
		// The common element, <id>570</id>: text and its end tag, read without a frame.
		const next = frame ? xml.indexOf('<', i) : -1;
		if (
			frame &&
			next >= 0 &&
			xml.charCodeAt(next + 1) === SLASH &&
			xml.charCodeAt(next + 2 + name.length) === GT &&
			xml.startsWith(name, next + 2)
		) {
			const text = next > i ? plainText(xml.slice(i, next)) : '';
			if (text === undefined) return undefined;
			addChild(frame, name, text);
			i = next + 3 + name.length;
			continue;
		}
		stack.push((frame = { name }));
	}
	return stack.length === 0 ? root : undefined;
}

/**
 * Whether an XML text holds more than `limit` tags, counted as its '<' characters: an upper
 * bound on its elements (comments, declarations and a '<' in CDATA count too), read in one
 * pass without parsing, stopping past the limit. For a caller to refuse a document too large
 * to be what it expects before parsing it.
 */
export function hasMoreTagsThan(text: string, limit: number): boolean {
	let count = 0;
	for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1))
		if (++count > limit) return true;
	return false;
}

// Blank lines before the XML declaration (after any byte order mark): XML allows none, but
// servers send them (a PHP file's newline before its "<?php"), and the document is plain.
const LEADING_SPACE = /^\uFEFF?[ \t\r\n]+/;

/** Parses XML text (leading blank lines ignored); returns undefined when it is not well-formed. */
export function parseXml(text: string): Record<string, unknown> | undefined {
	text = text.replace(LEADING_SPACE, '');
	const objectNames = OBJECT_NAMES.test(text);
	if (!objectNames) {
		const plain = parsePlain(text);
		if (plain) return plain;
	}
	if (XMLValidator.validate(text) !== true) return undefined;
	try {
		// The renaming walk costs as much as the parse: a 100-lead list page rarely needs it.
		if (!objectNames) return compress(orderedParser.parse(text) as OrderedNode[], new Map());
		return restoreNames(renamingParser.parse(text)) as Record<string, unknown>;
	} catch {
		// The validator passes a few documents the parser then refuses (an unclosed comment
		// after the root element): not well-formed either.
		return undefined;
	}
}
