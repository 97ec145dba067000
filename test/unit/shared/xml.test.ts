// parseXml reads plain documents itself and builds the others' objects from fast-xml-parser's
// ordered output (both faster than the library's own object building). What users see must
// not change: for any document, the result is exactly (values and key order) what
// fast-xml-parser's validator + object parse give, and undefined when the validator refuses it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { hasMoreTagsThan, parsePlain, parseXml } from '../../../nodes/shared/xml';
// The fuzz tests' seeded generator: the same documents on every run.
import { mulberry32 } from '../fuzz/engine';
import { env } from '../../helpers/runtime';

// With XML's numeric character references decoded (htmlEntities given an object: no named
// entity beyond XML's five), as XML requires; the library's default left them as written.
const reference = new XMLParser({
	htmlEntities: {} as unknown as boolean,
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	parseTagValue: false,
	trimValues: true,
	ignoreDeclaration: true,
	ignorePiTags: true,
	cdataPropName: false,
});

const NAMES = [
	'lead',
	'id',
	'email',
	'name',
	'x',
	'status',
	'paging',
	'a-b',
	'ns:item',
	'_u',
	'a.b',
	'xmlData',
	'Lead2',
];
const TEXTS = [
	'',
	' ',
	'text',
	'  padded  ',
	'A &amp; B',
	'&lt;tag&gt;',
	'&quot;q&quot; &apos;a&apos;',
	'😀',
	'line\nbreak',
	'dos\r\nline',
	'mac\rline\r\r',
	'&amp;lt;',
	'0',
	'1.50',
	"O'Brien",
	'Zoé',
	'a > b',
];
// Rarer: values a validator may judge one way or the other.
const HOSTILE = [
	']]>',
	'\u00a0nbsp\u00a0',
	'\u2028',
	'\t\r\n',
	'ctl\u0001',
	'&bogus;',
	'a & b',
	'&amp',
	'&#0;',
	'&#xD800;',
	'&#233;t&#xE9;',
	'&#x1F600;',
];

function documentFrom(next: () => number): string {
	const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
	// Half the documents use only what PUBLITRAC's pages use (the fast path), half everything.
	const plainOnly = next() < 0.5;
	const text = () => (next() < 0.1 ? pick(HOSTILE) : pick(TEXTS));
	const element = (depth: number): string => {
		const name = pick(NAMES);
		const attributes =
			!plainOnly && next() < 0.25 ? ` ${pick(['type', 'part', 'seq'])}="${text()}"` : '';
		if (next() < 0.15) return `<${name}${attributes}/>`;
		const parts: string[] = [];
		const count = depth > 3 ? 0 : Math.floor(next() * 4);
		for (let i = 0; i < count; i++) parts.push(element(depth + 1));
		// Text alone, mixed with children, CDATA and comments.
		if (next() < 0.6) parts.splice(Math.floor(next() * (parts.length + 1)), 0, text());
		if (!plainOnly && next() < 0.1) parts.push(`<![CDATA[${pick(['c<d', ']]', 'x & y', ''])}]]>`);
		if (!plainOnly && next() < 0.1) parts.unshift('<!-- note -->');
		return `<${name}${attributes}>${parts.join('')}</${name}>`;
	};
	const prolog =
		next() < 0.7
			? '<?xml version="1.0" encoding="UTF-8"?>\n'
			: pick([
					'',
					"<?xml version='1.0'?>",
					' <?xml version="1.0"?>',
					'<?xml ?>',
					'\ufeff',
					'<!DOCTYPE response>',
				]);
	const body =
		next() < 0.9
			? `<response>${element(0)}${next() < 0.5 ? element(0) : ''}</response>`
			: `${element(0)}${element(0)}`;
	return `${prolog}${body}${next() < 0.8 ? '' : pick(['\n', ' x', '<!-- end -->', '<!-- open'])}`;
}

/** The same document broken: cut short, a character changed, or a piece inserted. */
function broken(doc: string, next: () => number): string {
	const at = Math.floor(next() * doc.length);
	const kind = next();
	if (kind < 0.4) return doc.slice(0, at);
	if (kind < 0.7)
		return (
			doc.slice(0, at) + ['<', '>', '&', '/', '"', 'x'][Math.floor(next() * 6)] + doc.slice(at + 1)
		);
	return (
		doc.slice(0, at) +
		['</x>', '<x>', '<a b="1">', '<!---->', '<![CDATA[', '<?pi?>', '&amp;', '</'][
			Math.floor(next() * 8)
		] +
		doc.slice(at)
	);
}

/**
 * fast-xml-parser's validator, then its object parse; undefined when either refuses the
 * document. Of the document without its leading blanks, which parseXml ignores (fast-xml-parser
 * refuses an XML declaration after them).
 */
