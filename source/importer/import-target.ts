import type {JumpCloudClient} from '../jumpcloud/client.js';
import {UsageError} from '../lib/exit-codes.js';
import {sanitize} from '../lib/sanitize.js';
import {checkUrl, type Connection} from '../lib/settings.js';
import type {Manifest} from './import-store.js';

/*
 * A resume or rollback goes back where the import went, and nowhere else. The manifest names the
 * API URL and the organization; a manifest is a file anyone with the folder could edit, so its URL
 * meets the same https rule as a typed one, and the key must reach the same organization.
 */

/** The connection a resume or rollback of this import uses; refuses a URL that would carry the key in clear. */
export function importConnection(manifest: Manifest, apiKey: string | undefined, orgIdFallback?: string): Connection {
	let baseUrl: string;
	try {
		baseUrl = checkUrl(manifest.target.baseUrl);
	} catch (error) {
		throw new UsageError(`Import ${manifest.id}'s manifest names an API URL the key may not be sent to: ${(error as Error).message}`, {cause: error});
	}
	return {kind: 'jumpcloud', baseUrl, region: undefined, orgId: manifest.target.orgId ?? orgIdFallback, apiKey};
}

/** Throws unless the key reaches the organization the import was made in. */
export async function assertSameOrganization(client: JumpCloudClient, manifest: Manifest): Promise<void> {
	const recorded = manifest.target.organization;
	if (!recorded) {
		throw new UsageError(`Import ${manifest.id} was recorded without its organization (by an older jc-import), so this key cannot be checked against it; nothing was done.`);
	}
	const reached = await client.organization.get();
	if (reached._id !== recorded.id) {
		const name = (org: {id?: string; _id?: string; name?: string; displayName?: string}) => `${org.name ?? org.displayName ? `“${sanitize(String(org.name ?? org.displayName))}” ` : ''}(${sanitize(String(org.id ?? org._id))})`;
		throw new UsageError(`This API key reaches organization ${name(reached)}, but import ${manifest.id} was made in organization ${name(recorded)}: use a key for that organization. Nothing was done.`);
	}
}
