import {afterEach, describe, expect, it} from 'vitest';
import {cleanupTui} from './render-tui.js';
import {apply, atFile, mountApp} from './wizard-fixtures.js';

afterEach(cleanupTui);

describe('the encoding screen with a guess', () => {
	it('shows the guessed code page first, selected, with its confidence', async () => {
		const state = apply(atFile(), {
			type: 'encoding-needed',
			path: '/data/ludzie.csv',
			choices: [
				{encoding: 'windows-1250', samples: ['Łukasz', 'Żółkiewski'], confidence: 0.74},
				{encoding: 'iso-8859-2', samples: ['Łukasz', 'Żółkiewski']},
				{encoding: 'windows-1252', samples: ['£ukasz', '¯ó³kiewski']},
			],
		});
		const {tui} = mountApp(state, {columns: 100, rows: 30});
		await tui.waitFor('guessed, confidence 0.74');
		const frame = tui.lastFrame();
		const lines = frame.split('\n');
		const guessed = lines.find((line) => line.includes('Windows-1250 (Central Europe)'))!;
		expect(guessed).toContain('❯');
		expect(guessed).toContain('guessed, confidence 0.74');
		expect(lines.find((line) => line.includes('ISO-8859-2'))).not.toContain('confidence');
		expect(frame).toContain('Łukasz · Żółkiewski');
	});
});
