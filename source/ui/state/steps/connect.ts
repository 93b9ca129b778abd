import {exitCodes} from '../../../lib/exit-codes.js';
import {isObjectId} from '../../../lib/value-shapes.js';
import type {KeyCommand} from '../../key-bindings.js';
import type {connectKeys} from './connect-keys.js';
import type {StepHandler} from './step-handler.js';
import {goBack, queue} from '../navigation.js';
import type {ConnectForm, WizardState} from '../wizard-state.js';

const regions = ['us', 'eu', 'in'] as const;
/** Fields in order: where, API key, org id, region, the connect button. */
export const connectFields = 5;
const textFields = new Set([1, 2]);

/** The connect form: sandbox or an org (key, org id, region); Enter connects. */
export const connectStep: StepHandler<keyof typeof connectKeys> = {
	keyContext: (state) => (state.connect.editing ? 'connect.text' : 'connect'),
	command: connectCommand,
	field: (state) => (state.connect.editing ? typedText(state.connect) : undefined),
	text: connectText,
};

function connectCommand(state: WizardState, command: KeyCommand): WizardState {
	const form = state.connect;
	const set = (change: Partial<ConnectForm>) => ({...state, connect: {...form, ...change}});
	if (form.editing) {
		if (command === 'back') return set({editing: false});
		if (command === 'up' || command === 'down') {
			const field = moveField(form, command === 'up' ? -1 : 1);
			return set({field, editing: textFields.has(field)});
		}
		if (command === 'select') return submit(set({editing: false}));
		return state;
	}
	switch (command) {
		case 'up':
		case 'down': {
			const field = moveField(form, command === 'up' ? -1 : 1);
			return set({field, editing: textFields.has(field)});
		}
		case 'left':
		case 'right': {
			const step = command === 'left' ? -1 : 1;
			if (form.field === 0) return set({mode: form.mode === 'sandbox' ? 'jumpcloud' : 'sandbox'});
			// A resume's target is its import's: not switched here.
			if (form.field === 3 && state.resumeId) return state;
			if (form.field === 3) return set({region: regions[(regions.indexOf(form.region) + step + regions.length) % regions.length]!, baseUrl: undefined});
			return state;
		}
		case 'select':
			if (textFields.has(form.field)) return set({editing: true});
			return submit(state);
		case 'quit':
			return queue(state, {kind: 'quit', code: exitCodes.interrupted});
		case 'back':
			return goBack(state);
		default:
			return state;
	}
}

function connectText(state: WizardState, value: string): WizardState {
	const form = state.connect;
	if (form.field === 1) return {...state, connect: {...form, apiKey: value}};
	if (form.field === 2) return {...state, connect: {...form, orgId: value.trim()}};
	return state;
}

/** The text of the field being typed in: the API key or the org id. */
function typedText(form: ConnectForm): string | undefined {
	if (form.field === 1) return form.apiKey;
	return form.field === 2 ? form.orgId : undefined;
}

/** The sandbox needs no key or org: its fields are skipped. */
function moveField(form: ConnectForm, step: number): number {
	let field = form.field;
	do field = (field + step + connectFields) % connectFields;
	while (form.mode === 'sandbox' && field !== 0 && field !== connectFields - 1);
	return field;
}

function submit(state: WizardState): WizardState {
	const form = state.connect;
	if (form.mode === 'jumpcloud' && form.apiKey.trim() === '' && !state.envKey) return {...state, connect: {...form, field: 1, editing: true}, error: 'Enter the API key (JumpCloud console: your name, top right, then API Settings).'};
	if (form.mode === 'jumpcloud' && form.orgId !== '' && !isObjectId(form.orgId)) return {...state, connect: {...form, field: 2}, error: 'An org id is 24 hexadecimal characters; leave it empty unless you manage several orgs.'};
	return queue({...state, busy: {line: form.mode === 'sandbox' ? 'Starting the sandbox…' : 'Checking the key…'}}, {kind: 'connect', form, resumeId: state.resumeId});
}
