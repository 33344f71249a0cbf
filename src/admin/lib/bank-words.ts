import type { useTranslation } from "react-i18next"
import type { BankOrderView, OperationView } from "./api"

type TFunction = ReturnType<typeof useTranslation>["t"]

/** The bank's codes in the admin's language; an unknown code is shown as the bank sent it. */
export const bankOrderStatus = (t: TFunction, code: string | null) =>
  code ? t(`alliancePay.bank.orderStatus.${code}`, { defaultValue: code }) : "—"

export const operationType = (t: TFunction, code: string) => t(`alliancePay.bank.operationType.${code}`, { defaultValue: code })

export const operationStatus = (t: TFunction, code: string) => t(`alliancePay.bank.operationStatus.${code}`, { defaultValue: code })

/** Why the bank answered an operation as it did, from its action/response codes (api §6.5). */
export function operationReason(t: TFunction, op: Pick<OperationView, "action_code" | "response_code" | "description" | "status">): string | null {
  const { action_code: action, response_code: response } = op
  if (action === "0" || (!action && op.description?.toLowerCase() === "approved")) return t("alliancePay.bank.approved")
  if (action) {
    const words =
      t(`alliancePay.bank.declinedBy.${action}/${response}`, { defaultValue: "" }) || t(`alliancePay.bank.declinedByAction.${action}`, { defaultValue: "" })
    if (words) return `${words} (${[action, response].filter(Boolean).join("/")})`
  }
  return op.description
}

const FAILED_OPERATION = new Set(["FAIL", "DESIRED_THREEDS_MODE_ERROR"])

/** The reason a bank order did not end paid, in the admin's language (the server's English text as the fallback). */
export function bankOrderReason(t: TFunction, bankOrder: BankOrderView): string | null {
  if (bankOrder.state === "expired") return t("alliancePay.bank.expired")
  if (bankOrder.state === "mismatch") return t("alliancePay.bank.mismatch")
  if (bankOrder.state !== "failed") return bankOrder.failure_reason
  const failed = [...bankOrder.operations].reverse().find((op) => (op.type === "PURCHASE" || op.type === "ACCOUNT_2_ACCOUNT") && FAILED_OPERATION.has(op.status))
  return (failed && operationReason(t, failed)) || t("alliancePay.bank.declined")
}

/**
 * The order's note, unless it only repeats the reason shown above it: the plugin writes
 * "Canceled: <the bank's reason>" when it cancels an order whose payment failed.
 */
export function orderNote(t: TFunction, note: string | null, bankOrder: BankOrderView): string | null {
  if (!note) return null
  if (note.startsWith("Canceled: ")) return t("alliancePay.card.canceled", { reason: bankOrderReason(t, bankOrder) ?? note.slice(10) })
  return note
}
