import {useEffect, useReducer} from 'react';
import {Text, useApp, useInput} from 'ink';
import {Frame} from './components/Frame.js';
import {HelpView} from './components/HelpView.js';
import {useTheme} from './hooks/use-theme.js';
import {hintsFor} from './keymap.js';
import {ConfirmScreen} from './screens/ConfirmScreen.js';
import {ConnectScreen} from './screens/ConnectScreen.js';
import {DefaultsScreen} from './screens/DefaultsScreen.js';
import {EncodingScreen} from './screens/EncodingScreen.js';
import {FileScreen} from './screens/FileScreen.js';
import {MappingScreen} from './screens/MappingScreen.js';
import {PreviewScreen} from './screens/PreviewScreen.js';
import {ProgressScreen} from './screens/ProgressScreen.js';
import {ResumeOfferScreen} from './screens/ResumeOfferScreen.js';
import type {ScreenProps} from './screens/screen-props.js';
import {SummaryScreen} from './screens/SummaryScreen.js';
import {keyContext} from './state/key-context.js';
import {wizardReducer, type WizardAction} from './state/wizard-reducer.js';
import type {WizardState} from './state/wizard-state.js';
import type {WizardTasks} from './wizard-tasks.js';

/** What the entry point keeps hold of: a way in for signals, and the exit code on the way out. */
export type AppControls = {dispatch: ((action: WizardAction) => void) | undefined; exitCode: number};

/**
 * The wizard: one reducer holds every choice, one key handler lives as long as the app (so raw
 * mode is never dropped between screens, ink#943), and the task runner does the I/O the reducer
 * asks for in its outbox.
 */
export function App({initial, tasks, controls}: {initial: WizardState; tasks: WizardTasks; controls: AppControls}) {
	const [state, dispatch] = useReducer(wizardReducer, initial);
	const {exit} = useApp();
	const theme = useTheme();
	controls.dispatch = dispatch;

	useInput((input, key) => dispatch({type: 'key', input, key}));

	useEffect(() => {
		if (state.outbox.length === 0) return;
		const taken = state.outbox;
		dispatch({type: 'outbox-taken', count: taken.length});
		for (const task of taken) {
			if (task.kind === 'quit') {
				controls.exitCode = task.code;
				exit();
			} else {
				void tasks.run(task, dispatch);
			}
		}
	}, [state.outbox, tasks, controls, exit]);

	const props: ScreenProps = {state, dispatch, tasks};
	const context = keyContext(state);
	const status = state.busy ?? (state.error ? `${theme.glyphs.error} ${state.error}` : state.notice);
	const frame = (title: string, body: React.ReactNode) => (
		<Frame title={title} target={state.target} hints={hintsFor(context)} messageOpen={state.messageOpen === true} {...(status ? {status} : {})}>
			{state.help ? <HelpView context={keyContext({...state, help: false})} /> : body}
		</Frame>
	);
	// Starting by itself (connection given, maybe a file): one plain screen until the first that takes
	// keys, rather than Connect, then the file picker, then Mapping flashing by.
	if (state.typedAhead !== undefined && state.busy && !state.help) {
		return (
			<Frame title="Starting" target={state.target} hints={hintsFor(context)} messageOpen={state.messageOpen === true} {...(status ? {status} : {})}>
				<Text color={theme.colors.muted}>Keys typed now go to the first screen once it is ready.</Text>
			</Frame>
		);
	}
	switch (state.step) {
		case 'resume-offer':
			return frame('Unfinished import', <ResumeOfferScreen {...props} />);
		case 'connect':
			return frame('Connect', <ConnectScreen {...props} />);
		case 'file':
			return frame('Choose a CSV file', <FileScreen {...props} />);
		case 'encoding':
			return frame('Which encoding reads right?', <EncodingScreen {...props} />);
		case 'mapping':
			return frame('Map columns', <MappingScreen {...props} />);
		case 'defaults':
			return frame('Defaults for every user', <DefaultsScreen {...props} />);
		case 'preview':
			return frame('Preview', <PreviewScreen {...props} />);
		case 'confirm':
			return frame('Confirm', <ConfirmScreen {...props} />);
		case 'progress':
			return frame(state.confirm === 'rollback' ? 'Rolling back' : 'Importing', <ProgressScreen {...props} />);
		case 'summary':
			return frame(summaryTitle(state), <SummaryScreen {...props} />);
	}
}

function summaryTitle(state: WizardState): string {
	const outcome = state.outcome;
	if (outcome?.kind === 'rollback') return outcome.stopped ? 'Rollback stopped' : 'Rolled back';
	return outcome?.stopped ? 'Import stopped' : 'Import finished';
}
