/**
 * A problem with the file as a whole (unusable header, broken quoting), as opposed to one bad row.
 * Nothing after it can be trusted, so the import stops instead of yielding a row error.
 */
export class AccountsCsvError extends Error {
  override readonly name = "AccountsCsvError";

  /** The option at fault, when it is not the file: a column mapping naming a header the file lacks. */
  constructor(
    message: string,
    readonly option?: "map",
  ) {
    super(message);
  }
}
