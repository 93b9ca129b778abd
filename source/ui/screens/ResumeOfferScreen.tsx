import {Box, Text} from 'ink';
import type {ScreenProps} from '../App.js';
import {Table} from '../components/Table.js';
import {useBodySize} from '../components/Frame.js';

/** At start: unfinished imports, offered for resume before anything else, with what is done and left. */
export function ResumeOfferScreen({state}: ScreenProps) {
	const body = useBodySize();
	return (
		<Box flexDirection="column">
			<Text>{state.unfinished.length === 1 ? 'An import did not finish.' : `${state.unfinished.length} imports did not finish.`} Resume one (no user is created twice), or start a new import.</Text>
			<Table
				width={body.columns}
				height={Math.max(1, body.rows - 3)}
				selected={state.resumeCursor}
				columns={[
					{key: 'started', header: 'Started', width: 16},
					{key: 'file', header: 'File', grow: true},
					{key: 'done', header: 'Created', width: 7, align: 'right'},
					{key: 'left', header: 'Left', width: 6, align: 'right'},
					{key: 'failed', header: 'Failed', width: 6, align: 'right'},
				]}
				count={state.unfinished.length}
				rowAt={(index) => {
					const item = state.unfinished[index]!;
					return {started: item.createdAt.slice(0, 16).replace('T', ' '), file: item.file, done: String(item.done), left: item.left === undefined ? '?' : String(item.left), failed: String(item.failed)};
				}}
			/>
		</Box>
	);
}
