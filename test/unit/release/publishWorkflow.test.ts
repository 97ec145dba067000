// The release workflow (.github/workflows/publish.yml), read as GitHub reads it: on a version tag
// it installs, builds, runs the tests and only then publishes, with provenance through npm
// trusted publishing (an OIDC token, no stored npm token). actionlint is not used: its author
// publishes it as a Go binary, not on npm.
import { parse } from 'yaml';
import { fs, repoPath } from '../../helpers/runtime';

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, string>;
	env?: Record<string, string>;
}
interface Workflow {
	name: string;
	on: { push: { tags: string[]; branches?: string[] } } & Record<string, unknown>;
	jobs: Record<string, { 'runs-on': string; permissions: Record<string, string>; steps: Step[] }>;
}

const text = fs.readFileSync(repoPath('.github', 'workflows', 'publish.yml'), 'utf8');
const workflow = parse(text) as Workflow;
const [job] = Object.values(workflow.jobs);
const steps = job.steps;
const indexOf = (find: (step: Step) => boolean, what: string) => {
	const at = steps.findIndex(find);
	if (at < 0) throw new Error(`no step ${what} in publish.yml`);
	return at;
};
const runs = (command: RegExp) => (step: Step) => command.test(step.run ?? '');

describe('release workflow (.github/workflows/publish.yml)', () => {
	it('is the file n8n-node release looks for, with one job', () => {
		expect(Object.keys(workflow.jobs)).toHaveLength(1);
		expect(job['runs-on']).toBe('ubuntu-latest');
	});

	it('runs on a pushed version tag only', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push.tags).toEqual(['*.*.*']);
		expect(workflow.on.push.branches).toBeUndefined();
	});

	it('may mint an OIDC token (trusted publishing, provenance) and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('checks out, sets up Node with the npm registry and an npm that can publish through OIDC', () => {
		expect(steps[0].uses).toMatch(/^actions\/checkout@v\d+$/);
		const node =
			steps[indexOf((s) => /^actions\/setup-node@v\d+$/.test(s.uses ?? ''), 'setup-node')];
		expect(node.with?.['registry-url']).toBe('https://registry.npmjs.org');
		expect(steps.some(runs(/npm install -g npm@\^11\.5\.1/))).toBe(true);
	});

	it('refuses a tag that is not the package version', () => {
		const check = steps[indexOf(runs(/GITHUB_REF_NAME/), 'comparing the tag')];
		expect(check.run).toMatch(/require\('\.\/package\.json'\)\.version/);
		expect(check.run).toMatch(/exit 1/);
	});

	it('installs with npm ci, builds, runs the tests, then publishes with provenance', () => {
		const install = indexOf((s) => s.run === 'npm ci', 'npm ci');
		const build = indexOf((s) => s.run === 'npm run build', 'npm run build');
		const test = indexOf((s) => s.run === 'E2E=0 bash scripts/test.sh', 'running the tests');
		const publish = indexOf(runs(/npm publish/), 'npm publish');
		const tag = indexOf(runs(/GITHUB_REF_NAME/), 'comparing the tag');
		expect(tag).toBeLessThan(install);
		expect(install).toBeLessThan(build);
		expect(build).toBeLessThan(test);
		expect(test).toBeLessThan(publish);
		expect(publish).toBe(steps.length - 1);
		expect(steps[publish].run).toBe('npm publish --provenance --access public');
	});

	it('stores no npm token: trusted publishing needs none', () => {
		expect(text).not.toMatch(/secrets\./);
		expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
	});
});
