import {movedCursor} from '../list-cursor.js';
import type {EmailChoice, ImportOptions} from '../../../importer/options.js';
import type {RowPlan} from '../../../importer/row-plan.js';
import {isEmail} from '../../../lib/value-shapes.js';
import type {UserState} from '../../../jumpcloud/types.js';
import type {KeyCommand} from '../../key-bindings.js';
import type {defaultsKeys} from './defaults-keys.js';
import type {StepHandler} from './step-handler.js';
import {goBack, queue} from '../navigation.js';
import type {DefaultsForm, WizardState} from '../wizard-state.js';

/** The form's fields, in order. */
export const defaultsFields = ['state', 'email', 'address', 'mfa', 'days', 'groups', 'devices', 'existing'] as const;
export type DefaultsField = (typeof defaultsFields)[number];

/**
 * One plain sentence: who gets which email, at which address, and when. `passwords`: whether the
 * file maps a password column (users without one cannot sign in until someone sets it).
 */
export function emailSentence(options: ImportOptions, passwords = true): string {
	if (options.state === 'STAGED') return 'Users are created staged: no email is sent now; JumpCloud emails each user when you activate them in the console.';
	if (options.email.kind === 'none') {
		return passwords
			? 'Users are activated and no email is sent: tell them yourself how to sign in. A user with no password in the file cannot sign in until one is set (an activation email from the console lets them).'
			: 'Users are activated and no email is sent, and the file has no passwords: they cannot sign in until each is sent an activation email from the console.';
	}
	if (options.email.kind === 'address') {
		// Not "goes to , not to the users" while the address is still to be given.
		if (options.email.address === '') return 'Users are activated; every welcome and activation email goes to one address, not to the users: give it on the Address line.';
		return `Users are activated; every welcome and activation email goes to ${options.email.address}, not to the users.`;
	}
	return 'Users are activated: a user with a password in the file gets the welcome email at their email; the others get an activation email to set a password, at their alternate email if they have one, else their email.';
}

/**
 * The last day of the MFA enrolment window of a user activated (or suspended) `now`, as a date an
 * admin can put in a calendar. Not a staged user's: its window starts when it is activated.
 */
