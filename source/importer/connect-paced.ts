import {connect, type Connected} from '../lib/connect.js';
import type {Connection} from '../lib/settings.js';
import {loadLearnedRate, saveLearnedRate} from './learned-rate.js';
import {Pacer} from './pacer.js';

/**
 * A paced client: every request goes through the adaptive pacer, which starts just under the rate
 * the last import to this API URL and organization learned (the sandbox, on a new port each time,
 * starts afresh). What it learns is remembered when a run ends (`pacer.remember()`, the wizard) and
 * when the connection closes (run, resume, rollback end there). Both faces connect this way.
 */
export async function connectPaced(connection: Connection, interactive: boolean, env: NodeJS.ProcessEnv = process.env): Promise<{connected: Connected; pacer: Pacer}> {
	const target = connection.kind === 'jumpcloud' ? {baseUrl: connection.baseUrl, orgId: connection.orgId} : undefined;
	const pacer = new Pacer(target ? {learned: loadLearnedRate(target, env), keep: (learned) => saveLearnedRate(target, learned, env)} : {});
	const connected = await connect(connection, {interactive, gate: pacer.gate, observer: pacer.observe});
	return {
		connected: {
			...connected,
			close: async () => {
				pacer.remember();
				await connected.close();
			},
		},
		pacer,
	};
}
