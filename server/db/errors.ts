/** The database cannot be opened for a reason the admin can fix: shown as a message, without a stack trace. */
export class DatabaseUnavailableError extends Error {}
