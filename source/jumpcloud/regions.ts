/** JumpCloud's hosts per data centre (jumpcloud-api.md §1). */
export const regions = {
	us: 'https://console.jumpcloud.com',
	eu: 'https://console.eu.jumpcloud.com',
	in: 'https://console.in.jumpcloud.com',
} as const;

export type Region = keyof typeof regions;

export function isRegion(value: string): value is Region {
	return Object.hasOwn(regions, value);
}
