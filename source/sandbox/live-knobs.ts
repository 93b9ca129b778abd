import type {Directory} from './directory.js';
import {checkKnobs, TokenBucket, type ErrorStyle, type Faults, type Knobs} from './knobs.js';

/** The knobs a running sandbox acts on, changed while it runs by `setKnobs`. */
export class LiveKnobs {
	latencyMs = 0;
	jitterMs = 0;
	rateLimit = 0;
	faults: Faults = {};
	clockOffsetMs = 0;
	errorStyle: ErrorStyle = 'grpc';
	duplicateUserStatus: 400 | 409 = 400;
	/** The rate limiter; none while `rateLimit` is 0. */
	bucket: TokenBucket | undefined;

	constructor(private readonly directory: Directory) {}

	/** Changes only the knobs given; `faults`, when given, replaces the previous faults. */
	set(changes: Knobs): void {
		checkKnobs(changes);
		if (changes.latencyMs !== undefined) this.latencyMs = changes.latencyMs;
		if (changes.jitterMs !== undefined) this.jitterMs = changes.jitterMs;
		if (changes.faults !== undefined) this.faults = {...changes.faults};
		if (changes.errorStyle !== undefined) this.errorStyle = changes.errorStyle;
		if (changes.duplicateUserStatus !== undefined) this.duplicateUserStatus = changes.duplicateUserStatus;
		if (changes.clockOffsetMs !== undefined) {
			const offset = changes.clockOffsetMs;
			this.clockOffsetMs = offset;
			this.directory.now = () => new Date(Date.now() + offset);
		}
		if (changes.rateLimit !== undefined) {
			this.rateLimit = changes.rateLimit;
			this.bucket = changes.rateLimit > 0 ? new TokenBucket(changes.rateLimit) : undefined;
		}
	}
}
