import type { MedusaContainer } from "@medusajs/framework/types"
import { alliancePayModule } from "../../modules/alliance-pay/resolve"
import { orderBankOrders } from "./order-bank-orders"
import { pluginNote } from "./plugin-note"
import { presentBankOrder } from "./present"
import type { AlliancePayOrderView } from "./types"

/** Everything the order page panel shows, read from our records (no bank call). */
export async function alliancePayOrderView(container: MedusaContainer, orderId: string): Promise<AlliancePayOrderView> {
  const { order, current, history, refunds } = await orderBankOrders(container, orderId)
  return {
    order_id: order.id,
    display_id: order.display_id,
    order_status: order.status,
    note: pluginNote(order, current),
    current: presentBankOrder(current, refunds),
    history: history.map((b) => presentBankOrder(b, refunds)),
    connection: await alliancePayModule(container).connectionStatus(),
  }
}
