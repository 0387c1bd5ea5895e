/** A query the simulated site refuses, with Jira's message (answered as 400 with it in errorMessages). */
export class JqlError extends Error {}
