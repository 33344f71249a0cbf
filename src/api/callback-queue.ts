import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ALLIANCE_PAY_MODULE } from "../modules/alliance-pay"
import type AlliancePayModuleService from "../modules/alliance-pay/service"

/**
 * Before Medusa's webhook route queues a callback: a callback for a bank order whose event already
 * waits in the queue is answered 200 and not queued again (the module's callback-queue.ts says why this
 * loses nothing). Anything this cannot read or place goes on to Medusa's route unchanged, so the
 * provider sees and logs it as before; only the bank order's id is taken from the body, never a status.
 */
export async function collapseQueuedCallback(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (!String(req.params?.provider ?? "").startsWith("alliancepay_") || !req.scope.hasRegistration(ALLIANCE_PAY_MODULE)) return next()
  const module = req.scope.resolve<AlliancePayModuleService>(ALLIANCE_PAY_MODULE)
  let hppOrderId: string
  let claim: Awaited<ReturnType<AlliancePayModuleService["claimCallbackQueue"]>>
  try {
    const raw = (req as MedusaRequest & { rawBody?: Buffer | string }).rawBody
    hppOrderId = (await module.bank.decodeCallback((raw ?? req.body) as string | Uint8Array | Record<string, unknown>)).hppOrderId
    claim = await module.claimCallbackQueue(hppOrderId)
  } catch {
    return next()
  }
  if (claim === "already_queued") {
    res.sendStatus(200)
    return
  }
  if (claim === "queued") {
    // Medusa's route could not queue it (e.g. Redis is down and the bank is told to retry): the retry must queue anew
    res.on("finish", () => {
      if (res.statusCode >= 300) module.releaseCallbackQueue({ hppOrderId }).catch(() => undefined)
    })
  }
  next()
}
