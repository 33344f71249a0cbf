import { defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminAlliancePayEmptyBody, AdminAlliancePayNoQuery, AdminCreateCreditMemo } from "./admin/alliance-pay/validators"
import { boundedAlliancePayCallback, CALLBACK_MAX_BYTES } from "./callback-limits"

/** Admin bodies: an empty object, or a credit memo of at most 500 lines. */
const ADMIN_BODY_LIMIT = "64kb"

/** Admin auth comes from Medusa itself for every /admin route; these only validate input. */
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
      middlewares: [boundedAlliancePayCallback],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminAlliancePayNoQuery, {})],
    },
    {
      matcher: "/admin/alliance-pay/orders/:id/check-status",
      methods: ["POST"],
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
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
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
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
      bodyParser: { sizeLimit: ADMIN_BODY_LIMIT },
      middlewares: [validateAndTransformBody(AdminAlliancePayEmptyBody)],
    },
  ],
})
