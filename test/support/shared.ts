import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `../shared` beside the project: JumpCloud's specs, the attribute catalog and example CSVs.
 * JC_IMPORT_TEST_SHARED points elsewhere only so a test can see what `npm test` says without it.
 */
export const sharedFolder = path.resolve(root, process.env.JC_IMPORT_TEST_SHARED ?? '../shared');
export const sharedPresent = existsSync(path.join(sharedFolder, 'jumpcloud/ATTRIBUTES.md'));
/** In the name of every test skipped for want of ../shared: the summary reporter counts them by it. */
export const needsShared = '(needs ../shared)';
export const sharedSkipReason = `skipped: ${sharedFolder} is absent (the attribute catalog and JumpCloud's example CSVs live in ../shared) ${needsShared}`;
export const projectRoot = root;
