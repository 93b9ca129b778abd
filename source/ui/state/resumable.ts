import type {Outcome} from './wizard-state.js';

/**
 * An import stopped with rows left to create (Ctrl+C, the circuit breaker, a full disk): it can be
 * resumed right here, against the connection it ran on. True of a sandbox import too, while this
 * wizard (and so its sandbox) runs; not of a rollback, nor of an import with nothing left.
 */
export function resumableHere(outcome: Outcome): boolean {
	return outcome.kind !== 'rollback' && !outcome.rolledBack && outcome.stopped && (outcome.counts?.remaining ?? 0) > 0;
}
