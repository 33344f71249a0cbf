import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { alliancePayModule } from "../../../../../workflows/admin-views"
import { AlliancePayActivityView } from "./view"

/** Settings → Alliance Pay: the last callback received, the reconciler's last run and its backlog. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { callback, reconcile, backlog } = await alliancePayModule(req.scope).activity()
  const activity = AlliancePayActivityView.parse({
    last_callback: callback && { received_at: callback.started_at, hpp_order_id: callback.hpp_order_id, outcome: callback.outcome },
    reconciler: reconcile && {
      started_at: reconcile.started_at,
      finished_at: reconcile.finished_at ?? reconcile.started_at,
      outcome: reconcile.outcome,
      checked: reconcile.checked,
      changed: reconcile.changed,
      failed: reconcile.failed,
      error: reconcile.error,
    },
    backlog,
  })
  res.json({ activity })
}
