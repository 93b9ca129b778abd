import {readDirectory} from '../../importer/directory-read.js';
import {connectPaced} from '../../importer/connect-paced.js';
import {importFolder, readManifest} from '../../importer/import-store.js';
import {importConnection} from '../../importer/import-target.js';
import {regions} from '../../jumpcloud/regions.js';
import type {Connection} from '../../lib/settings.js';
import type {ConnectForm} from '../state/wizard-state.js';
import {readingProgress} from './reading-progress.js';
import type {Dispatch, WizardTaskState} from './task-state.js';

/**
 * Connects as the form says (or as the import to resume was made), proves the key with one cheap
 * read, then reads the whole directory once: later checks of the file cost no request.
 */
export async function connect(state: WizardTaskState, form: ConnectForm, resumeId: string | undefined, dispatch: Dispatch): Promise<void> {
	await disconnect(state);
	const connection = connectionOf(state, form, resumeId);
	const {connected, pacer} = await connectPaced(connection, false);
	if (state.closing) return connected.close();
	state.connected = connected;
	state.pacer = pacer;
	state.connection = connection;
	// One cheap read proves the key before the whole directory is read.
	const organization = await connected.client.organization.get();
	state.directory = await readDirectory(connected.client, readingProgress(dispatch, 'Reading the directory'));
	dispatch({
		type: 'connected',
		// The sandbox's own badge says SANDBOX on every screen; the label says where it lives.
		target: {label: connection.kind === 'sandbox' ? `simulated JumpCloud, ${new URL(connected.client.http.baseUrl).host}` : connected.label, sandbox: connection.kind === 'sandbox'},
		directory: {
			organization: organization.displayName ?? organization._id,
			users: state.directory.users.length,
			groups: state.directory.groups.map((group) => group.name).sort((a, b) => a.localeCompare(b)),
			devices: state.directory.systems.map((system) => ({ref: system._id, name: system.displayName || system.hostname || system._id})),
		},
	});
}

/** Where to connect: an import to resume goes back to its own target; else the form, the key typed or JC_API_KEY. */
function connectionOf(state: WizardTaskState, form: ConnectForm, resumeId: string | undefined): Connection {
	if (resumeId) {
		const manifest = readManifest(importFolder(state.home.imports, resumeId));
		return importConnection(manifest, form.apiKey || state.env.JC_API_KEY?.trim() || undefined, form.orgId || undefined);
	}
	if (form.mode === 'sandbox') return {kind: 'sandbox'};
	return {kind: 'jumpcloud', baseUrl: form.baseUrl ?? regions[form.region], region: form.baseUrl ? undefined : form.region, orgId: form.orgId || undefined, apiKey: form.apiKey || state.env.JC_API_KEY?.trim()};
}

/** The connection closed (and the sandbox with it), and the directory read through it forgotten. */
export async function disconnect(state: WizardTaskState): Promise<void> {
	await state.connected?.close();
	state.connected = undefined;
	state.directory = undefined;
}
