/** The refund was refused before anything reached the bank (nothing left, not paid, …): a 4xx. */
export class RefundRefusedError extends Error {}

/**
 * The bank's answer to a refund was lost (timeout, 5xx, unreadable): it may have been made. The
 * refund keeps its amount reserved and is settled only by re-reading the bank, never sent again.
 */
export class RefundOutcomeUnknownError extends Error {}
