import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {useTheme} from '../hooks/use-theme.js';
import {useBodySize} from '../components/Frame.js';
import type {Unfinished} from '../state/wizard-state.js';

/** At start: unfinished imports, offered for resume before anything else, with what is done and left. */
export function ResumeOfferScreen({state}: ScreenProps) {
	const body = useBodySize();
	const theme = useTheme();
	const wide = body.columns >= 76;
	const selected = state.unfinished[state.resumeCursor];
	return (
		<Box flexDirection="column">
			<Text>{state.unfinished.length === 1 ? 'An import did not finish.' : `${state.unfinished.length} imports did not finish.`} Resume one (no user is created twice), or start a new import.</Text>
			<Table
				width={body.columns}
				height={Math.max(1, body.rows - 4)}
				selected={state.resumeCursor}
				columns={[
					{key: 'started', header: 'Started', width: 16},
					// Narrow, where it goes is on the line below, for the import the cursor is on.
					...(wide ? [{key: 'where', header: 'Where', width: Math.min(24, Math.floor(body.columns * 0.22))}] : []),
					{key: 'file', header: 'File', grow: true},
					{key: 'done', header: 'Created', width: 7, align: 'right' as const},
					{key: 'left', header: 'Left', width: 6, align: 'right' as const},
					{key: 'failed', header: 'Failed', width: 6, align: 'right' as const},
				]}
				count={state.unfinished.length}
				rowAt={(index) => {
					const item = state.unfinished[index]!;
					return {started: item.createdAt.slice(0, 16).replace('T', ' '), where: whereOf(item), file: item.file, done: String(item.done), left: item.left === undefined ? '?' : String(item.left), failed: String(item.failed)};
				}}
			/>
			{selected ? <SafeText width={body.columns} color={theme.colors.muted}>{`Goes to ${selected.organization ? `${selected.organization} at ` : ''}${selected.target}`}</SafeText> : null}
		</Box>
	);
}

/** Where an import went: its organization, and the API host when it is not JumpCloud's US one. */
function whereOf(item: Unfinished): string {
	const host = hostOf(item.target);
	const shown = host === 'console.jumpcloud.com' ? undefined : host;
	return [item.organization, shown].filter(Boolean).join(' @ ') || item.target;
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
