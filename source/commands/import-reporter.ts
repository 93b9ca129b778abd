import {terminalJson} from '../lib/terminal-json.js';
import {sanitize} from '../lib/sanitize.js';
import {stepWords} from '../importer/report.js';
import type {DirectoryProgress} from '../importer/directory-read.js';
import type {PlanSummary, RowPlan} from '../importer/row-plan.js';
import type {RunCounts, RunnerEvent} from '../importer/runner.js';

export type Reporter = {
	plan(summary: PlanSummary, rows: readonly RowPlan[], target: string): void;
	event(event: RunnerEvent): void;
	line(text: string): void;
	summary(summary: Record<string, unknown>): void;
};

/** How often the text reporter prints a progress line (the per-row lines are printed as they happen). */
const progressEveryMs = 5000;

/**
 * The headless faces of an import: NDJSON (one JSON object per line, ending with a summary) for
 * programs, or concise lines fit for a log file. Every CSV or server string is sanitized.
 */
export function createReporter(json: boolean, write: (text: string) => void): Reporter {
	if (json) {
		const emit = (object: Record<string, unknown>) => write(`${terminalJson(object)}\n`);
		return {
			plan: (summary, rows, target) => emit({type: 'plan', target, ...summary, issues: rows.flatMap((row) => row.issues)}),
			event: (event) => emit({...event, at: new Date().toISOString()}),
			line: (text) => emit({type: 'message', text}),
			summary: (summary) => emit({type: 'summary', ...summary}),
		};
	}
	let lastProgress = Date.now();
	let started = Date.now();
	let done = 0;
	let users = 0;
	let counts = {created: 0, skipped: 0, failed: 0};
	let toDo = 0;
	const line = (text: string) => write(`${text}\n`);
	return {
		plan(summary, rows, target) {
			line(`Target: ${sanitize(target)}`);
			line(`Plan: ${summary.rows} rows: ${summary.creates} to create, ${summary.skips} already in JumpCloud (skipped), ${summary.invalid} with errors (not sent).`);
			line(`      ${plural(summary.memberships, 'group membership')}, ${plural(summary.bindings, 'device binding')}.`);
			const emailed = summary.emails.reduce((sum, email) => sum + email.users, 0);
			for (const email of summary.emails) line(`      ${email.kind} email to ${sanitize(email.to)}: ${email.users} users`);
			line(`      no email: ${summary.creates - emailed} users`);
			const errors = rows.flatMap((row) => row.issues.filter((issue) => issue.severity === 'error'));
			for (const issue of errors.slice(0, 40)) line(`  error row ${issue.row}, line ${issue.line}${issue.column ? ` [${sanitize(issue.column)}]` : ''}: ${sanitize(issue.message)}`);
			if (errors.length > 40) line(`  … and ${errors.length - 40} more errors`);
		},
		event(event) {
			switch (event.type) {
				case 'started':
					started = Date.now();
					toDo = event.toDo;
					line(event.planning ? 'Started while the rest of the file is read.' : `Started: ${event.toDo} of ${event.rows} rows to do.`);
					break;
				case 'planned':
					toDo = event.toDo;
					line(`Read to the end: ${event.toDo} of ${event.rows} rows to do.`);
					break;
				case 'row-created':
					users++;
					line(`row ${event.row} created ${sanitize(event.username)} (${sanitize(event.userId)})${event.reconciled ? ', found after a lost answer' : ''}${event.note ? `; ${sanitize(event.note)}` : ''}`);
					break;
				case 'row-done':
					done++;
					counts.created++;
					break;
				case 'row-skipped':
					done++;
					counts.skipped++;
					line(`row ${event.row} skipped ${sanitize(event.username)}: ${sanitize(event.reason)}`);
					break;
				case 'row-failed':
					done++;
					counts.failed++;
					line(`row ${event.row} FAILED ${sanitize(event.username)} at ${sanitize(stepWords(event.step))}: ${sanitize(event.error)}`);
					break;
				case 'throttled':
					line(`throttled by JumpCloud (429): pacing at ${event.rate.toFixed(1)} requests/s`);
					break;
				case 'paused':
				case 'resumed':
					line(event.type);
					break;
				case 'stopping':
					line(event.hard ? 'Stopping now.' : 'Stopping after the rows in flight… (press Ctrl+C again to stop at once)');
					break;
				case 'finished':
					counts = {created: event.counts.created, skipped: event.counts.skipped, failed: event.counts.failed};
					break;
			}
			const now = Date.now();
			if (event.type !== 'finished' && now - lastProgress >= progressEveryMs) {
				lastProgress = now;
				const rate = users / Math.max(0.001, (now - started) / 1000);
				const left = Math.max(0, toDo - done);
				const eta = rate > 0 ? `, about ${formatSeconds(left / rate)} to go` : '';
				line(`progress: ${users} users created (${counts.created} rows complete), ${counts.skipped} skipped, ${counts.failed} failed, ${left} rows left; ${rate.toFixed(1)} users/s${eta}`);
			}
		},
		line,
		summary(summary) {
			const counts = summary.counts as RunCounts | undefined;
			if (counts) {
				const partly = counts.usersCreated - counts.created;
				// A streamed start stopped before its file was read through leaves rows not counted yet: the resume says so.
				line(`${counts.remaining > 0 || summary.resume !== undefined ? 'Stopped' : 'Done'}: ${counts.created} created${partly > 0 ? ` (and ${plural(partly, 'user')} created whose group memberships, device bindings or activation are still to do)` : ''}, ${counts.skipped} skipped, ${counts.failed} failed, ${counts.invalid} not sent (errors), ${counts.remaining} not done; ${counts.throttled} requests throttled.`);
			}
			for (const [key, value] of Object.entries(summary)) {
				if (key !== 'counts' && typeof value === 'string') line(`${key}: ${sanitize(value)}`);
			}
		},
	};
}

/** A read of the directory shorter than this shows no progress; a longer one a line at most this often. */
const directoryQuietMs = 1000;
const directoryEveryMs = 500;

/**
 * Progress of a directory read: "read 4,200 of 50,000 users" lines (for stderr), or with `json`
 * NDJSON `{"type":"progress","phase":"directory","read":…,"total":…}` events (for stdout); when
 * the file's values are looked up rather than every user listed, phase "directory-lookup" and
 * "looked up 3 of 5 batches". Nothing for a read done within a second (a small org, most tests),
 * then at most two a second, and the last one (read = total) once anything was shown.
 */
export function directoryProgress(json: boolean, write: (text: string) => void, clock: () => number = Date.now): DirectoryProgress {
	let started = 0;
	let shown: number | undefined;
	let before = {read: Infinity, unit: ''};
	return (read, total, unit = 'users') => {
		const now = clock();
		// A count that goes back, or lookups after the first page of the listing: a new read.
		if (read < before.read || unit !== before.unit) {
			started = now;
			shown = undefined;
		}
		before = {read, unit};
		const last = read >= total;
		if (now - started < directoryQuietMs || (shown !== undefined && now - shown < directoryEveryMs && !last)) return;
		shown = now;
		if (json) write(`${terminalJson({type: 'progress', phase: unit === 'users' ? 'directory' : 'directory-lookup', read, total})}\n`);
		else if (unit === 'users') write(`read ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} users\n`);
		else write(`looked up ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} batches of the file's users\n`);
	};
}

/** "1 device binding", "2 device bindings". */
function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatSeconds(seconds: number): string {
	if (!Number.isFinite(seconds)) return '?';
	if (seconds < 90) return `${Math.round(seconds)} s`;
	return `${Math.round(seconds / 60)} min`;
}
