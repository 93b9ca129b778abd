import {describe, expect, it} from 'vitest';
import {isTextContext, keymap, type KeyContext} from '../../source/ui/keymap.js';
import {screens, type ScreenEntry} from '../../source/ui/screens/screen-table.js';
import {stepHandlers, type StepHandler} from '../../source/ui/state/steps/index.js';
import type {Step} from '../../source/ui/state/wizard-state.js';

/**
 * One home per wizard step: every step has its handler (keys, commands, typing) and its screen,
 * and a step's key contexts that take typing belong to a handler with a field. The first group is
 * checked by the compiler (npx tsc --noEmit): each `@ts-expect-error` fails the build if the line
 * under it ever compiles.
 */
describe('the step tables', () => {
	it('do not compile with a step left out, or a handler missing a piece', () => {
		const handlersButSummary: Omit<Record<Step, StepHandler>, 'summary'> = stepHandlers;
		const screensButSummary: Omit<Record<Step, ScreenEntry>, 'summary'> = screens;
		const same = (state: Parameters<StepHandler['command']>[0]) => state;
		const compileChecks = [
			// @ts-expect-error a step without a handler
			(): Record<Step, StepHandler> => handlersButSummary,
			// @ts-expect-error a step without a screen
			(): Record<Step, ScreenEntry> => screensButSummary,
			// @ts-expect-error a handler without its commands
			(): StepHandler => ({keyContext: () => 'file'}),
			// @ts-expect-error a field that takes typing, without what typing does to it
			(): StepHandler => ({keyContext: () => 'file', command: same, field: () => ''}),
			// @ts-expect-error a step's key context is one of its own
			(): StepHandler<'file'> => ({keyContext: () => 'mapping', command: same}),
		];
		expect(compileChecks).toHaveLength(5);
	});

	it('give every step a handler and a screen', () => {
		expect(Object.keys(stepHandlers).sort()).toEqual(Object.keys(screens).sort());
	});

	it('give every context that takes typing to a step whose handler has the field', () => {
		const overlays: KeyContext[] = ['busy', 'help', 'message'];
		const steps = Object.keys(stepHandlers) as Step[];
		const wrong: string[] = [];
		for (const context of Object.keys(keymap) as KeyContext[]) {
			if (overlays.includes(context)) continue;
			const step = steps.find((candidate) => context === candidate || context.startsWith(`${candidate}.`));
			if (step === undefined) wrong.push(`${context}: no step of that name`);
			else if (isTextContext(context) && !stepHandlers[step].field) wrong.push(`${context}: takes typing, but the ${step} step has no field`);
		}
		for (const step of steps) {
			const typed = (Object.keys(keymap) as KeyContext[]).some((context) => (context === step || context.startsWith(`${step}.`)) && isTextContext(context));
			if (stepHandlers[step].field && !typed) wrong.push(`${step}: has a field, but none of its contexts takes typing`);
		}
		expect(wrong).toEqual([]);
	});
});
