import {chmodSync, lstatSync, mkdirSync, readlinkSync, statSync, type Stats} from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import {UsageError} from './exit-codes.js';

/** Only the user may list, add or replace what jc-import keeps: presets decide where columns go, journals what gets created. */
const privateMode = 0o700;

/**
 * Creates `folder` (and any missing parents) for the user alone: 0700 whatever the umask. A folder
 * that already exists keeps its mode. `what` names what is kept there ("mapping presets"). Throws
 * UsageError, one line, when the folder cannot be made: a file or a dangling link in the way, no
 * permission, a read-only disk.
 */
export function ensureHomeFolder(folder: string, what: string, env: NodeJS.ProcessEnv = process.env): void {
	const absolute = path.resolve(folder);
	const refuse = (failed: string, error?: unknown) => new UsageError(`${whyNotCreated(absolute, failed, error, env)}: cannot keep ${what} in ${absolute}.`, {cause: error});
	// One level at a time, not mkdir's recursive mode: that one spins forever where mkdir says ENOENT (under /proc).
	const missing = missingFolders(absolute);
	for (const created of missing) {
		try {
			mkdirSync(created, {mode: privateMode});
		} catch (error) {
			// Another jc-import made it a moment ago: theirs, so its mode is left alone.
			if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(created)) continue;
			throw refuse(created, error);
		}
		// mkdir's mode is cut by the umask (000 leaves 0700, 277 makes it 0500, unusable): set it outright.
		chmodSync(created, privateMode);
	}
	// The user's own folder, already there, keeps the mode they gave it; a file there is refused.
	if (missing.length === 0 && !isFolder(absolute)) throw refuse(absolute);
}

/**
 * Sentences, one per problem, when `folder` or a folder above it (up to JC_IMPORT_HOME, or the
 * per-OS config or data folder) can be changed by someone else: writable by every user without the
 * sticky bit, or owned by another user than the current one (or root). Folders that do not exist
 * yet are skipped. Empty on Windows, whose mode bits mean nothing of the kind.
 */
export function homeWarnings(folder: string, env: NodeJS.ProcessEnv = process.env): string[] {
	if (process.platform === 'win32') return [];
	const warnings: string[] = [];
	const me = process.getuid?.();
	for (const checked of chainUpToRoot(path.resolve(folder), env)) {
		let info: Stats;
		try {
			info = statSync(checked);
		} catch {
			continue;
		}
		if (!info.isDirectory()) continue;
		const name = label(checked, env);
		if ((info.mode & 0o002) !== 0 && (info.mode & 0o1000) === 0) {
			warnings.push(`${name} can be changed by every user on this computer (mode ${octal(info.mode)}); run chmod o-w ${checked}.`);
		}
		// Root can change anything anyway, so a root-owned folder (/tmp, a shared mount) is no weaker.
		if (me !== undefined && info.uid !== me && info.uid !== 0) {
			warnings.push(`${name} belongs to another user (uid ${info.uid}), not to you (uid ${me}).`);
		}
	}
	return warnings;
}

/** Whether `file` (links followed) belongs to the current user; always true where there are no uids. Throws when it cannot be read. */
export function ownedByMe(file: string): boolean {
	const me = process.getuid?.();
	return me === undefined || statSync(file).uid === me;
}

/** `folder` and its parents, up to and including the root jc-import's home lives under; just `folder` when it is under none. */
function chainUpToRoot(folder: string, env: NodeJS.ProcessEnv): string[] {
	const root = homeRoots(env).find((candidate) => isInside(folder, candidate));
	if (!root) return [folder];
	const chain = [folder];
	for (let parent = folder; parent !== root; ) {
		parent = path.dirname(parent);
		chain.push(parent);
	}
	return chain;
}

/** JC_IMPORT_HOME when set, else the folders the per-OS config and data folders of jc-import sit in (~/.config, ~/.local/share). */
function homeRoots(env: NodeJS.ProcessEnv): string[] {
	const home = env.JC_IMPORT_HOME?.trim();
	if (home) return [path.resolve(home)];
	const paths = envPaths('jc-import', {suffix: ''});
	return [path.dirname(paths.config), path.dirname(paths.data)];
}

/** The folders along `folder` that do not exist yet, outermost first; a link to nothing counts as missing (mkdir then says why). */
function missingFolders(folder: string): string[] {
	const missing: string[] = [];
	for (let candidate = folder; ; candidate = path.dirname(candidate)) {
		try {
			statSync(candidate);
			return missing;
		} catch {
			missing.unshift(candidate);
		}
		if (path.dirname(candidate) === candidate) return missing;
	}
}

function isFolder(candidate: string): boolean {
	try {
		return statSync(candidate).isDirectory();
	} catch {
		return false;
	}
}

/** Why `failed` could not be made, naming the path in the way when there is one along `folder`: a file, a link to nothing. */
function whyNotCreated(folder: string, failed: string, error: unknown, env: NodeJS.ProcessEnv): string {
	for (let ancestor = folder; ; ancestor = path.dirname(ancestor)) {
		const blocked = blocker(ancestor, env);
		if (blocked) return blocked;
		if (path.dirname(ancestor) === ancestor) break;
	}
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const name = label(failed, env);
	if (code === 'EACCES' || code === 'EPERM') return `${name} cannot be created: permission denied in ${path.dirname(failed)}`;
	if (code === 'EROFS') return `${name} cannot be created: ${path.dirname(failed)} is on a read-only disk`;
	return `${name} cannot be created (${code ?? String(error)})`;
}

/** A sentence when `candidate` exists but cannot hold folders: a file, or a link to nothing. */
function blocker(candidate: string, env: NodeJS.ProcessEnv): string | undefined {
	let own: Stats;
	try {
		own = lstatSync(candidate);
	} catch {
		return undefined;
	}
	const name = label(candidate, env);
	if (own.isSymbolicLink()) {
		try {
			if (statSync(candidate).isDirectory()) return undefined;
		} catch (error) {
			const target = readlinkSync(candidate);
			const code = (error as NodeJS.ErrnoException).code;
			return code === 'ENOENT' ? `${name} is a link to ${target}, which does not exist` : `${name} is a link to ${target}, which cannot be followed (${code})`;
		}
	} else if (own.isDirectory()) {
		return undefined;
	}
	return `${name} is a file, not a folder`;
}

/** The path, named as JC_IMPORT_HOME when it is that: the setting the user has to change. */
function label(candidate: string, env: NodeJS.ProcessEnv): string {
	const home = env.JC_IMPORT_HOME?.trim();
	return home && path.resolve(home) === candidate ? `JC_IMPORT_HOME (${candidate})` : candidate;
}

const isInside = (folder: string, root: string) => {
	const relative = path.relative(root, folder);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};
const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;
