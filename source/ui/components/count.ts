/**
 * A number in the wizard's one style (2,280, whatever the locale) with its noun agreeing: '1 row',
 * '2,280 rows', '1 entry' / '3 entries' with the plural given. For every count a screen writes.
 */
export function count(value: number, singular: string, plural = `${singular}s`): string {
	return `${formatNumber(value)} ${value === 1 ? singular : plural}`;
}

/** 2,280: thousands grouped with commas, on every machine. */
export function formatNumber(value: number): string {
	return value.toLocaleString('en-US');
}
