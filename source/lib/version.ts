import {readFileSync} from 'node:fs';

/** The tool's version, from package.json (two levels up from source/lib, dist/lib and the bundle in dist/bin). */
export const toolVersion: string = (
	JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}
).version;
