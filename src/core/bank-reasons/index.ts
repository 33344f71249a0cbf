/**
 * Why a payment did not go through, in words a shopper (uk/en) can act on, from the bank's own
 * codes: `transactionResponseInfo.actionCode` / `responseCode` of the failed PURCHASE (api §6.5).
 * Framework-free: the store route and any storefront can use it.
 */
export interface BankReasonInput {
  action_code?: string | null
  response_code?: string | null
  /** the bank's own text (English), kept for staff */
  description?: string | null
  error_details?: string | null
}

export interface ShopperReason {
  /** "actionCode/responseCode" as the bank sent them, or our own word (expired, mismatch, declined) */
  code: string
  uk: string
  en: string
  /** the bank's text, untranslated, when it sent one */
  bank_text: string | null
}

type Text = { uk: string; en: string }

const TRY_ANOTHER: Text = { uk: "Спробуйте іншу картку або зверніться до свого банку.", en: "Try another card or contact your bank." }
const join = (a: Text, b: Text = TRY_ANOTHER): Text => ({ uk: `${a.uk} ${b.uk}`, en: `${a.en} ${b.en}` })

/** responseCode by actionCode 1 (declined); the classes the bank documents, plus the common ISO 8583 ones */
const DECLINED: Record<string, Text> = {
  "01": join({ uk: "Строк дії картки минув.", en: "The card has expired." }),
  "05": join({ uk: "Банк, що випустив картку, відхилив оплату.", en: "The bank that issued your card declined the payment." }),
  "16": join({ uk: "Недостатньо коштів на картці.", en: "There is not enough money on the card." }),
  "51": join({ uk: "Недостатньо коштів на картці.", en: "There is not enough money on the card." }),
  "54": join({ uk: "Строк дії картки минув.", en: "The card has expired." }),
  "61": join({ uk: "Перевищено ліміт картки.", en: "The card's limit is exceeded." }),
  "76": join({ uk: "Перевищено ліміт картки або потрібне підтвердження 3-D Secure.", en: "The card's limit is exceeded or 3-D Secure confirmation is needed." }),
}

const BY_ACTION: Record<string, Text> = {
  "1": join({ uk: "Банк відхилив оплату.", en: "The bank declined the payment." }),
  "2": { uk: "Картку заблоковано. Зверніться до свого банку.", en: "The card is blocked. Please contact your bank." },
  "9": { uk: "Банк не зміг обробити оплату. Спробуйте ще раз трохи згодом.", en: "The bank could not process the payment. Please try again a little later." },
  "33": join(
    { uk: "Не вдалося підтвердити оплату через 3-D Secure.", en: "The payment could not be confirmed with 3-D Secure." },
    { uk: "Спробуйте ще раз або іншою карткою.", en: "Try again or use another card." }
  ),
}

const OWN: Record<"declined" | "expired" | "mismatch", Text> = {
  declined: join({ uk: "Банк відхилив оплату.", en: "The bank declined the payment." }),
  expired: { uk: "Час на оплату минув, кошти не списано.", en: "The time to pay ran out; no money was taken." },
  mismatch: {
    uk: "Не вдалося підтвердити оплату. Кошти не зараховано; зверніться до магазину.",
    en: "The payment could not be verified. It was not accepted; please contact the shop.",
  },
}

/** The shopper's reason for a failed or expired bank order. */
export function shopperReason(kind: "failed" | "expired" | "mismatch", op?: BankReasonInput | null): ShopperReason {
  if (kind !== "failed") return { code: kind, ...OWN[kind], bank_text: null }
  const action = op?.action_code ?? null
  const response = op?.response_code ?? null
  const bankText = op?.description || op?.error_details || null
  const text = (action === "1" && response && DECLINED[response]) || (action && BY_ACTION[action]) || OWN.declined
  const code = action || response ? `${action ?? "?"}/${response ?? "?"}` : "declined"
  return { code, ...text, bank_text: bankText }
}
