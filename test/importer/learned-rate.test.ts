import {chmodSync, chownSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {connectPaced} from '../../source/importer/connect-paced.js';
import {learnedRatesPath, loadLearnedRate, saveLearnedRate, targetKey} from '../../source/importer/learned-rate.js';
import {homePaths} from '../../source/lib/paths.js';
import {useTempFolders} from '../support/temp-dir.js';

const tempFolder = useTempFolders('jc-learned-rate-');
const target = {baseUrl: 'https://console.jumpcloud.com', orgId: 'org-a'};

describe('the learned request rate', () => {
	it('is remembered per API URL and organization', () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		expect(loadLearnedRate(target, env)).toBeUndefined();
		saveLearnedRate(target, {rate: 47.5, limited: true}, env);
		saveLearnedRate({...target, orgId: 'org-b'}, {rate: 120, limited: false}, env);
		expect(loadLearnedRate(target, env)).toEqual({rate: 47.5, limited: true});
		expect(loadLearnedRate({...target, orgId: 'org-b'}, env)).toEqual({rate: 120, limited: false});
		expect(loadLearnedRate({baseUrl: target.baseUrl, orgId: undefined}, env)).toBeUndefined();
		expect(loadLearnedRate({baseUrl: 'https://console.eu.jumpcloud.com', orgId: 'org-a'}, env)).toBeUndefined();
		// The same URL written another way is the same target.
		expect(loadLearnedRate({baseUrl: 'https://CONSOLE.jumpcloud.com/', orgId: 'org-a'}, env)).toEqual({rate: 47.5, limited: true});
		saveLearnedRate(target, {rate: 52, limited: true}, env);
		expect(loadLearnedRate(target, env)).toEqual({rate: 52, limited: true});
	});

	it('is kept in a 0600 file in a 0700 folder, with no user or password from the URL', () => {
		const env = {JC_IMPORT_HOME: path.join(tempFolder(), 'home')};
		process.umask(0);
		saveLearnedRate({baseUrl: 'https://admin:hunter2@jc.example.com/api?key=secret', orgId: undefined}, {rate: 30, limited: true}, env);
		const file = learnedRatesPath(env);
		expect(path.dirname(file)).toBe(homePaths(env).config);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(homePaths(env).config).mode & 0o777).toBe(0o700);
		const text = readFileSync(file, 'utf8');
		expect(text).not.toMatch(/admin|hunter2|secret/);
		expect(targetKey({baseUrl: 'https://admin:hunter2@jc.example.com/api?key=secret'})).toBe('https://jc.example.com/api org:-');
	});

	it('is ignored when the file is damaged, and the next save replaces it', () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		saveLearnedRate(target, {rate: 40, limited: true}, env);
		const file = learnedRatesPath(env);
		for (const damaged of ['{"version":1,"rates":{', '[1,2]', '{"version":2,"rates":{}}', '\u0000\u0001']) {
			writeFileSync(file, damaged);
			expect(loadLearnedRate(target, env)).toBeUndefined();
		}
		// An entry that is no rate is left out; the others still count.
		const other = targetKey({...target, orgId: 'org-b'});
		writeFileSync(file, JSON.stringify({version: 1, rates: {[targetKey(target)]: {rate: 'fast', limited: true, at: 'x'}, [other]: {rate: 60, limited: false, at: 'x'}}}));
		expect(loadLearnedRate(target, env)).toBeUndefined();
		expect(loadLearnedRate({...target, orgId: 'org-b'}, env)).toEqual({rate: 60, limited: false});
		writeFileSync(file, 'not json');
		saveLearnedRate(target, {rate: 44, limited: true}, env);
		expect(loadLearnedRate(target, env)).toEqual({rate: 44, limited: true});
	});

	it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)("is neither read from nor saved over another user's file", () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		saveLearnedRate(target, {rate: 40, limited: true}, env);
		const file = learnedRatesPath(env);
		chownSync(file, 12345, 12345);
		expect(loadLearnedRate(target, env)).toBeUndefined();
		saveLearnedRate(target, {rate: 80, limited: true}, env);
		expect(statSync(file).uid).toBe(12345);
		expect(readFileSync(file, 'utf8')).toContain('40');
	});

	it.skipIf(process.platform === 'win32')('is not used from a file or a folder anyone can write to', () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		saveLearnedRate(target, {rate: 40, limited: true}, env);
		const file = learnedRatesPath(env);
		chmodSync(file, 0o666);
		expect(loadLearnedRate(target, env)).toBeUndefined();
		chmodSync(file, 0o600);
		chmodSync(env.JC_IMPORT_HOME, 0o777);
		expect(loadLearnedRate(target, env)).toBeUndefined();
		saveLearnedRate(target, {rate: 80, limited: true}, env);
		chmodSync(env.JC_IMPORT_HOME, 0o700);
		expect(loadLearnedRate(target, env)).toEqual({rate: 40, limited: true});
	});

	it('starts the paced connection just under it, and is saved when the connection closes', async () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		const connection = {kind: 'jumpcloud' as const, baseUrl: target.baseUrl, region: undefined, orgId: target.orgId, apiKey: 'not-a-real-key'};
		const fresh = await connectPaced(connection, false, env);
		expect(fresh.pacer.rate).toBe(8);
		await fresh.connected.close(); // nothing learned: nothing written
		expect(loadLearnedRate(target, env)).toBeUndefined();

		saveLearnedRate(target, {rate: 50, limited: true}, env);
		const {connected, pacer} = await connectPaced(connection, false, env);
		expect(pacer.rate).toBe(45);
		expect(pacer.slowStart).toBe(false);
		pacer.observe({method: 'POST', path: '/api/systemusers', attempt: 1, durationMs: 100, status: 429});
		await connected.close();
		const saved = loadLearnedRate(target, env);
		expect(saved?.limited).toBe(true);
		expect(saved!.rate).toBeLessThan(50);
		expect(readFileSync(learnedRatesPath(env), 'utf8')).not.toContain('not-a-real-key');
	});

	it('is not kept for the sandbox', async () => {
		const env = {JC_IMPORT_HOME: tempFolder()};
		const {connected, pacer} = await connectPaced({kind: 'sandbox'}, false, env);
		pacer.observe({method: 'POST', path: '/api/systemusers', attempt: 1, durationMs: 100, status: 429});
		await connected.close();
		expect(() => statSync(learnedRatesPath(env))).toThrow();
	});
});
