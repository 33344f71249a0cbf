import { describeWithAlliancePay } from "../support/medusa/suite"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import type { AxiosInstance } from "axios"
import { beforeEach, expect, it } from "vitest"
import { dropCallbacks, placeAlliancePayOrder, resetBank, TEST_CARD } from "../support/medusa/orders"
import { BANK, bankCalls } from "../support/medusa/alliance"

// Medusa's role-based access control, a feature flag in 2.21: this file's server runs with it on
process.env.MEDUSA_FF_RBAC = "true"


/** A user whose one role grants exactly these policies ("resource:operation" keys), logged in. */
async function userWithPolicies(container: MedusaContainer, api: AxiosInstance, email: string, keys: string[]) {
  const rbac = container.resolve(Modules.RBAC) as any
  const policies = await rbac.listRbacPolicies({ key: keys })
  expect(policies.map((p: { key: string }) => p.key).sort()).toEqual([...keys].sort())
  const [role] = await rbac.createRbacRoles([{ name: `role for ${email}` }])
  await rbac.createRbacRolePolicies(policies.map((p: { id: string }) => ({ role_id: role.id, policy_id: p.id })))
  await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "Staff", last_name: "Member", roles: [role.id] }] } })
  const auth = container.resolve(Modules.AUTH)
  const password = "a-long-test-password"
  const { authIdentity } = await auth.register("emailpass", { body: { email, password } })
  const [user] = await container.resolve(Modules.USER).listUsers({ email })
  await auth.updateAuthIdentities({ id: authIdentity!.id, app_metadata: { user_id: user.id } })
  const res = await api.post("/auth/user/emailpass", { email, password })
  return res.data.token as string
}

describeWithAlliancePay(
  "RBAC: the plugin's admin routes declare their own permissions",
  (suite, { api, getContainer }) => {
    const as = (token: string) => ({
      get: (url: string) => api.get(url, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true }),
      post: (url: string, data: unknown = {}) => api.post(url, data, { headers: { authorization: `Bearer ${token}` }, validateStatus: () => true }),
    })

    beforeEach(async () => {
      await resetBank(suite.world.sandbox)
      await dropCallbacks(suite.world.sandbox)
    })

    it("the plugin's permissions are registered with Medusa, three powers apart", async () => {
      const rbac = getContainer().resolve(Modules.RBAC) as any
      const keys = (await rbac.listRbacPolicies({ resource: ["alliance_pay_order", "alliance_pay_credit_memo", "alliance_pay_connection"] })).map((p: { key: string }) => p.key)
      expect(keys.sort()).toEqual([
        "alliance_pay_connection:read",
        "alliance_pay_connection:update",
        "alliance_pay_credit_memo:create",
        "alliance_pay_order:read",
        "alliance_pay_order:update",
      ])
    })

    it("a user who may read the panel but not refund cannot refund, by credit memo or Medusa's own refund; one who may refund can", async () => {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.visa)
      const memosUrl = `/admin/alliance-pay/orders/${placed.orderId}/credit-memos`
      const clerk = as(await userWithPolicies(getContainer(), api, "clerk@alliancepay.test", ["order:read", "alliance_pay_order:read", "alliance_pay_connection:read"]))
      const refunder = as(await userWithPolicies(getContainer(), api, "refunds@alliancepay.test", ["order:read", "alliance_pay_order:read", "alliance_pay_credit_memo:create"]))

      // the clerk reads the panel and the connection …
      const panel = await clerk.get(`/admin/alliance-pay/orders/${placed.orderId}`)
      expect(panel.status).toBe(200)
      expect(panel.data.alliance_pay.current.state).toBe("captured")
      expect((await clerk.get(memosUrl)).status).toBe(200)
      expect((await clerk.get("/admin/alliance-pay/connection")).status).toBe(200)
      expect((await clerk.get("/admin/alliance-pay/settings/activity")).status).toBe(200)
      const itemId = (await clerk.get(memosUrl)).data.credit_memos.items[0].item_id

      // … but refunds nothing, re-authorizes nothing, checks nothing at the bank
      const memo = { mode: "online", items: [{ item_id: itemId, quantity: 1 }] }
      const refused = await clerk.post(memosUrl, memo)
      expect(refused.status).toBe(403)
      expect(refused.data.message).toMatch(/alliance_pay_credit_memo:create/)
      expect((await clerk.post("/admin/alliance-pay/connection/authorize")).status).toBe(403)
      expect((await clerk.post(`/admin/alliance-pay/orders/${placed.orderId}/check-status`)).status).toBe(403)
      expect((await clerk.post("/admin/alliance-pay/connection/test")).status).toBe(403)
      expect((await clerk.post("/admin/alliance-pay/payments/apbo_x/refund-orphan")).status).toBe(403)
      expect((await clerk.get("/admin/alliance-pay/payments")).status).toBe(200)
      const { order } = await suite.client.admin.get(`/admin/orders/${placed.orderId}`, { params: { fields: "id,*payment_collections.payments" } })
      const paymentId = order.payment_collections[0].payments[0].id
      expect((await clerk.post(`/admin/payments/${paymentId}/refund`, { amount: 1 })).status).toBe(403)
      expect((await clerk.get(memosUrl)).data.credit_memos.credit_memos).toEqual([])
      expect(await bankCalls(suite.world.sandbox, BANK.refund)).toEqual([])

      // the refunder may: one online credit memo, one refund at the bank; still no connection management
      const accepted = await refunder.post(memosUrl, memo)
      expect(accepted.status).toBe(200)
      expect(accepted.data.credit_memo).toMatchObject({ mode: "online", total: "1250.50" })
      expect(await bankCalls(suite.world.sandbox, BANK.refund)).toHaveLength(1)
      expect((await refunder.post("/admin/alliance-pay/connection/authorize")).status).toBe(403)
      // the plugin's background work is shown with the connection's permission
      expect((await refunder.get("/admin/alliance-pay/settings/activity")).status).toBe(403)
    })
  },
  { env: { MEDUSA_FF_RBAC: "true" } }
)
