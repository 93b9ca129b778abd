/*
 * Imported first by every screen test, before anything loads Ink (and chalk), which read these once.
 * Vitest workers have no TTY, so chalk would draw no colour at all and the NO_COLOR checks would
 * pass for the wrong reason; and the connect screen's placeholder reads JC_API_KEY.
 */
process.env.FORCE_COLOR = '1';
delete process.env.JC_API_KEY;
