import {isDistinguishedName} from '../lib/distinguished-name.js';
import {isEmail, isInteger, isObjectId, isPhone, isStructuredValue, looksLikeDate, parseBoolean} from '../lib/value-shapes.js';
import {catalogEntry, type Target} from './catalog.js';

/**
 * What a column's values say about a target the header suggested: `fit` multiplies the header's
 * confidence (1: nothing against it; low: the values veto it), `note` says why in plain words.
 */
export type Fit = {fit: number; note?: string};

const accountStates = /^(?:staged|activated|active|suspended)$/i;
/** Words HR systems use for where a person stands; never a place, a title or a department. */
const standingWords = new Set([
	'active', 'inactive', 'onboarding', 'offboarding', 'terminated', 'leave', 'on leave', 'pending', 'hired', 'suspended', 'retired', 'new', 'left',
	'aktiv', 'inaktiv', 'ausgetreten', 'actif', 'inactif', 'activo', 'inactivo', 'ativo', 'inativo', 'desligado', 'attivo', 'cessato',
	'actief', 'inactief', 'aktywny', 'nieaktywny', 'zwolniony', '在籍', '退職', '休職',
]);
const salutations = /^(?:mr|mrs|ms|miss|mx|dr|prof|herr|frau|m|mme|mlle|sr|sra|srta|dhr|mevr|pan|pani|sig|sig\.ra)\.?$/i;
const isGuid = (value: string) => /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(value);
const isHostname = (value: string) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(value) && /[A-Za-z]/.test(value);
/** Two or more words, or `Last, First`: a person's whole name. */
const isFullName = (value: string) => /^\p{L}[\p{L}'’.-]*(?:,?\s+\p{L}[\p{L}'’.-]*)+$/u.test(value);

const placeTargets = /^(?:home|work)_(?:streetAddress|poBox|city|state|postalCode|country)$|^(?:location|department|company|jobTitle|costCenter|employeeType)$/;

export function share(values: readonly string[], test: (value: string) => boolean): number {
	return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

/** How well the samples fit a target the header suggested: 1 when they fit or there are none. */
export function valueFit(target: Target, values: readonly string[]): Fit {
	if (values.length === 0) return {fit: 1};
	const part = (test: (value: string) => boolean) => share(values, test);
	if (part(isStructuredValue) >= 0.5) {
		return target === 'description' ? {fit: 0.5, note: 'values are structured cells (JSON or @{…})'} : {fit: 0, note: 'values are structured cells (JSON or @{…}), not one value'};
	}
	const kind = catalogEntry(target)?.kind;
	if (target === 'username') return part(isEmail) >= 0.5 ? {fit: 0.3, note: 'values are email addresses'} : {fit: 1};
	if (kind === 'email') return part(isEmail) >= 0.5 ? {fit: 1, note: 'values are email addresses'} : {fit: 0.4, note: 'values are not email addresses'};
	if (kind === 'integer') return part(isInteger) >= 0.8 ? {fit: 1} : {fit: 0.5, note: 'values are not whole numbers'};
	if (kind === 'boolean') return part((value) => parseBoolean(value) !== undefined) >= 0.8 ? {fit: 1} : {fit: 0.5, note: 'values are not yes/no'};
	if (kind === 'state') return part((value) => accountStates.test(value)) >= 0.8 ? {fit: 1, note: 'values are account states'} : {fit: 0.3, note: 'values are not STAGED, ACTIVATED or SUSPENDED'};
	if (kind === 'days') return part((value) => isInteger(value) || looksLikeDate(value)) >= 0.8 ? {fit: 1} : {fit: 0.5, note: 'values are neither days nor dates'};
	if (kind === 'phone') return part((value) => isPhone(value) || /E\+/i.test(value)) >= 0.5 ? {fit: 1, note: 'values are phone numbers'} : {fit: 0.6, note: 'values do not look like phone numbers'};
	if (placeTargets.test(target)) {
		if (part((value) => standingWords.has(value.toLowerCase())) >= 0.6) return {fit: 0.15, note: 'values say where a person stands (Active, Onboarding …), not a place or a unit'};
		if (part((value) => accountStates.test(value)) >= 0.8) return {fit: 0.2, note: 'values are account states'};
		if (part(isEmail) >= 0.5) return {fit: 0.2, note: 'values are email addresses'};
		if (part(looksLikeDate) >= 0.8) return {fit: 0.2, note: 'values are dates'};
		if (part((value) => isObjectId(value) || isGuid(value)) >= 0.8) return {fit: 0.2, note: 'values are internal ids'};
		if (target === 'jobTitle' && part((value) => salutations.test(value)) >= 0.6) return {fit: 0.15, note: 'values are salutations (Mr, Ms …), not job titles'};
		if (/postalCode$/.test(target) && part((value) => value.length <= 12) < 0.6) return {fit: 0.4, note: 'values are too long for postal codes'};
	}
	if (target === 'system') {
		return part((value) => value.split(/[;|,]/).every((each) => isHostname(each.trim()) || isObjectId(each.trim()))) >= 0.6
			? {fit: 1, note: 'values look like device names'}
			: {fit: 0.3, note: 'values do not look like device names or ids'};
	}
	if (target === 'manager') {
		if (part((value) => isEmail(value) || isDistinguishedName(value) || isFullName(value) || /^[\w.@-]+$/.test(value)) >= 0.6) return {fit: 1};
		return {fit: 0.4, note: 'values look like no username, email, name or DN'};
	}
	if (target === 'firstname' || target === 'lastname' || target === 'displayname' || target === 'middlename') {
		if (part(isEmail) >= 0.5) return {fit: 0.3, note: 'values are email addresses, not names'};
		if (part((value) => /^\d+$/.test(value)) >= 0.6) return {fit: 0.3, note: 'values are numbers, not names'};
	}
	return {fit: 1};
}

/** A generic header (`Name`, `ID`, `Status`) settled by its values; undefined when they settle nothing. */
export function settleGeneric(options: readonly Target[], values: readonly string[], language?: string): {target: Target; confidence: number; note: string} | undefined {
	if (values.length === 0) return undefined;
	const part = (test: (value: string) => boolean) => share(values, test);
	for (const option of options) {
		if (option === 'state' && part((value) => accountStates.test(value)) >= 0.8) return {target: 'state', confidence: 0.8, note: 'values are account states'};
		if (option === 'work_state' && part((value) => /^\p{L}[\p{L} .'-]*$/u.test(value) && !standingWords.has(value.toLowerCase())) >= 0.8) {
			return {target: 'work_state', confidence: 0.6, note: 'values are place names'};
		}
		if (option === 'displayname' && part(isFullName) >= 0.6) return {target: 'displayname', confidence: 0.75, note: 'values are full names (two or more words)'};
		if (option === 'lastname' && language === 'de' && part((value) => /^\p{L}[\p{L}'’-]*$/u.test(value)) >= 0.8) {
			return {target: 'lastname', confidence: 0.6, note: 'German "Name" over single words: surnames'};
		}
		if (option === 'employeeIdentifier') {
			const unique = new Set(values.map((value) => value.toLowerCase())).size === values.length;
			const codes = part((value) => /^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$/.test(value) && !isGuid(value) && !isObjectId(value) && !isEmail(value));
			if (unique && codes >= 0.9 && values.length >= 2) return {target: 'employeeIdentifier', confidence: 0.7, note: `values are ${values.length} distinct short codes`};
		}
	}
	return undefined;
}

export {isFullName};
