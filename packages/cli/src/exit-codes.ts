/** The CLI's contract with scripts. */
export const EXIT = { ok: 0, failure: 1, usage: 2, conflict: 3 } as const;
