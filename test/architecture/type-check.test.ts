import {spawnSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import {projectRoot} from '../support/shared.js';

/**
 * The whole project, tests included, type-checks: the build compiles only source/, so without this
 * the step tables' `@ts-expect-error` lines (step-tables.test.ts) and every test's types would go
 * unchecked in CI, and a step left out of a table would pass.
 */
describe('the type checker', () => {
	it('finds no error in source/, test/ or bench/ (tsconfig.json)', {timeout: 180_000}, () => {
		const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
		const checked = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], {cwd: projectRoot, encoding: 'utf8'});
		expect(checked.stdout + checked.stderr).toBe('');
		expect(checked.status).toBe(0);
	});
});
