/**
 * How far the server's clock is from ours, learned from the `Date` header of every answer.
 *
 * `Date` has one-second resolution, so one answer only says: offset (server − local) lies in
 * [Date − receivedAt, Date + 1 s − sentAt]. Intersecting many answers narrows it to about the
 * network delay, as NTP does with coarse timestamps. Provenance uses the bounds to tell whether a
 * user's `created` time falls inside a request this import sent, whatever either clock says.
 */
export type OffsetBounds = {low: number; high: number};

/** With no `Date` seen, the offset is taken to lie within this much either way. */
export const unknownOffsetMs = 5 * 60_000;

export class ServerClock {
	private bounds: OffsetBounds | undefined;

	/** One answer: when the request left and its answer arrived (local ms), and its `Date` header. */
	observe(sentAt: number, receivedAt: number, date: string | null): void {
		if (!date) return;
		const server = Date.parse(date);
		if (Number.isNaN(server)) return;
		const sample = {low: server - receivedAt, high: server + 1000 - sentAt};
		const current = this.bounds;
		const low = current ? Math.max(current.low, sample.low) : sample.low;
		const high = current ? Math.min(current.high, sample.high) : sample.high;
		// Empty: one of the clocks jumped (NTP step, suspend). Start again from this answer.
		this.bounds = low <= high ? {low, high} : sample;
	}

	/** The offset's bounds so far; wide when the server never sent a `Date`. */
	offset(): OffsetBounds & {measured: boolean} {
		return this.bounds ? {...this.bounds, measured: true} : {low: -unknownOffsetMs, high: unknownOffsetMs, measured: false};
	}
}
