export type SandboxStats = {
	requests: number;
	/** Answers sent, by HTTP status (injected 500/503s and 429s included). */
	byStatus: Record<number, number>;
	rateLimited: number;
	dropped: number;
	droppedAfterCommit: number;
	/** Every injected fault: 500s, 503s, drops and drops after commit. */
	faults: number;
};
