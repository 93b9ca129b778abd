import {useEffect, useReducer} from 'react';
import {Text, useApp, useInput} from 'ink';
import {Frame} from './components/Frame.js';
import {HelpView} from './components/HelpView.js';
import {useTheme} from './hooks/use-theme.js';
import {hintsFor} from './keymap.js';
import type {ScreenProps} from './screens/screen-props.js';
import {screens, screenTitle} from './screens/screen-table.js';
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
	const status = state.busy?.line ?? (state.error ? `${theme.glyphs.error} ${state.error}` : state.notice);
	const frame = (title: string, body: React.ReactNode) => (
		<Frame title={title} target={state.target} hints={hintsFor(context)} messageOpen={state.messageOpen === true} {...(status ? {status} : {})}>
			{body}
		</Frame>
	);
	// Starting by itself (connection given, maybe a file): one plain screen until the first that takes
	// keys, rather than Connect, then the file picker, then Mapping flashing by.
	if (state.typedAhead !== undefined && state.busy && !state.help) return frame('Starting', <Text color={theme.colors.muted}>Keys typed now go to the first screen once it is ready.</Text>);
	const {Screen} = screens[state.step];
	return frame(screenTitle(state), state.help ? <HelpView context={keyContext({...state, help: false})} /> : <Screen {...props} />);
}
