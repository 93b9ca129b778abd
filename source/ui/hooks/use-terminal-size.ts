import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

/** A piped or fake stream may have no size (undefined or 0): fall back to the classic 80×24. */
function sizeOf(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/**
 * The terminal's size, kept current. Ink re-lays-out on 'resize' but does not re-render components
 * that read stdout.rows/columns (and ignores resize entirely when CI is set), so subscribe ourselves.
 */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const update = () => {
			const next = sizeOf(stdout);
			setSize(previous => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};
		stdout.on('resize', update);
		// A resize between the first render and this effect would otherwise be missed.
		update();
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return size;
}
