import {Box, Text} from 'ink';
import type {ScreenProps} from './screen-props.js';
import {SafeText} from '../components/SafeText.js';
import {Table} from '../components/Table.js';
import {TextField} from '../components/TextField.js';
import {useBodySize} from '../components/Frame.js';
import {useTheme} from '../hooks/use-theme.js';
import {activeFields, defaultsFields, deviceName, emailSentence, mfaSentence, mfaWindow, pickerItems, type DefaultsField} from '../state/steps/defaults.js';
import {Paragraph} from '../components/Paragraph.js';

/** Screen 5: state and email (in one plain sentence), MFA and what users meet of it, groups, devices, existing users. */
export function DefaultsScreen({state}: ScreenProps) {
	const theme = useTheme();
	const body = useBodySize();
	const {options, defaults} = state;

	if (defaults.picker) {
		const items = pickerItems(state);
		const chosen = options[defaults.picker.kind];
		return (
			<Box flexDirection="column">
				<Text>{defaults.picker.kind === 'groups' ? 'User groups every user joins' : 'Devices every user is bound to'} ({chosen.length} ticked)</Text>
				<TextField label="Filter:" value={defaults.picker.query} focused placeholder="type to filter" />
				<Table
					width={body.columns}
					height={Math.max(1, body.rows - 4)}
					selected={defaults.picker.cursor}
					columns={[{key: 'name', header: 'Name', grow: true}]}
					count={items.length}
					rowAt={(index) => ({name: items[index]!.name})}
					marker={(index) => (chosen.includes(items[index]!.key) ? {glyph: theme.glyphs.checked, color: theme.colors.ok} : {glyph: theme.glyphs.unchecked})}
				/>
			</Box>
		);
	}

	const fields = activeFields(options);
	const current = defaultsFields[defaults.field];
	const now = new Date();
	const values: Record<DefaultsField, [label: string, value: string]> = {
		state: ['State', options.state === 'STAGED' ? '‹ staged: created, not yet able to sign in ›' : '‹ activated: can sign in ›'],
		email: ['Email', options.email.kind === 'none' ? '‹ none ›' : options.email.kind === 'default' ? '‹ JumpCloud’s welcome/activation email ›' : '‹ all to one address ›'],
		address: ['Address', options.email.kind === 'address' ? options.email.address || '(Enter to type it)' : ''],
		mfa: ['Require MFA', options.requireMfa ? '‹ yes ›' : '‹ no ›'],
		days: ['MFA window', mfaWindow(options, now)],
		groups: ['Groups', options.groups.length ? options.groups.join(', ') : '(none: Enter to pick)'],
		devices: ['Devices', options.devices.length ? options.devices.map((ref) => deviceName(state, ref)).join(', ') : '(none: Enter to pick)'],
		existing: ['Existing users', options.existing === 'skip' ? '‹ skip the row, leave the user as is ›' : '‹ count the row as failed ›'],
	};
	return (
		<Box flexDirection="column">
			{fields.map((field) => {
				const [label, value] = values[field];
				const selected = field === current;
				if (defaults.editing && defaults.editing.field === field) {
					const placeholder = field === 'days' ? `${options.mfaExclusionDays} now: type 0 to 365, Enter` : 'type the address, Enter';
					return <TextField key={field} label={`${label.padEnd(16)}`} value={defaults.editing.value} focused placeholder={placeholder} />;
				}
				return (
					<Text key={field} wrap="truncate-end">
						<Text color={selected ? theme.colors.accent : undefined}>
							{selected ? theme.glyphs.pointer : ' '} {label.padEnd(16)}
						</Text>
						<SafeText bold={selected && theme.color}>{value}</SafeText>
					</Text>
				);
			})}
			{defaults.editing?.error ? <Text color={theme.colors.error}>{`${theme.glyphs.error} ${defaults.editing.error}`}</Text> : null}
			<Text> </Text>
			<Paragraph>{emailSentence(options, state.mapping?.mapping.columns.some((column) => column.target === 'password') ?? true)}</Paragraph>
			<Paragraph color={options.requireMfa ? undefined : theme.colors.muted}>{mfaSentence(options, now)}</Paragraph>
		</Box>
	);
}
