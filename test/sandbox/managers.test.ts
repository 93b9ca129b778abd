import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Sandbox} from '../../source/sandbox/index.js';
import {call, start, validUser} from './support.js';

let sandbox: Sandbox;
let manager: string;
let reports: string[];
let bystander: string;
beforeEach(async () => {
	sandbox = await start();
	const create = async (overrides: Record<string, unknown> = {}) => (await call(sandbox, 'POST', '/api/systemusers', {body: validUser(overrides)})).body._id as string;
	manager = await create();
	reports = [await create({manager}), await create({manager})];
	bystander = await create();
});
afterEach(async () => {
	await sandbox.close();
});

const remove = (id: string, query = '') => call(sandbox, 'DELETE', `/api/systemusers/${id}${query}`);
const managerOf = (id: string) => sandbox.directory.users.get(id)?.manager;

describe('DELETE of a user who manages others', () => {
	it("is 409 (the spec's Error) and deletes nothing", async () => {
		const answer = await remove(manager);
		expect(answer.status).toBe(409);
		expect(answer.body).toEqual({code: 409, status: 'FAILED_PRECONDITION', message: expect.stringMatching(/is the manager of 2 user\(s\).*cascade_manager=null/)});
		expect(answer.body.message).not.toMatch(/already exist/i);
		expect(sandbox.directory.users.has(manager)).toBe(true);
		expect(reports.map(managerOf)).toEqual([manager, manager]);
	});

	it('cascade_manager=null clears the manager of every direct report, then deletes', async () => {
		const answer = await remove(manager, '?cascade_manager=null');
		expect(answer.status).toBe(200);
		expect(answer.body._id).toBe(manager);
		expect(sandbox.directory.users.has(manager)).toBe(false);
		for (const id of reports) {
			const read = await call(sandbox, 'GET', `/api/systemusers/${id}`);
			expect(read.body).not.toHaveProperty('manager');
		}
	});

	it('cascade_manager=<user id> hands the reports to that user, as Remove-JCUser -CascadeManager User does', async () => {
		expect((await remove(manager, `?cascade_manager=${bystander}`)).status).toBe(200);
		expect(reports.map(managerOf)).toEqual([bystander, bystander]);
	});

	it('refuses with 400 any other cascade_manager, and changes nothing', async () => {
		for (const value of ['NULL', '', 'automatic', '0123456789abcdef01234567', manager, reports[0]!]) {
			const answer = await remove(manager, `?cascade_manager=${value}`);
			expect(answer.status, value).toBe(400);
			expect(answer.body.message).toMatch(/cascade_manager/);
		}
		expect((await remove(manager, `?cascade_manager=null&cascade_manager=${bystander}`)).status).toBe(400);
		expect(sandbox.directory.users.has(manager)).toBe(true);
		expect(reports.map(managerOf)).toEqual([manager, manager]);
	});

	it('a user who manages nobody is deleted with or without cascade_manager=null (the module always sends it with -Force)', async () => {
		expect((await remove(reports[0]!)).status).toBe(200);
		expect((await remove(reports[1]!, '?cascade_manager=null')).status).toBe(200);
		// Its reports gone, the manager may go too.
		expect((await remove(manager)).status).toBe(200);
		expect((await remove(manager, '?cascade_manager=null')).status).toBe(404);
	});

	it('a search by manager finds the direct reports, as the client asks before a delete', async () => {
		const answer = await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter: {and: [{manager}]}, fields: 'username email', limit: 100, skip: 0}});
		expect(answer.status).toBe(200);
		expect(answer.body.totalCount).toBe(2);
		expect(answer.body.results.map((user: {_id: string}) => user._id).sort()).toEqual([...reports].sort());
		expect(Object.keys(answer.body.results[0]).sort()).toEqual(['_id', 'email', 'username']);
		const none = await call(sandbox, 'POST', '/api/search/systemusers', {body: {filter: {and: [{manager: bystander}]}}});
		expect(none.body).toEqual({results: [], totalCount: 0});
	});
});
