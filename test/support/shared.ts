import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared` beside the project: JumpCloud's specs, the attribute catalog and example CSVs. */
export const sharedFolder = path.resolve(root, '../shared');
export const sharedPresent = existsSync(path.join(sharedFolder, 'jumpcloud/ATTRIBUTES.md'));
export const sharedSkipReason = `skipped: ${sharedFolder} is absent (the attribute catalog and JumpCloud's example CSVs live in ../shared)`;
export const projectRoot = root;
