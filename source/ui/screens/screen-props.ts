import type {WizardAction} from '../state/wizard-reducer.js';
import type {WizardState} from '../state/wizard-state.js';
import type {WizardTasks} from '../wizard-tasks.js';

/** What every screen is drawn from: the state, a way to act on it, and the running tasks. Beside the screens, not in App (which imports them). */
export type ScreenProps = {state: WizardState; dispatch: (action: WizardAction) => void; tasks: WizardTasks};
