/**
 * Kopeck arithmetic of credit memos: integers only, no @medusajs imports, so that the server
 * and the drawer's live preview compute the very same numbers.
 */

/** n / d rounded half up, for non-negative integers. */
function divideRounded(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d)
}

/** One unit's share of an item's total (display; a line uses lineKopecks). */
export function unitKopecks(itemTotal: number, ordered: number): number {
  if (ordered <= 0) return 0
  return Number(divideRounded(BigInt(itemTotal), BigInt(ordered)))
}

/**
 * What refunding `quantity` more units of an item returns when `alreadyRefunded` units were
 * refunded before. Each unit's share is rounded on the running count, so refunding every unit,
 * in any number of memos, returns exactly the item's total: no kopeck is lost or made up.
 */
export function lineKopecks(itemTotal: number, ordered: number, alreadyRefunded: number, quantity: number): number {
  if (quantity <= 0 || ordered <= 0) return 0
  const total = BigInt(itemTotal)
  const upTo = (units: number) => divideRounded(total * BigInt(units), BigInt(ordered))
  return Number(upTo(alreadyRefunded + quantity) - upTo(alreadyRefunded))
}

export interface MemoParts {
  items: number
  shipping: number
  adjustmentRefund: number
  adjustmentFee: number
}

/** Items + shipping + adjustment refund − adjustment fee (may be zero or negative: the caller refuses that). */
export function memoTotalKopecks(parts: MemoParts): number {
  return parts.items + parts.shipping + parts.adjustmentRefund - parts.adjustmentFee
}
