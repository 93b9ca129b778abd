import type {Command} from './command.js';
import {resumeOrRetry} from './import-flow.js';

export const resumeCommand: Command = {
	name: 'resume',
	usage: 'resume [ID] [--yes] [--json] [--allow-changed-csv]',
	summary: 'finish an import that was stopped or cut off (the newest unfinished one without ID); no user is created twice',
	flags: {
		yes: {type: 'boolean', description: 'do not ask (required without a terminal)'},
		json: {type: 'boolean', description: 'print NDJSON events, one per line, ending with a summary object'},
		'allow-changed-csv': {type: 'boolean', description: 'go on although the CSV changed since the import began'},
	},
	maxPositionals: 1,
	async run({values, positionals}, context) {
		return resumeOrRetry(positionals[0], {yes: values.yes === true, json: values.json === true, retryFailed: false, allowChangedCsv: values['allow-changed-csv'] === true}, context);
	},
};
