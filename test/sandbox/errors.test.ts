import {afterEach, describe, expect, it} from 'vitest';
import {errorStyles, parseErrorStyle, startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {badRequestType, call, start, validUser} from './support.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
	await sandbox?.close();
	sandbox = undefined;
});

const missingUser = '/api/systemusers/0123456789abcdef01234567';

/** One answer of each kind the styles differ in: 401, 404, a create's 400 and a list's 400. */
async function errorAnswers(s: Sandbox) {
	return {
		unauthorized: await call(s, 'GET', '/api/systemusers', {key: 'wrong'}),
		notFound: await call(s, 'GET', missingUser),
		createInvalid: await call(s, 'POST', '/api/systemusers', {body: validUser({unix_uid: 0})}),
		listInvalid: await call(s, 'GET', '/api/systemusers?limit=101'),
	};
}

describe('error bodies', () => {
	it("grpc (the default) is the spec's Error; only a create's 400 carries details (ErrorDetails)", async () => {
		sandbox = await start();
		const answers = await errorAnswers(sandbox);
		expect(answers.unauthorized.status).toBe(401);
		expect(answers.unauthorized.body).toEqual({code: 401, message: expect.stringMatching(/x-api-key/), status: 'UNAUTHENTICATED'});
		expect(answers.notFound.body).toEqual({code: 404, message: 'User not found', status: 'NOT_FOUND'});
		expect(answers.createInvalid.body).toEqual({
			code: 400,
			message: 'unix_uid must be a whole number of at least 1',
			status: 'INVALID_ARGUMENT',
			details: [{'@type': badRequestType, fieldViolationsList: [{field: 'unix_uid', description: 'unix_uid must be a whole number of at least 1'}]}],
		});
		expect(answers.listInvalid.body).toEqual({code: 400, message: 'limit must be at most 100, not 101', status: 'INVALID_ARGUMENT'});
	});

	it("message: {message} only, for every error the server gives", async () => {
		sandbox = await start({errorStyle: 'message'});
		const answers = await errorAnswers(sandbox);
		expect(answers.unauthorized.body).toEqual({message: expect.stringMatching(/x-api-key/)});
		expect(answers.notFound.body).toEqual({message: 'User not found'});
		expect(answers.createInvalid.body).toEqual({message: 'unix_uid must be a whole number of at least 1'});
		expect(answers.listInvalid.body).toEqual({message: 'limit must be at most 100, not 101'});
		expect(Object.values(answers).map((answer) => answer.status)).toEqual([401, 404, 400, 400]);
	});

	it('message-error: {message, error} with the reason phrase', async () => {
		sandbox = await start({errorStyle: 'message-error'});
		const answers = await errorAnswers(sandbox);
		expect(answers.unauthorized.body).toEqual({message: expect.stringMatching(/x-api-key/), error: 'Unauthorized'});
		expect(answers.notFound.body).toEqual({message: 'User not found', error: 'Not Found'});
		expect(answers.createInvalid.body).toEqual({message: 'unix_uid must be a whole number of at least 1', error: 'Bad Request'});
	});

	it('injected faults, the rate limiter and route misses follow the style too; setKnobs switches it', async () => {
		sandbox = await start({errorStyle: 'message', faults: {error503: 1}});
		expect((await call(sandbox, 'GET', '/api/organizations')).body).toEqual({message: 'Service Unavailable'});
		sandbox.setKnobs({faults: {}, rateLimit: 1});
		await call(sandbox, 'GET', '/api/organizations');
		const limited = await call(sandbox, 'GET', '/api/organizations');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({message: expect.stringMatching(/Too Many Requests/)});
		sandbox.setKnobs({rateLimit: 0, errorStyle: 'grpc'});
		expect((await call(sandbox, 'GET', '/api/nothing')).body).toEqual({code: 404, status: 'NOT_FOUND', message: expect.stringMatching(/no route/)});
	});

	it('a graph edge that exists is 409 {"message":"Already Exists"} word for word in every style', async () => {
		for (const errorStyle of errorStyles) {
			const s = await start({errorStyle});
			try {
				const user = (await call(s, 'POST', '/api/systemusers', {body: validUser()})).body._id;
				const group = s.directory.groupByName('Sales')!.id;
				const system = s.directory.systemByHostname('sales-win-01')!._id;
				const member = {body: {op: 'add', type: 'user', id: user}};
				expect((await call(s, 'POST', `/api/v2/usergroups/${group}/members`, member)).status).toBe(204);
				const again = await call(s, 'POST', `/api/v2/usergroups/${group}/members`, member);
				expect([again.status, again.text]).toEqual([409, '{"message":"Already Exists"}']);
				expect((await call(s, 'POST', `/api/v2/systems/${system}/associations`, member)).status).toBe(204);
				const bound = await call(s, 'POST', `/api/v2/systems/${system}/associations`, member);
				expect([bound.status, bound.text]).toEqual([409, '{"message":"Already Exists"}']);
			} finally {
				await s.close();
			}
		}
	});
});

describe('a create whose user exists', () => {
	it('is 400 "User already exists" naming every taken field in details, by default', async () => {
		sandbox = await start();
		const answer = await call(sandbox, 'POST', '/api/systemusers', {body: validUser({username: 'JSMITH', email: 'Jane.Smith@example.com'})});
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({
			code: 400,
			message: "User already exists: username 'JSMITH' is taken; email 'Jane.Smith@example.com' is taken",
			status: 'INVALID_ARGUMENT',
			details: [
				{
					'@type': badRequestType,
					fieldViolationsList: [
						{field: 'username', description: "username 'JSMITH' is taken"},
						{field: 'email', description: "email 'Jane.Smith@example.com' is taken"},
					],
				},
			],
		});
	});

	it('is 409 with duplicateUserStatus 409, in any style; nothing is stored', async () => {
		sandbox = await start({duplicateUserStatus: 409, errorStyle: 'message'});
		const before = sandbox.directory.users.size;
		const answer = await call(sandbox, 'POST', '/api/systemusers', {body: validUser({username: 'jsmith'})});
		expect(answer.status).toBe(409);
		expect(answer.body).toEqual({message: "User already exists: username 'jsmith' is taken"});
		// In the spec's shape a 409 is `Error`: details belong to the create's 400 (ErrorDetails) only.
		sandbox.setKnobs({errorStyle: 'grpc'});
		const grpc = await call(sandbox, 'POST', '/api/systemusers', {body: validUser({username: 'jsmith'})});
		expect(grpc.body).toEqual({code: 409, status: 'ALREADY_EXISTS', message: "User already exists: username 'jsmith' is taken"});
		expect(sandbox.directory.users.size).toBe(before);
		sandbox.setKnobs({duplicateUserStatus: 400});
		expect((await call(sandbox, 'POST', '/api/systemusers', {body: validUser({username: 'jsmith'})})).status).toBe(400);
	});
});

describe('the knobs', () => {
	it('parse and check the style and the duplicate status', async () => {
		expect(parseErrorStyle('message-error')).toBe('message-error');
		expect(() => parseErrorStyle('json')).toThrow(/Unknown error style 'json' \(styles: grpc, message, message-error\)/);
		await expect(startSandbox({errorStyle: 'xml' as never})).rejects.toThrow(/errorStyle must be one of/);
		await expect(startSandbox({duplicateUserStatus: 422 as never})).rejects.toThrow(/duplicateUserStatus must be 400 or 409/);
	});
});
