import type { BankOperation } from "../../core/bank"

/** What we keep of each bank operation: enough for the admin panel and audits, nothing secret. */
export function summariseOperation(op: BankOperation) {
  return {
    type: op.type,
    status: op.status,
    coin_amount: op.coinAmount ?? null,
    operation_id: op.operationId ?? null,
    ecom_operation_id: op.ecomOperationId ?? null,
    merchant_request_id: op.merchantRequestId ?? null,
    rrn: op.rrn ?? null,
    approval_code: op.approvalCode ?? null,
    card_mask: op.cardNumberMask ?? null,
    payment_method: op.paymentServiceType ?? null,
    payment_system: op.paymentSystem ?? null,
    action_code: op.transactionResponseInfo?.actionCode ?? null,
    response_code: op.transactionResponseInfo?.responseCode ?? null,
    description: op.transactionResponseInfo?.description ?? null,
    error_details: op.errorDetails ?? null,
    created_at: op.creationDateTime ?? null,
    modified_at: op.modificationDateTime ?? null,
  }
}

export type OperationSummary = ReturnType<typeof summariseOperation>