function expected(whole: string): unknown {
	const doc = whole.replace(/^\uFEFF?[ \t\r\n]+/, '');
	if (XMLValidator.validate(doc) !== true) return undefined;
	try {
		return reference.parse(doc);
	} catch {
		// The validator passes some documents the parser then throws on (an unclosed comment
		// after the root): not well-formed either.
		return undefined;
	}
}

describe('parseXml', () => {
	it('gives exactly what fast-xml-parser gives, on 4,000 generated documents, valid and broken', () => {
		const next = mulberry32(Number(env('XML_SEED') ?? 20261123));
		let valid = 0;
		let refused = 0;
		let plain = 0;
		for (let i = 0; i < 4000; i++) {
			const whole = documentFrom(next);
			const doc = i % 2 === 0 ? whole : broken(whole, next);
			const want = expected(doc);
			if (want === undefined) refused++;
			else valid++;
			const got = parseXml(doc);
			if (parsePlain(doc) !== undefined) plain++;
			if (JSON.stringify(got) !== JSON.stringify(want)) {
				throw new Error(
					`parseXml differs on ${JSON.stringify(doc)}: got ${JSON.stringify(got)}, fast-xml-parser ${JSON.stringify(want)}`,
				);
			}
		}
		// Both kinds were really compared.
		expect(valid).toBeGreaterThan(1000);
		expect(refused).toBeGreaterThan(1000);
		// ... and the fast path read a good share of them itself.
		expect(plain).toBeGreaterThan(300);
	});

	it('parses a PUBLITRAC page: repeated <lead> as an array, empty elements as "", text as strings', () => {
		const page =
			'<?xml version="1.0" encoding="UTF-8"?>\n<response><status>2001</status><paging><page>1</page><total>2</total></paging>' +
			'<leads><lead><id>1</id><firstName>Zoé &amp; Co</firstName><phone></phone></lead><lead><id>2</id><firstName/></lead></leads></response>';
		expect(parseXml(page)).toEqual({
			response: {
				status: '2001',
				paging: { page: '1', total: '2' },
				leads: {
					lead: [
						{ id: '1', firstName: 'Zoé & Co', phone: '' },
						{ id: '2', firstName: '' },
					],
				},
			},
		});
	});

	it('decodes numeric character references in text and attributes, on both paths, once', () => {
		const page =
			'<?xml version="1.0"?><response><city>Montr&#xE9;al</city><name>O&#039;Brien</name>' +
			'<x>&#233;t&#xe9; &#x1F600; &#60;b&#62;</x><raw>&amp;#233; &amp;#xE9;</raw><nbsp>a&nbsp;b</nbsp></response>';
		const want = {
			city: 'Montréal',
			name: "O'Brien",
			x: 'été 😀 <b>',
			raw: '&#233; &#xE9;',
			nbsp: 'a&nbsp;b',
		};
		// &nbsp; (HTML, not XML) sends this one through fast-xml-parser; without it, the fast path.
		expect(parseXml(page)).toEqual({ response: want });
		const plainPage = page.replace('<nbsp>a&nbsp;b</nbsp>', '');
		const plainWant: Partial<typeof want> = { ...want };
		delete plainWant.nbsp;
		expect(parsePlain(plainPage)).toEqual({ response: plainWant });
		expect(parseXml(plainPage)).toEqual({ response: plainWant });
		// An attribute goes through fast-xml-parser.
		expect(parseXml('<adf><name part="M&#xE9;l &amp;#233;">O&#039;Brien</name></adf>')).toEqual({
			adf: { name: { '#text': "O'Brien", '@_part': 'Mél &#233;' } },
		});
	});

	it('leaves a reference above U+10FFFF as written and drops one to a forbidden character, without refusing', () => {
		for (const doc of [
			'<r><a>x&#x110000;y</a><b>x&#0;y&#1;&#xD800;</b></r>',
			'<r><a>x&#x110000;y</a><b>x&#0;y&#1;&#xD800;</b><c/><!-- slow path --></r>',
		])
			expect(parseXml(doc)).toEqual({ r: expect.objectContaining({ a: 'x&#x110000;y', b: 'xy' }) });
	});

	it('keeps attributes beside text and children', () => {
		expect(parseXml('<adf><name part="first">Ann</name><id seq="1"><x>1</x>t</id></adf>')).toEqual({
			adf: {
				name: { '#text': 'Ann', '@_part': 'first' },
				id: { x: '1', '#text': 't', '@_seq': '1' },
			},
		});
	});

	it('keeps elements named like Object.prototype properties as own fields', () => {
		const parsed = parseXml(
			'<r><constructor>1</constructor><__proto__><polluted>yes</polluted></__proto__><toString>2</toString></r>',
		) as {
			r: Record<string, unknown>;
		};
		expect(Object.prototype.hasOwnProperty.call(parsed.r, 'constructor')).toBe(true);
		expect(parsed.r.constructor).toBe('1');
		expect(parsed.r.toString).toBe('2');
		expect(Object.getOwnPropertyDescriptor(parsed.r, '__proto__')?.value).toEqual({
			polluted: 'yes',
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('ignores blank lines before the XML declaration, after a byte order mark too', () => {
		for (const lead of ['\n', '\r\n\t ', '\uFEFF\n']) {
			// The fast path, then fast-xml-parser (an attribute).
			expect(
				parseXml(`${lead}<?xml version="1.0"?>\n<response><status>2001</status></response>`),
			).toEqual({
				response: { status: '2001' },
			});
			expect(
				parseXml(`${lead}<?xml version="1.0"?><response><status a="1">2001</status></response>`),
			).toEqual({
				response: { status: { '#text': '2001', '@_a': '1' } },
			});
		}
		// Text before the declaration is still no XML.
		expect(parseXml('x\n<?xml version="1.0"?><response/>')).toBeUndefined();
	});

	it('returns undefined for a document that is not well-formed', () => {
		expect(parseXml('<response><status>2001</status><leads><lead><id>1</id>')).toBeUndefined();
		expect(parseXml('<response><a></b></response>')).toBeUndefined();
		expect(parseXml('<html><body>Bad gateway')).toBeUndefined();
	});

	// Elements of many children: a name is then looked up through a Map (issue 15, item 1).
	// The generated documents above have at most four children per element: these cross the
	// switch (64 names) with names repeated before and after it, plain and through fast-xml-parser.
	it.each([
		['plain', ''],
		['with attributes', ' seq="1"'],
	])(
		'gives what fast-xml-parser gives for elements of hundreds of children, names repeated (%s)',
		(_name, attribute) => {
			const next = mulberry32(7);
			for (let round = 0; round < 20; round++) {
				const names = Array.from({ length: 40 + Math.floor(next() * 200) }, (_, i) => `n${i}`);
				const child = () => {
					const name = names[Math.floor(next() * names.length)];
					return next() < 0.3
						? `<${name}${attribute}/>`
						: `<${name}${attribute}>${Math.floor(next() * 10)}</${name}>`;
				};
				const children = Array.from({ length: 50 + Math.floor(next() * 400) }, child).join('');
				const doc = `<?xml version="1.0"?><response><list>${children}</list><list>${children}text</list></response>`;
				expect(JSON.stringify(parseXml(doc))).toBe(JSON.stringify(expected(doc)));
			}
		},
	);

	// 80,000 distinct siblings with text (1.3 MB) took 34 s on the plain path and 44 s through
	// fast-xml-parser when each child's name was looked up by scanning its siblings: quadratic,
	// and n8n's event loop blocked all along (a PUBLITRAC answer or a Pilot webhook body). Linear:
	// 0.3 s and 1.6 s (0.9 s and 3 s under jest on a busy 2-core machine).
	const SIBLINGS = 80_000;
	const BOUND_MS = { plain: 5_000, fastXmlParser: 20_000 };
	const timed = (doc: string) => {
		const started = Date.now();
		const parsed = parseXml(doc) as Record<string, Record<string, unknown>>;
		return { parsed, ms: Date.now() - started };
	};

	it.each([
		['plain', '', BOUND_MS.plain],
		['through fast-xml-parser (an attribute)', ' a="1"', BOUND_MS.fastXmlParser],
	])(
		'parses 80,000 distinct siblings in linear time (%s)',
		(_name, extra, bound) => {
			const { parsed, ms } = timed(
				`<r${extra}>${Array.from({ length: SIBLINGS }, (_, i) => `<e${i}>${i}</e${i}>`).join('')}</r>`,
			);
			const keys = Object.keys(parsed.r).filter((k) => k.startsWith('e'));
			expect(keys).toHaveLength(SIBLINGS);
			expect(keys.slice(0, 3)).toEqual(['e0', 'e1', 'e2']);
			expect(parsed.r.e79999).toBe('79999');
			expect(ms).toBeLessThan(bound);
		},
		120_000,
	);

	it.each([
		['plain', '', BOUND_MS.plain],
		['through fast-xml-parser (an attribute)', ' a="1"', BOUND_MS.fastXmlParser],
	])(
		'parses 80,000 same-name siblings in linear time (%s)',
		(_name, extra, bound) => {
			const { parsed, ms } = timed(`<r${extra}>${'<e>1</e>'.repeat(SIBLINGS)}<f/></r>`);
			expect(parsed.r.e).toHaveLength(SIBLINGS);
			expect(parsed.r.f).toBe('');
			expect(ms).toBeLessThan(bound);
		},
		120_000,
	);

	it('counts tags without parsing, stopping past the limit', () => {
		expect(hasMoreTagsThan('<a><b/></a>', 3)).toBe(false);
		expect(hasMoreTagsThan('<a><b/></a>', 2)).toBe(true);
		expect(hasMoreTagsThan('no tags', 0)).toBe(false);
		expect(hasMoreTagsThan('<a><![CDATA[<x>]]></a>', 3)).toBe(true);
	});
});
