import type {Reporter, TestModule} from 'vitest/node';
import {needsShared} from './shared.js';

export type Tally = {passed: number; failed: number; skipped: number; needingShared: number};

/**
 * Prints the plain closing line CI reads, `N passed, N failed`, and nothing after it; skipped tests
 * (each says why) are counted on the lines before. vitest's own summary is for people, not parsed.
 */
export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
		const tally: Tally = {passed: 0, failed: 0, skipped: 0, needingShared: 0};
		for (const module of testModules) {
			for (const test of module.children.allTests()) {
				const state = test.result().state;
				if (state === 'passed') tally.passed++;
				else if (state === 'failed') tally.failed++;
				else {
					tally.skipped++;
					if (test.fullName.includes(needsShared)) tally.needingShared++;
				}
			}
			// A file that failed to load has no tests but must still count as a failure.
			if (module.state() === 'failed' && [...module.children.allTests()].length === 0) tally.failed++;
		}
		tally.failed += unhandledErrors.length;
		process.stdout.write(`\n${closingLines(tally).join('\n')}\n`);
	}
}

/** The closing lines: what skipped and why it matters (the contract tests), then the parsed line, last. */
export function closingLines({passed, failed, skipped, needingShared}: Tally): string[] {
	const lines: string[] = [];
	if (skipped > 0) lines.push(`${skipped} skipped`);
	if (needingShared > 0) {
		lines.push(
			`${needingShared} ${needingShared === 1 ? 'test' : 'tests'} skipped: ../shared (JumpCloud's specs, attribute catalog) is absent; see README "Contract tests"`,
		);
	}
	lines.push(`${passed} passed, ${failed} failed`);
	return lines;
}
