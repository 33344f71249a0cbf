import type { MedusaContainer } from "@medusajs/framework/types"
import { FeatureFlag, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import type { AxiosInstance } from "axios"

export type AdminUser = { userId: string; email: string; password: string; token: string }

/**
 * Creates an admin the way `npx medusa user -e ... -p ...` does (user + emailpass identity, super
 * admin role when RBAC is on), then logs in through the real auth route to get a bearer token.
 * Call it in `beforeAll` (it becomes part of the suite's snapshot) or in the test itself.
 */
export async function createAdminUser(
  container: MedusaContainer,
  api: AxiosInstance,
  { email = "admin@alliancepay.test", password = "supersecret" }: { email?: string; password?: string } = {}
): Promise<AdminUser> {
  const auth = container.resolve(Modules.AUTH)

  let roles: string[] = []
  if (FeatureFlag.isFeatureEnabled("rbac")) {
    const rbac = container.resolve(Modules.RBAC) as any
    const superAdmin = await rbac.listRbacRoles({ id: "role_super_admin" })
    roles = superAdmin.map((r: { id: string }) => r.id)
  }
  const {
    result: [user],
  } = await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "Admin", last_name: "Test", roles }] } })

  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) throw new Error(`createAdminUser: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })

  const res = await api.post("/auth/user/emailpass", { email, password }, { validateStatus: () => true })
  if (res.status !== 200 || !res.data?.token) {
    throw new Error(`createAdminUser: login failed ${res.status} ${JSON.stringify(res.data)}`)
  }
  return { userId: user.id, email, password, token: res.data.token }
}
