/** A failure with a channel error code (answered as `ok: false, error.code`). */
export class RelayError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
