import type {ComponentType} from 'react';
import type {Step, WizardState} from '../state/wizard-state.js';
import {ConfirmScreen} from './ConfirmScreen.js';
import {ConnectScreen} from './ConnectScreen.js';
import {DefaultsScreen} from './DefaultsScreen.js';
import {EncodingScreen} from './EncodingScreen.js';
import {FileScreen} from './FileScreen.js';
import {MappingScreen} from './MappingScreen.js';
import {PreviewScreen} from './PreviewScreen.js';
import {ProgressScreen} from './ProgressScreen.js';
import {ResumeOfferScreen} from './ResumeOfferScreen.js';
import type {ScreenProps} from './screen-props.js';
import {SummaryScreen} from './SummaryScreen.js';

/** A step's screen and the title its frame shows (some titles say what the run is, or how it ended). */
export type ScreenEntry = {title: string | ((state: WizardState) => string); Screen: ComponentType<ScreenProps>};

/** Every step's screen: a step added to `Step` without one here does not compile. */
export const screens: Record<Step, ScreenEntry> = {
	'resume-offer': {title: 'Unfinished import', Screen: ResumeOfferScreen},
	connect: {title: 'Connect', Screen: ConnectScreen},
	file: {title: 'Choose a CSV file', Screen: FileScreen},
	encoding: {title: 'Which encoding reads right?', Screen: EncodingScreen},
	mapping: {title: 'Map columns', Screen: MappingScreen},
	defaults: {title: 'Defaults for every user', Screen: DefaultsScreen},
	preview: {title: 'Preview', Screen: PreviewScreen},
	confirm: {title: 'Confirm', Screen: ConfirmScreen},
	progress: {title: (state) => (state.runKind === 'rollback' ? 'Rolling back' : 'Importing'), Screen: ProgressScreen},
	summary: {title: summaryTitle, Screen: SummaryScreen},
};

/** The title of the screen the state is on. */
export function screenTitle(state: WizardState): string {
	const {title} = screens[state.step];
	return typeof title === 'string' ? title : title(state);
}

function summaryTitle(state: WizardState): string {
	const outcome = state.outcome;
	if (outcome?.kind === 'rollback') return outcome.stopped ? 'Rollback stopped' : 'Rolled back';
	return outcome?.stopped ? 'Import stopped' : 'Import finished';
}
