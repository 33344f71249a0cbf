import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AlliancePayError } from "../../../../../core/bank"
import { alliancePayModule } from "../../../../../workflows/admin-views"
import type { AdminAlliancePayEmptyBodyType } from "../../validators"

type Step = { step: "authorize" | "key" | "read"; ok: boolean | null; detail: string | null }

/** A bank order id that cannot exist: the bank answers "not found", which proves it read our request. */
const NO_SUCH_ORDER = "0000000000000ConnTest000"

const describe = (e: unknown) => (e instanceof AlliancePayError ? `${e.msgCode}: ${e.msgText}` : "unexpected error (see the server log)")

/**
 * Test connection: authorize the device (the service code), decrypt the bank's answer (the key
 * pair), then one read of a bank order. Each step answered on its own; nothing secret in the answer.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminAlliancePayEmptyBodyType>, res: MedusaResponse) {
  const alliancePay = alliancePayModule(req.scope)
  const steps: Step[] = []
  try {
    await alliancePay.authorizeConnection()
    steps.push({ step: "authorize", ok: true, detail: null }, { step: "key", ok: true, detail: null })
  } catch (e) {
    // an answer we could not decrypt or read means the bank took the service code but the key does not match
    const keyFailed = e instanceof AlliancePayError && e.kind === "protocol"
    steps.push({ step: "authorize", ok: keyFailed, detail: keyFailed ? null : describe(e) }, { step: "key", ok: keyFailed ? false : null, detail: keyFailed ? describe(e) : null })
  }
  if (steps.every((s) => s.ok)) {
    const [latest] = await alliancePay.listBankOrders({ hpp_order_id: { $ne: null } }, { order: { created_at: "DESC" }, take: 1 })
    const hpp = latest?.hpp_order_id ?? NO_SUCH_ORDER
    try {
      const order = await alliancePay.bank.getOrder(hpp)
      steps.push({ step: "read", ok: true, detail: `${order.hppOrderId}: ${order.orderStatus}` })
    } catch (e) {
      // "not found" is still an answer read with our session (e.g. an order of another environment)
      const notFound = e instanceof AlliancePayError && e.httpStatus === 404
      steps.push({ step: "read", ok: notFound, detail: notFound ? `${hpp}: ${e.msgCode}` : describe(e) })
    }
  } else {
    steps.push({ step: "read", ok: null, detail: null })
  }
  if (!steps.every((s) => s.ok)) req.scope.resolve("logger").warn(`Alliance Pay: connection test failed: ${JSON.stringify(steps)}`)
  res.json({ ok: steps.every((s) => s.ok), steps, connection: await alliancePay.connectionStatus() })
}
