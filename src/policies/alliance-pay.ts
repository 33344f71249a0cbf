import { definePolicies } from "@medusajs/framework/utils"

/**
 * RBAC policies of the Alliance Pay admin routes (Medusa's `rbac` feature flag, MEDUSA_FF_RBAC).
 * Three separate powers: reading the order panel (and checking a payment at the bank), refunding
 * through credit memos, and managing the bank connection. With the flag off, Medusa ignores them
 * and every admin user may use every route, as for Medusa's own routes.
 */
export const ALLIANCE_PAY_POLICY = {
  order: "alliance_pay_order",
  creditMemo: "alliance_pay_credit_memo",
  connection: "alliance_pay_connection",
} as const

export const alliancePayPolicies = definePolicies([
  {
    name: "ReadAlliancePayOrders",
    resource: ALLIANCE_PAY_POLICY.order,
    operation: "read",
    description: "See the Alliance Pay panel of an order and the payments page: bank orders, operations, credit memos, exports",
  },
  {
    name: "CheckAlliancePayPayments",
    resource: ALLIANCE_PAY_POLICY.order,
    operation: "update",
    description: "Check Payment Status and the payments page's re-check and resolve: re-read the bank and settle the payment accordingly",
  },
  {
    name: "CreateAlliancePayCreditMemos",
    resource: ALLIANCE_PAY_POLICY.creditMemo,
    operation: "create",
    description: "Refund through Alliance Pay: credit memos (online at the bank, or offline) and money the bank took without an order",
  },
  {
    name: "ReadAlliancePayConnection",
    resource: ALLIANCE_PAY_POLICY.connection,
    operation: "read",
    description: "See the bank connection's status and the plugin's settings (secrets masked)",
  },
  {
    name: "ManageAlliancePayConnection",
    resource: ALLIANCE_PAY_POLICY.connection,
    operation: "update",
    description: "Re-authorize the shop's bank device (Authorize by virtual device, Test connection)",
  },
])
