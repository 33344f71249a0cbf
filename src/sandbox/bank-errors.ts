/** A refusal in the bank's own words: the §9 error body with its HTTP status. */
export class BankError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly msgCode: string,
    readonly msgText: string
  ) {
    super(`${msgCode}: ${msgText}`)
    this.name = "BankError"
  }
}

export interface BankErrorBody {
  requestId: string
  serviceId: "api-gateway"
  msgType: "ERROR"
  msgCode: string
  msgText: string
  isLocalized: false
  msgAttrs: Record<string, never>
  errorCauses: never[]
}

export function errorBody(requestId: string, msgCode: string, msgText: string): BankErrorBody {
  return {
    requestId,
    serviceId: "api-gateway",
    msgType: "ERROR",
    msgCode,
    msgText,
    isLocalized: false,
    msgAttrs: {},
    errorCauses: [],
  }
}

export const requestNotCorrect = (what: string) =>
  new BankError(400, "b_request_is_not_correct", `@Request is not correct: ${what}`)

export const duplicateValue = (value: string) =>
  new BankError(400, "b_duplicate_field_value", `@Value ${value} must be unique`)
