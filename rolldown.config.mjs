import {defineConfig} from 'rolldown';

/*
 * The command users run, bundled from tsc's output (so what ships is what was type-checked): Node 20
 * loads each ES module on its own, and the ~400 of this tool and its dependencies cost more than a
 * resume may take to send its first create (zod's 95 modules alone take ~90 ms, Ink and React
 * ~450 ms). The wizard and the rarely used paths stay in chunks of their own, loaded when first
 * needed, as their imports are lazy. The rest of dist/ stays as modules, for the benches and tests
 * that import them.
 */
export default defineConfig({
	// The read ahead runs on a worker thread, from a module of its own beside the chunks (importer/read-ahead.ts).
	input: {'jc-import': 'dist/cli.js', 'read-ahead-worker': 'dist/importer/read-ahead-worker.js'},
	platform: 'node',
	// Ink imports it only when DEV=true (React DevTools); it is not installed, and not needed.
	external: ['react-devtools-core'],
	output: {
		// One folder below dist/, as dist/lib/ is: lib/version.ts finds package.json two folders up from either.
		dir: 'dist/bin',
		format: 'esm',
		entryFileNames: '[name].js',
		chunkFileNames: '[name]-[hash].js',
		// Chunks of an earlier build are not left beside these.
		cleanDir: true,
	},
});
