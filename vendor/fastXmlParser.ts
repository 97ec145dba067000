// fast-xml-parser, bundled into dist/vendor/fastXmlParser.js by `gulp build`
// (esbuild), so that the published package has no runtime dependency: n8n's
// community package scanner only allows n8n-workflow, luxon, lodash, moment,
// p-limit, zod and crypto to be imported at runtime.
export { XMLParser, XMLValidator } from 'fast-xml-parser';
