import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import {
  AdminAlliancePayEmptyBody,
  AdminAlliancePayNoQuery,
  AdminAlliancePayPaymentsExportQuery,
  AdminAlliancePayPaymentsQuery,
  AdminAlliancePayResolve,
  AdminCreateCreditMemo,
} from "./admin/alliance-pay/validators"
import { cartStatusGuard } from "./store/alliance-pay/rate-limit"
import { StoreAlliancePayNoQuery } from "./store/alliance-pay/validators"

/** Admin auth comes from Medusa itself for every /admin route; these only validate input. */
export default defineMiddlewares({
  routes: [
    {
      matcher: "/admin/alliance-pay/orders/:id",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/check-status",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/credit-memos",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/credit-memos",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminCreateCreditMemo)],
    },
    {
      matcher: "/admin/alliance-pay/connection",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/connection/authorize",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/payments",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayPaymentsQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/payments/attention",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/settings",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/payments/export",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayPaymentsExportQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/payments/:id/recheck",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/payments/:id/refund-orphan",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
    {
      matcher: "/admin/alliance-pay/payments/:id/resolve",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(AdminAlliancePayResolve)],
    },
    {
      matcher: "/admin/alliance-pay/connection/test",
      methods: ["POST"],
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
