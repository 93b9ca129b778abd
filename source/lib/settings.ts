import {isRegion, regions, type Region} from '../jumpcloud/regions.js';
import {UsageError} from './exit-codes.js';
import {homePaths, type HomePaths} from './paths.js';

export type ConnectionFlags = {
	sandbox?: boolean;
	'api-url'?: string;
	region?: string;
	'org-id'?: string;
};

export type Connection =
	| {kind: 'sandbox'}
	| {
			kind: 'jumpcloud';
			baseUrl: string;
			region: Region | undefined;
			orgId: string | undefined;
			apiKey: string | undefined;
			/** Where the URL came from; undefined when it is the default (the US region). */
			baseUrlFrom?: '--api-url' | '--region' | 'JC_API_URL';
	  };

export type Settings = {connection: Connection; home: HomePaths};

/**
 * Settings come from flags first, then the environment: JC_API_KEY, JC_ORG_ID, JC_API_URL,
 * JC_IMPORT_HOME. The API key is never taken from a flag (it would show in `ps` and shell history).
 */
export function resolveSettings(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Settings {
	const home = homePaths(env);
	if (flags.sandbox) {
		if (flags['api-url'] || flags.region) throw new UsageError('--sandbox cannot be combined with --api-url or --region.');
		return {connection: {kind: 'sandbox'}, home};
	}
	if (flags['api-url'] && flags.region) throw new UsageError('Give either --api-url or --region, not both.');

	let region: Region | undefined;
	let baseUrl: string;
	let baseUrlFrom: '--api-url' | '--region' | 'JC_API_URL' | undefined;
	if (flags.region !== undefined) {
		const name = flags.region.toLowerCase();
		if (!isRegion(name)) throw new UsageError(`Unknown region '${flags.region}': use us, eu or in.`);
		region = name;
		baseUrl = regions[name];
		baseUrlFrom = '--region';
	} else if (flags['api-url'] !== undefined) {
		baseUrl = flags['api-url'];
		baseUrlFrom = '--api-url';
	} else if (env.JC_API_URL?.trim()) {
		baseUrl = env.JC_API_URL.trim();
		baseUrlFrom = 'JC_API_URL';
	} else {
		baseUrl = regions.us;
	}
	baseUrl = checkUrl(baseUrl);
	const orgId = (flags['org-id'] ?? env.JC_ORG_ID)?.trim() || undefined;
	if (orgId !== undefined && !/^[a-f0-9]{24}$/i.test(orgId)) {
		throw new UsageError(`The org id '${orgId.slice(0, 40)}' is not a JumpCloud id (24 hexadecimal characters).`);
	}
	const apiKey = env.JC_API_KEY?.trim() || undefined;
	return {connection: {kind: 'jumpcloud', baseUrl, region, orgId, apiKey, ...(baseUrlFrom ? {baseUrlFrom} : {})}, home};
}

/** The API URL, normalised; a UsageError unless https (plain http only to this machine). */
export function checkUrl(text: string): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UsageError(`The API URL '${text.slice(0, 80)}' is not a URL (expected e.g. https://console.jumpcloud.com).`);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
		// The key travels in a header: plain http is allowed only to this machine (the sandbox).
		throw new UsageError(`The API URL must use https (plain http only to 127.0.0.1 or localhost): ${url.origin}`);
	}
	return url.origin + url.pathname.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
