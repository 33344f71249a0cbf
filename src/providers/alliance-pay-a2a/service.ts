import { a2aComment } from "../../core/bank"
import type { OpenBankOrderInput } from "../../modules/alliance-pay/types"
import { AlliancePayProviderService } from "../alliance-pay/service"
import { parseA2AOptions, type A2AOptions } from "../../core/checkout/a2a-options"

/** Registered with id "a2a" unless told otherwise: Medusa's provider id is then pp_alliancepay_a2a. */
const DEFAULT_ID = "a2a"

const withDefaultId = (options: Record<string, unknown> | undefined) => ({ providerId: DEFAULT_ID, ...(options ?? {}) })

/**
 * Pay-by-bank: the shopper pays from a banking app (hppPayType A2A, directType BANK_LINK), by the
 * bank's deep link on a phone or by scanning the NBU QR on a computer. Everything else is the
 * card provider's: the same module, bank-order records, callbacks (they re-read the bank) and
 * reconciler. Refunds: the bank's API cannot return a transfer (lib/bank-state/refund-rule.ts),
 * so Medusa's Refund answers 400 and the credit memo offers Refund Offline only.
 */
export class AlliancePayA2AProviderService extends AlliancePayProviderService {
  static validateOptions(options: Record<string, unknown>): void {
    AlliancePayProviderService.validateOptions(withDefaultId(options))
    parseA2AOptions(options)
  }

  readonly #a2a: A2AOptions

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown>) {
    const a2a = parseA2AOptions(options)
    super(cradle, { ...withDefaultId(options), linkLifetimeMinutes: a2a.linkLifetimeMinutes } as never)
    this.#a2a = a2a
  }

  protected override bankOrderFields({ cartId, sessionId }: { cartId?: string; sessionId: string }): Partial<OpenBankOrderInput> {
    const reference = cartId ?? sessionId
    return {
      hppPayType: "A2A",
      a2a: {
        priorityBankCode: this.#a2a.priorityBankCode,
        generateQrNbu: this.#a2a.nbuQr,
        paymentCategoryGoal: this.#a2a.paymentCategoryGoal,
      },
      merchantComment: a2aComment(this.#a2a.comment.replace(/\{cart_id\}/g, reference), reference),
      expirationTimeMinutes: this.#a2a.linkLifetimeMinutes,
    }
  }
}
