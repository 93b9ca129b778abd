// @ts-check
// What every group of checks is given, and the random tag that keeps the names it makes up unique.
import {randomBytes} from 'node:crypto';

/**
 * @typedef {object} Smoke
 * @property {import('../../dist/jumpcloud/client.js').JumpCloudClient} client the built client, connected
 * @property {import('./output.js').Output} out
 * @property {string} emailDomain the domain of the emails the checks make up (example.com unless --email-domain)
 */

export const random = () => randomBytes(3).toString('hex');
