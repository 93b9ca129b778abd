// `npm run bench [name…]`: runs the named benchmarks (all by default). They print figures; they never fail a build.
import {spawnSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = {inspect: 'inspect.mjs', import: 'import.mjs', ui: 'ui.mjs', directory: 'directory.mjs', sandbox: 'sandbox.mjs', preview: 'preview.mjs', large: 'large.mjs'};
const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
	const file = benches[name];
	if (!file) {
		console.error(`Unknown benchmark ${name}; there are: ${Object.keys(benches).join(', ')}`);
		process.exit(2);
	}
	const {status} = spawnSync(process.execPath, [path.join(here, file)], {stdio: 'inherit'});
	if (status !== 0) process.exit(status ?? 1);
}
