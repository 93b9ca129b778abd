// One contender in the lock race of lock.test.ts, using the built lock as the CLI runs it (the
// test suite builds first). One process for every round, so a round costs no Node start-up.
// Reads commands from stdin, one a line:
//   try FILE AT  spins until the time AT (so all contenders try at once), tries the lock once,
//                and says 'won', or 'lost' and why
//   release      releases a won lock and says 'released'
import {createInterface} from 'node:readline';
import {acquireLock, ImportLockedError} from '../../dist/importer/lock.js';

const now = () => performance.timeOrigin + performance.now();
let release;

createInterface({input: process.stdin}).on('line', (line) => {
	const [command, file, at] = line.split(' ');
	if (command === 'try') {
		while (now() < Number(at)) {
			// A timer would wake each contender up to a millisecond apart.
		}
		try {
			release = acquireLock(file);
			console.log('won');
		} catch (error) {
			if (!(error instanceof ImportLockedError)) throw error;
			console.log(`lost ${error.message}`);
		}
	} else if (command === 'release') {
		release?.();
		release = undefined;
		console.log('released');
	}
});
console.log('ready');
