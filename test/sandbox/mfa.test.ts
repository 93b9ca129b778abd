import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {call, start, validUser} from './support.js';

const dayMs = 86_400_000;
/** The sandbox's clock, fixed, so dates are compared exactly. */
const now = new Date('2026-11-30T12:00:00.000Z');

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await start();
	sandbox.directory.now = () => now;
});
afterEach(async () => {
	await sandbox.close();
});

const create = (overrides: Record<string, unknown>) => call(sandbox, 'POST', '/api/systemusers', {body: validUser(overrides)});
const read = async (id: string) => (await call(sandbox, 'GET', `/api/systemusers/${id}`)).body;

describe('MFA as a create stores and returns it', () => {
	it('a user created without MFA settings has MFA off and not configured', async () => {
		const answer = await create({});
		expect(answer.body).toMatchObject({enable_user_portal_multifactor: false, mfa: {configured: false, exclusion: false}});
		expect(await read(answer.body._id)).toMatchObject({enable_user_portal_multifactor: false, mfa: {configured: false, exclusion: false}});
	});

	it('a STAGED user keeps its enrolment days; configured is JumpCloud\'s, never the caller\'s', async () => {
		const answer = await create({state: 'STAGED', enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 21, configured: true}});
		expect(answer.status).toBe(200);
		expect(answer.body.enable_user_portal_multifactor).toBe(true);
		expect(answer.body.mfa).toEqual({configured: false, exclusion: true, exclusionDays: 21});
		expect((await read(answer.body._id)).mfa).toEqual({configured: false, exclusion: true, exclusionDays: 21});
	});

	it('activation turns the days into a date counted from the activation', async () => {
		const id = (await create({state: 'STAGED', enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionDays: 21}})).body._id;
		const later = new Date(now.getTime() + 3 * dayMs);
		sandbox.directory.now = () => later;
		expect((await call(sandbox, 'POST', `/api/systemusers/${id}/state/activate`, {body: {email: false}})).status).toBe(200);
		expect((await read(id)).mfa).toEqual({configured: false, exclusion: true, exclusionUntil: new Date(later.getTime() + 21 * dayMs).toISOString()});
	});

	it('an ACTIVATED or SUSPENDED user takes a future date, returned as an ISO date-time', async () => {
		for (const state of ['ACTIVATED', 'SUSPENDED']) {
			const answer = await create({state, enable_user_portal_multifactor: true, mfa: {exclusion: true, exclusionUntil: '2026-12-14T09:30:00+01:00'}});
			expect(answer.status, state).toBe(200);
			expect(answer.body.mfa).toEqual({configured: false, exclusion: true, exclusionUntil: '2026-12-14T08:30:00.000Z'});
		}
	});
});

describe('MFA a create may not send', () => {
	const refusals: Array<[string, Record<string, unknown>, string]> = [
		['a date for a STAGED user', {state: 'STAGED', mfa: {exclusion: true, exclusionUntil: '2026-12-14T00:00:00Z'}}, 'A STAGED user must use mfa.exclusionDays, not mfa.exclusionUntil'],
		['days for an ACTIVATED user', {state: 'ACTIVATED', mfa: {exclusion: true, exclusionDays: 7}}, 'mfa.exclusionDays is for STAGED users; give this user mfa.exclusionUntil'],
		['days for a SUSPENDED user', {state: 'SUSPENDED', mfa: {exclusion: true, exclusionDays: 7}}, 'mfa.exclusionDays is for STAGED users; give this user mfa.exclusionUntil'],
		['0 days', {state: 'STAGED', mfa: {exclusion: true, exclusionDays: 0}}, 'mfa.exclusionDays must be a whole number from 1 to 365'],
		['366 days', {state: 'STAGED', mfa: {exclusion: true, exclusionDays: 366}}, 'mfa.exclusionDays must be a whole number from 1 to 365'],
		['days that are not whole', {state: 'STAGED', mfa: {exclusion: true, exclusionDays: 1.5}}, 'mfa.exclusionDays must be a whole number from 1 to 365'],
		['days as text', {state: 'STAGED', mfa: {exclusion: true, exclusionDays: '7'}}, 'mfa.exclusionDays must be a whole number from 1 to 365'],
		['a date in the past', {state: 'ACTIVATED', mfa: {exclusion: true, exclusionUntil: '2026-11-30T11:59:59Z'}}, 'mfa.exclusionUntil must be in the future'],
		['a date that is not RFC 3339', {state: 'ACTIVATED', mfa: {exclusion: true, exclusionUntil: '12/14/2026 10:00:00'}}, 'mfa.exclusionUntil must be a date-time such as 2026-12-14T00:00:00Z'],
		['an exclusion without its date', {state: 'ACTIVATED', mfa: {exclusion: true}}, 'A user excluded from MFA needs mfa.exclusionUntil'],
		['exclusion that is not a boolean', {state: 'STAGED', mfa: {exclusion: 'yes', exclusionDays: 7}}, 'mfa.exclusion must be true or false'],
	];

	it.each(refusals)('%s is 400', async (_name, overrides, message) => {
		const before = sandbox.directory.users.size;
		const answer = await create(overrides);
		expect(answer.status).toBe(400);
		expect(answer.body.message).toBe(message);
		expect(sandbox.directory.users.size).toBe(before);
	});

	it('365 days and a date a second ahead are the edges that pass', async () => {
		expect((await create({state: 'STAGED', mfa: {exclusion: true, exclusionDays: 365}})).status).toBe(200);
		expect((await create({state: 'ACTIVATED', mfa: {exclusion: true, exclusionUntil: '2026-11-30T12:00:01Z'}})).status).toBe(200);
	});
});
