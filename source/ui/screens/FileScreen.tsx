import {Box, Text} from 'ink';
import type {ScreenProps} from '../App.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {TextField} from '../components/TextField.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {visibleEntries} from '../state/steps/file.js';

/** Screen 2: folders and CSV files, starting in the current folder; typing filters the list. */
export function FileScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const entries = visibleEntries(state);
	const label = {parent: '..', folder: 'folder', csv: 'CSV', file: 'file'} as const;
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
				]}
				count={entries.length}
				rowAt={(index) => {
					const entry = entries[index]!;
					return {name: entry.kind === 'folder' ? `${entry.name}/` : entry.name, kind: label[entry.kind], size: entry.size === undefined ? '' : formatSize(entry.size)};
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
