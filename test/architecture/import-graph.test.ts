import {existsSync, readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';

/**
 * The layering the README promises, checked on every source file's imports: no import circle;
 * only the wizard (source/ui/) speaks Ink and React; the engine knows nothing of its two faces
 * (the wizard and the headless commands); the commands reach the wizard through one door.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = path.join(root, 'source');

/** A source file and what it imports: other source files (resolved) and packages (as written). */
type ImportGraph = Map<string, {files: string[]; packages: string[]}>;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** `./x.js` as NodeNext writes it, to the file it means: x.ts, x.tsx, or x/index.ts. */
function resolveRelative(from: string, specifier: string): string | undefined {
	const base = path.resolve(path.dirname(from), specifier);
	const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
	const candidates = [`${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
	return candidates.find((candidate) => existsSync(candidate));
}

/**
 * Static imports, `export … from`, `import type` and `import('…')`, read by TypeScript's own
 * pre-processor (no type checking, so it is fast). Type-only imports count: they make circles too.
 */
function importGraph(files: readonly string[], read: (file: string) => string = (file) => readFileSync(file, 'utf8')): ImportGraph {
	const graph: ImportGraph = new Map();
	for (const file of files) {
		const info = ts.preProcessFile(read(file), true, true);
		const entry = {files: [] as string[], packages: [] as string[]};
		for (const {fileName} of info.importedFiles) {
			if (fileName.startsWith('.')) {
				const target = resolveRelative(file, fileName);
				if (target === undefined) throw new Error(`${rel(file)} imports ${fileName}, which resolves to no file`);
				entry.files.push(target);
			} else {
				entry.packages.push(fileName);
			}
		}
		graph.set(file, entry);
	}
	return graph;
}

/** Every circle, one per strongly connected group (Tarjan), each as the files in import order. */
function findCycles(graph: ImportGraph): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (file: string) => {
		index.set(file, counter);
		low.set(file, counter);
		counter++;
		stack.push(file);
		onStack.add(file);
		for (const next of graph.get(file)?.files ?? []) {
			if (!index.has(next)) {
				visit(next);
				low.set(file, Math.min(low.get(file)!, low.get(next)!));
			} else if (onStack.has(next)) {
				low.set(file, Math.min(low.get(file)!, index.get(next)!));
			}
		}
		if (low.get(file) !== index.get(file)) return;
		const group: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			group.push(member);
		} while (member !== file);
		const selfImport = graph.get(file)?.files.includes(file) ?? false;
		if (group.length > 1 || selfImport) cycles.push(cyclePath(graph, new Set(group), file));
	};
	for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
	return cycles;
}

/** One concrete circle inside a strongly connected group: a shortest way from `start` back to it. */
function cyclePath(graph: ImportGraph, group: ReadonlySet<string>, start: string): string[] {
	const cameFrom = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const file = queue.shift()!;
		for (const next of graph.get(file)?.files ?? []) {
			if (!group.has(next)) continue;
			if (next === start) {
				const way = [file];
				while (way[0] !== start) way.unshift(cameFrom.get(way[0]!)!);
				return [...way, start];
			}
			if (!cameFrom.has(next)) {
				cameFrom.set(next, file);
				queue.push(next);
			}
		}
	}
	return [start, start];
}

function rel(file: string): string {
	return path.relative(root, file).split(path.sep).join('/');
}

function under(file: string, ...dirs: string[]): boolean {
	const relative = rel(file);
	return dirs.some((dir) => relative.startsWith(`source/${dir}/`));
}

const graph = importGraph(sourceFiles(sourceDir));

/** Each `importer → imported` pair that breaks a rule, as a line a reader can act on. */
function offending(test: (from: string, to: string) => boolean): string[] {
	const lines: string[] = [];
	for (const [from, {files}] of graph) for (const to of files) if (test(from, to)) lines.push(`${rel(from)} → ${rel(to)}`);
	return lines.sort();
}

const engine = ['csv', 'mapping', 'users', 'jumpcloud', 'importer', 'lib', 'sandbox'];

describe('the import graph of source/', () => {
	it('reads every source file and resolves every relative import', () => {
		expect(graph.size).toBeGreaterThan(100);
		expect(graph.has(path.join(sourceDir, 'ui/App.tsx'))).toBe(true);
	});

	it('has no import circle', () => {
		const cycles = findCycles(graph).map((cycle) => cycle.map(rel).join(' → '));
		expect(cycles, 'import circles (each listed from a file back to itself)').toEqual([]);
	});

	it('lets only source/ui/ import ink, react or an ink-* package', () => {
		const speaksInk = (name: string) => name === 'ink' || name === 'react' || name.startsWith('react/') || name.startsWith('ink-') || name.startsWith('ink/');
		const lines: string[] = [];
		for (const [file, {packages}] of graph) for (const name of packages) if (speaksInk(name) && !under(file, 'ui')) lines.push(`${rel(file)} → ${name}`);
		expect(lines.sort()).toEqual([]);
	});

	it('keeps JSX (which imports react/jsx-runtime unseen) inside source/ui/', () => {
		const outside = [...graph.keys()].filter((file) => file.endsWith('.tsx') && !under(file, 'ui')).map(rel);
		expect(outside).toEqual([]);
	});

	it('keeps the engine free of its faces: nothing in csv, mapping, users, jumpcloud, importer, lib or sandbox imports ui or commands', () => {
		expect(offending((from, to) => under(from, ...engine) && under(to, 'ui', 'commands'))).toEqual([]);
	});

	it('keeps the engine from importing the top-level entry files (cli, main, help, argv-check)', () => {
		expect(offending((from, to) => under(from, ...engine) && path.dirname(to) === sourceDir)).toEqual([]);
	});

	it('lets source/commands/ reach the wizard only through the wizard command', () => {
		// `jc-import [FILE]` is the one command that is the wizard: commands/wizard.ts loads
		// ui/run-wizard.js with a lazy import() once it knows there is a terminal, so the headless
		// commands never load Ink or React. Every other command stays headless.
		const allowed = new Set([`${rel(path.join(sourceDir, 'commands/wizard.ts'))} → source/ui/run-wizard.tsx`]);
		const lines = offending((from, to) => under(from, 'commands') && under(to, 'ui'));
		expect(lines.filter((line) => !allowed.has(line))).toEqual([]);
	});
});

describe('the circle finder itself', () => {
	const file = (name: string) => path.join(sourceDir, name);
	const graphOf = (edges: Record<string, string[]>): ImportGraph =>
		new Map(Object.entries(edges).map(([from, to]) => [file(from), {files: to.map(file), packages: []}]));

	it('finds a circle through three files and names them in import order', () => {
		const cycles = findCycles(graphOf({'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts'], 'd.ts': ['a.ts']}));
		expect(cycles.map((cycle) => cycle.map(rel))).toEqual([['source/a.ts', 'source/b.ts', 'source/c.ts', 'source/a.ts']]);
	});

	it('finds a file that imports itself, and passes a graph without circles', () => {
		expect(findCycles(graphOf({'a.ts': ['a.ts']})).map((cycle) => cycle.map(rel))).toEqual([['source/a.ts', 'source/a.ts']]);
		expect(findCycles(graphOf({'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'], 'c.ts': []}))).toEqual([]);
	});
});
