import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {TextField} from '../components/TextField.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {visibleEntries} from '../state/steps/file.js';

/** Screen 2: folders and CSV files, starting in the current folder; typing filters the list, Tab sorts newest first. */
export function FileScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const entries = visibleEntries(state);
	const label = {parent: '..', folder: 'folder', csv: 'CSV', file: 'file'} as const;
	const now = new Date();
	return (
		<Box flexDirection="column">
			<SafeText width={body.columns} color={theme.colors.muted}>
				{state.file.dir}
			</SafeText>
			<TextField label="Filter:" value={state.file.filter} focused placeholder="type to filter" />
			<Table
				width={body.columns}
				height={Math.max(1, body.rows - 4)}
				selected={state.file.cursor}
				columns={[
					{key: 'name', header: 'Name', grow: true},
					{key: 'kind', header: 'Kind', width: 6},
					{key: 'size', header: 'Size', width: 9, align: 'right'},
					// The header says the order: dates newest first, or names.
					{key: 'modified', header: state.file.newestFirst ? 'Newest first' : 'Modified', width: 12, align: 'right'},
				]}
				count={entries.length}
				rowAt={(index) => {
					const entry = entries[index]!;
					return {name: entry.kind === 'folder' ? `${entry.name}/` : entry.name, kind: label[entry.kind], size: entry.size === undefined ? '' : formatSize(entry.size), modified: entry.modified ? formatModified(entry.modified, now) : ''};
				}}
			/>
			{entries.length === 0 ? <Text color={theme.colors.muted}>Nothing matches; Esc goes back, clear the filter to see every file.</Text> : null}
		</Box>
	);
}

function formatSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local time, short: `30 Nov 14:05` this year, `3 Mar 2025` before (the time of an old file hardly matters). */
export function formatModified(date: Date, now: Date): string {
	const day = `${date.getDate()} ${months[date.getMonth()]}`;
	if (date.getFullYear() !== now.getFullYear()) return `${day} ${date.getFullYear()}`;
	return `${day} ${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
