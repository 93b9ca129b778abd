import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {commandFor, fullMessage, keymap, keyName, repaint, type KeyContext} from '../../source/ui/keymap.js';
import {noKey} from '../support/keys.js';

/**
 * The key table holds together: within a context each key does one thing, and every key it names
 * is one the key reader (keyName, which turns Ink's useInput `(input, key)` into names) can
 * produce, so no binding is dead. Keys are asked of keyName itself, never listed here by hand.
 */

/** Every name keyName gives: each flag Ink sets alone and with Shift, and each printable ASCII character alone and with Ctrl. */
function producibleNames(): Set<string> {
	const names = new Set<string>();
	const add = (input: string, key: Partial<Key>) => {
		const name = keyName(input, {...noKey, ...key});
		if (name !== undefined) names.add(name);
	};
	const flags = (Object.keys(noKey) as Array<keyof Key>).filter((flag) => typeof noKey[flag] === 'boolean');
	for (const flag of flags) {
		add('', {[flag]: true});
		add('', {[flag]: true, shift: true});
	}
	for (let code = 0x20; code < 0x7f; code++) {
		const input = String.fromCharCode(code);
		add(input, {});
		add(input, {ctrl: true});
	}
	return names;
}

const contexts = Object.keys(keymap) as KeyContext[];

describe('the keymap', () => {
	it('binds no key twice within one context', () => {
		const duplicates: string[] = [];
		for (const context of contexts) {
			const seen = new Map<string, string>();
			for (const binding of keymap[context]) {
				for (const key of binding.keys) {
					const first = seen.get(key);
					if (first === undefined) seen.set(key, binding.command);
					else duplicates.push(`${context}: ${JSON.stringify(key)} → ${first} and ${binding.command}`);
				}
			}
		}
		expect(duplicates).toEqual([]);
	});

	it('names only keys the key reader can produce', () => {
		const producible = producibleNames();
		const bindings = [...contexts.flatMap((context) => keymap[context].map((binding) => ({context, binding}))), {context: 'everywhere', binding: repaint}, {context: 'everywhere', binding: fullMessage}];
		const unknown = bindings.flatMap(({context, binding}) => binding.keys.filter((key) => !producible.has(key)).map((key) => `${context}: ${JSON.stringify(key)} (${binding.command})`));
		expect(unknown).toEqual([]);
	});

	it('produces the named keys the table relies on (a check of the check)', () => {
		const producible = producibleNames();
		for (const name of ['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'enter', 'escape', 'tab', 'shift+tab', 'backspace', 'space', 'ctrl+c', 'ctrl+e', 'ctrl+l', '?', 'q']) expect(producible, name).toContain(name);
		// A space is read as `space`, never as a one-character ' ', so a binding of ' ' would be dead.
		expect(producible).not.toContain(' ');
		expect(producible).not.toContain('delete');
	});

	it('leaves Ctrl+C, Ctrl+L and Ctrl+E their meaning in every context', () => {
		const wrong: string[] = [];
		for (const context of contexts) {
			const got = {
				'ctrl+c': commandFor(context, 'c', {...noKey, ctrl: true}),
				'ctrl+l': commandFor(context, 'l', {...noKey, ctrl: true}),
				'ctrl+e': commandFor(context, 'e', {...noKey, ctrl: true}),
			};
			const want = {'ctrl+c': 'interrupt', 'ctrl+l': repaint.command, 'ctrl+e': fullMessage.command};
			for (const key of Object.keys(want) as Array<keyof typeof want>) if (got[key] !== want[key]) wrong.push(`${context}: ${key} → ${got[key]}`);
		}
		expect(wrong).toEqual([]);
	});
});
