import {parentPort, workerData} from 'node:worker_threads';
import {readAhead, type ReadAheadRequest} from './read-ahead.js';

/* The body of `readAheadAside`'s worker: the pass, its table handed back without a copy. */

const {holders, sha256} = await readAhead(workerData as ReadAheadRequest);
const {hashes, rows} = holders.arrays;
parentPort!.postMessage({hashes, rows, sha256}, [hashes.buffer, rows.buffer]);
