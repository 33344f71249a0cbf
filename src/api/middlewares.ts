import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminAlliancePayEmptyBody,
  AdminAlliancePayNoQuery,
  AdminAlliancePayPaymentsExportQuery,
  AdminAlliancePayPaymentsQuery,
  AdminAlliancePayResolve,
  AdminCreateCreditMemo,
} from "./admin/alliance-pay/validators"
import { ALLIANCE_PAY_POLICY } from "../policies/alliance-pay"
import { boundedAlliancePayCallback, CALLBACK_MAX_BYTES } from "./callback-limits"
import { collapseQueuedCallback } from "./callback-queue"
import { cartStatusGuard } from "./store/alliance-pay/rate-limit"
import { StoreAlliancePayNoQuery } from "./store/alliance-pay/validators"

/**
 * The RBAC permission a route needs. Medusa reads `policies` from middleware routes (its own
 * routes use it) though its defineMiddlewares type does not list it yet; spread in for that reason.
 */
const needs = (resource: string, operation: "read" | "create" | "update") => ({ policies: [{ resource, operation }] })

/** Admin bodies: an empty object, or a credit memo of at most 500 lines. */
const ADMIN_BODY_LIMIT = "64kb"

/**
 * Admin auth comes from Medusa itself for every /admin route; these validate input and, when
 * Medusa's RBAC is on, name the permission each route needs (src/policies/alliance-pay.ts).
 */
export default defineMiddlewares({
  routes: [
    {
      // the default provider id's webhook: a smaller body limit than Express's 100 kB (the raw body
      // stays, as Medusa's own webhook route needs it); other ids are bounded by the check below
      matcher: "/hooks/payment/alliancepay_alliancepay",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: CALLBACK_MAX_BYTES },
    },
    {
      matcher: "/hooks/payment/:provider",
      methods: ["POST"],
      middlewares: [boundedAlliancePayCallback, collapseQueuedCallback],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.order, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/check-status",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.order, "update"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/credit-memos",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.order, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/credit-memos",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.creditMemo, "create"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminCreateCreditMemo)],
    },
    {
      matcher: "/admin/alliance-pay/connection",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.connection, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/connection/authorize",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.connection, "update"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/payments",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.order, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayPaymentsQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/payments/attention",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.order, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/settings",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.connection, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/settings/activity",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.connection, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/payments/export",
      methods: ["GET"],
      ...needs(ALLIANCE_PAY_POLICY.order, "read"),
      middlewares: [validateAndTransformQuery(AdminAlliancePayPaymentsExportQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/payments/:id/recheck",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.order, "update"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/payments/:id/refund-orphan",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.creditMemo, "create"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/payments/:id/resolve",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.order, "update"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayResolve)],
    },
    {
      matcher: "/admin/alliance-pay/connection/test",
      methods: ["POST"],
      ...needs(ALLIANCE_PAY_POLICY.connection, "update"),
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      // the publishable key is Medusa's own check on every /store route
      matcher: "/store/alliance-pay/carts/:id/payment-status",
      methods: ["GET"],
      middlewares: [cartStatusGuard, validateAndTransformQuery(StoreAlliancePayNoQuery, {})],
    },
  ],
})
