/** A refusal of a control-API (or sandbox option) input; `status` is the HTTP status to answer. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = "ControlError"
  }
}

export const badInput = (message: string) => new ControlError(400, message)
