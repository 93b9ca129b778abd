import {readFileSync} from 'node:fs';
import os from 'node:os';

/** Linux's count of CPU time, and of time the hypervisor gave to other VMs (steal), from /proc/stat; undefined elsewhere. */
export function cpuTimes() {
	try {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		return {total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0};
	} catch {
		return undefined;
	}
}

/** One line on how busy the machine was between two `cpuTimes()`: the share stolen and the load average now. */
export function machineLine(before, after) {
	const load = os.loadavg().map((value) => value.toFixed(2)).join(', ');
	if (!before || !after) return `machine  load average ${load} (no /proc/stat: CPU steal unknown)`;
	const stolen = (after.steal - before.steal) / Math.max(1, after.total - before.total);
	return `machine  ${(stolen * 100).toFixed(1)}% of CPU time stolen by other VMs, load average ${load} (figures are only comparable when both are low)`;
}
