import {useEffect, useState} from 'react';

/** How often progress reaches React: a few times a second, however many requests finish. */
export const snapshotIntervalMs = 250;

/**
 * Reads a live value (the import's progress) on a timer and re-renders only when it changed:
 * thousands of request completions become four renders a second.
 */
export function useSnapshot<T>(read: () => T, same: (a: T, b: T) => boolean, intervalMs = snapshotIntervalMs): T {
	const [value, setValue] = useState(read);
	useEffect(() => {
		const timer = setInterval(() => setValue((previous) => {
			const next = read();
			return same(previous, next) ? previous : next;
		}), intervalMs);
		return () => clearInterval(timer);
	}, [read, same, intervalMs]);
	return value;
}