export function mfaEndDate(options: ImportOptions, now: Date): string | undefined {
	if (!options.requireMfa || options.mfaExclusionDays === 0) return undefined;
	const end = new Date(now.getTime() + options.mfaExclusionDays * 86_400_000);
	return end.toLocaleDateString('en-GB', {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC'});
}

/** The MFA window line's value: a date only where it is true for the users. */
export function mfaWindow(options: ImportOptions, now: Date): string {
	const days = `‹ ${options.mfaExclusionDays} days ›`;
	if (options.mfaExclusionDays === 0) return `${days} none: MFA at first sign-in`;
	return options.state === 'STAGED' ? `${days} from activation` : `${days} until ${mfaEndDate(options, now)}`;
}

/** One plain sentence: what users who end in the default state will meet when they sign in. */
export function mfaSentence(options: ImportOptions, now: Date): string {
	if (!options.requireMfa) return 'MFA is not required (a row’s own MFA column still wins).';
	if (options.mfaExclusionDays === 0) return 'No MFA window: MFA is required at their first sign-in.';
	if (options.state === 'STAGED') {
		return `Users cannot sign in until activated; their ${options.mfaExclusionDays}-day MFA enrolment window starts when they are activated.`;
	}
	return `Users must enrol in MFA by ${mfaEndDate(options, now)}; until then they can sign in without it.`;
}

/**
 * Confirm's MFA line: what users meet, said for each state the planned users who get MFA end in
 * (the default state's when no row says).
 */
export function mfaSummary(options: ImportOptions, rows: readonly RowPlan[], now: Date): string {
	if (!options.requireMfa) return 'not required';
	if (options.mfaExclusionDays === 0) return 'required at their first sign-in (no window)';
	const days = options.mfaExclusionDays;
	const end = mfaEndDate(options, now);
	const known = new Set<UserState>();
	for (const row of rows) if (row.action === 'create' && row.finalState && row.body?.enable_user_portal_multifactor) known.add(row.finalState);
	if (known.size === 0) known.add(options.state);
	// One state: what users meet, in full; several: each state's window, short enough to read at a glance.
	const said: Record<UserState, [alone: string, among: string]> = {
		ACTIVATED: [`users must enrol by ${end}; until then they can sign in without it`, `activated users enrol by ${end}`],
		STAGED: [`users cannot sign in until activated; their ${days}-day window starts then`, `staged users within ${days} days of activation`],
		SUSPENDED: [`the users' ${days}-day window ends ${end}, suspended or not`, `suspended users by ${end}`],
	};
	const states = (['ACTIVATED', 'STAGED', 'SUSPENDED'] as const).filter((state) => known.has(state));
	return `required: ${states.length === 1 ? said[states[0]!][0] : states.map((state) => said[state][1]).join('; ')}`;
}

/** The MFA window's steps under ←→: a day at a time at first, then the windows admins choose. */
const windowSteps = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365];

/** The next window in the ladder from `days`, up or down (a typed value in between steps to its neighbour). */
export function steppedWindow(days: number, step: number): number {
	if (step > 0) return windowSteps.find((value) => value > days) ?? 365;
	return windowSteps.findLast((value) => value < days) ?? 0;
}

/** The fields that apply: the address only when emails go to one address. */
export function activeFields(options: ImportOptions): DefaultsField[] {
	return defaultsFields.filter((field) => {
		if (field === 'email') return options.state === 'ACTIVATED';
		if (field === 'address') return options.state === 'ACTIVATED' && options.email.kind === 'address';
		if (field === 'days') return options.requireMfa;
		return true;
	});
}

/**
 * What a picker offers, filtered by its query: `key` is what the options keep (a group's name, a
 * device's id, since two devices may share a name), `name` what is shown.
 */
export function pickerItems(state: WizardState): Array<{key: string; name: string}> {
	const picker = state.defaults.picker;
	if (!picker || !state.directory) return [];
	const all = picker.kind === 'groups' ? state.directory.groups.map((name) => ({key: name, name})) : state.directory.devices.map((device) => ({key: device.ref, name: device.name}));
	const query = picker.query.toLowerCase();
	return query ? all.filter((item) => item.name.toLowerCase().includes(query)) : all;
}

/** A device's name for an id the options keep. */
export function deviceName(state: WizardState, ref: string): string {
	return state.directory?.devices.find((device) => device.ref === ref)?.name ?? ref;
}

/** Defaults for every user: state, emails, MFA, groups, devices, and what to do with existing users. */
export const defaultsStep: StepHandler<keyof typeof defaultsKeys> = {
	keyContext: (state) => {
		if (state.defaults.picker) return 'defaults.picker';
		return state.defaults.editing ? 'defaults.text' : 'defaults';
	},
	command: defaultsCommand,
	field: (state) => (state.defaults.picker ? state.defaults.picker.query : state.defaults.editing?.value),
	text: defaultsText,
};

function defaultsCommand(state: WizardState, command: KeyCommand): WizardState {
	const form = state.defaults;
	const options = state.options;
	const setForm = (change: Partial<DefaultsForm>) => ({...state, defaults: {...form, ...change}});
	const setOptions = (change: Partial<ImportOptions>) => ({...state, options: {...options, ...change}});
	if (form.picker) return pickerCommand(state, command);
	if (form.editing) return editCommand(state, command);
	const fields = activeFields(options);
	const index = Math.max(0, fields.indexOf(defaultsFields[form.field]!));
	const field = fields[index]!;
	const step = command === 'left' ? -1 : 1;
	switch (command) {
		case 'up':
		case 'down':
			return setForm({field: defaultsFields.indexOf(fields[Math.max(0, Math.min(fields.length - 1, index + (command === 'up' ? -1 : 1)))]!)});
		case 'left':
		case 'right':
			switch (field) {
				case 'state':
					return setOptions(options.state === 'STAGED' ? {state: 'ACTIVATED'} : {state: 'STAGED', email: {kind: 'none'}});
				case 'email': {
					const email = cycleEmail(options.email, step);
					// All to one address needs the address: asked for at once, on its own line.
					if (email.kind === 'address') return {...setOptions({email}), defaults: {...form, field: defaultsFields.indexOf('address'), editing: {field: 'address', value: '', error: undefined}}};
					return setOptions({email});
				}
				case 'mfa':
					return setOptions({requireMfa: !options.requireMfa});
				case 'days':
					// 0: no window, MFA at the first sign-in.
					return setOptions({mfaExclusionDays: steppedWindow(options.mfaExclusionDays, step)});
				case 'existing':
					return setOptions({existing: options.existing === 'skip' ? 'fail' : 'skip'});
				default:
					return state;
			}
		case 'select':
			if (field === 'address') return setForm({editing: {field: 'address', value: options.email.kind === 'address' ? options.email.address : '', error: undefined}});
			// Typed afresh: a number typed replaces the window rather than being appended to it.
			if (field === 'days') return setForm({editing: {field: 'days', value: '', error: undefined}});
			if (field === 'groups' || field === 'devices') return setForm({picker: {kind: field, query: '', cursor: 0}});
			return defaultsCommand(state, 'right');
		case 'continue': {
			if (options.state === 'ACTIVATED' && options.email.kind === 'address' && !isEmail(options.email.address)) {
				return {...setForm({field: defaultsFields.indexOf('address')}), error: 'Give the address the emails go to (Enter on the address line).'};
			}
			if (!state.mapping) return state;
			return queue({...state, busy: {line: 'Checking every row against the directory…'}}, {kind: 'prepare', options, edits: state.edits, mapping: state.mapping.mapping});
		}
		case 'back':
			return goBack(state);
		default:
			return state;
	}
}

function editCommand(state: WizardState, command: KeyCommand): WizardState {
	const editing = state.defaults.editing!;
	const close = (change: Partial<ImportOptions>) => ({...state, options: {...state.options, ...change}, defaults: {...state.defaults, editing: undefined}});
	if (command === 'back') return {...state, defaults: {...state.defaults, editing: undefined}};
	if (command !== 'select') return state;
	const value = editing.value.trim();
	if (editing.field === 'address') {
		if (!isEmail(value)) return {...state, defaults: {...state.defaults, editing: {...editing, error: 'That is not an email address.'}}};
		return close({email: {kind: 'address', address: value}});
	}
	// Enter on nothing typed keeps the window as it was.
	if (value === '') return close({});
	const days = Number(value);
	if (!/^\d+$/.test(value) || !Number.isInteger(days) || days < 0 || days > 365) {
		return {...state, defaults: {...state.defaults, editing: {...editing, error: 'A whole number of days, 0 to 365 (0: MFA at first sign-in).'}}};
	}
	return close({mfaExclusionDays: days});
}

function pickerCommand(state: WizardState, command: KeyCommand): WizardState {
	const picker = state.defaults.picker!;
	const items = pickerItems(state);
	const moveTo = (cursor: number) => ({...state, defaults: {...state.defaults, picker: {...picker, cursor}}});
	const moved = movedCursor(command, picker.cursor, items.length);
	if (moved !== undefined) return moveTo(moved);
	switch (command) {
		case 'toggle': {
			const name = items[picker.cursor]?.key;
			if (name === undefined) return state;
			const list = state.options[picker.kind];
			const next = list.includes(name) ? list.filter((item) => item !== name) : [...list, name];
			return {...state, options: {...state.options, [picker.kind]: next}};
		}
		case 'back':
			return {...state, defaults: {...state.defaults, picker: undefined}};
		default:
			return state;
	}
}

function defaultsText(state: WizardState, value: string): WizardState {
	const form = state.defaults;
	if (form.picker) return {...state, defaults: {...form, picker: {...form.picker, query: value, cursor: 0}}};
	if (form.editing) return {...state, defaults: {...form, editing: {...form.editing, value, error: undefined}}};
	return state;
}

function cycleEmail(email: EmailChoice, step: number): EmailChoice {
	const kinds = ['none', 'default', 'address'] as const;
	const kind = kinds[(kinds.indexOf(email.kind) + step + kinds.length) % kinds.length]!;
	return kind === 'address' ? {kind, address: ''} : {kind};
}
