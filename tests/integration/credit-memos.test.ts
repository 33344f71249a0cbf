import { describeWithAlliancePay } from "../support/medusa/suite"
import { beforeEach, expect, it } from "vitest"
import { dropCallbacks, placeAlliancePayOrder, placeSystemOrder, resetBank, TEST_CARD } from "../support/medusa/orders"
import { BANK, bankCalls, sandboxControl, waitFor } from "../support/medusa/alliance"

/**
 * Issue 5: credit memos from the order page. The seeded shirt costs 1250.50 UAH, shipping 99.99.
 * The sandbox bank settles a refund by its kopecks: .16 at once, .17 fails at once, others stay PENDING.
 */

const memosUrl = (orderId: string) => `/admin/alliance-pay/orders/${orderId}/credit-memos`

describeWithAlliancePay(
  "admin: credit memos",
  (suite) => {

    const admin = {
      get: (url: string, params?: Record<string, unknown>) => suite.client.admin.raw({ method: "get", url, params }),
      post: (url: string, data: unknown = {}) => suite.client.admin.raw({ method: "post", url, data }),
    }


    // callbacks of a test must not reach the server after it ended (the database is restored in between)
    beforeEach(async () => {
      await resetBank(suite.world.sandbox)
      await dropCallbacks(suite.world.sandbox)
    })

    async function paidOrder(quantity: number) {
      const placed = await placeAlliancePayOrder(suite.client, suite.seed, TEST_CARD.visa, { quantity })
      const { data } = await admin.get(memosUrl(placed.orderId))
      const item = data.credit_memos.items[0]
      return { ...placed, itemId: item.item_id as string }
    }

    const memos = async (orderId: string) => (await admin.get(memosUrl(orderId))).data.credit_memos
    const refundCalls = () => bankCalls(suite.world.sandbox, BANK.refund)
    const online = (itemId: string, quantity: number, extra: Record<string, unknown> = {}) => ({ mode: "online", items: [{ item_id: itemId, quantity }], ...extra })

    /** The order as Medusa's own admin shows it: totals, credit lines, transactions, payment refunds. */
    async function medusaOrder(orderId: string) {
      const { order } = await suite.client.admin.get(`/admin/orders/${orderId}`, {
        params: { fields: "id,total,summary,*credit_lines,*transactions,*payment_collections.payments.refunds,*payment_collections.payments.refunds.refund_reason" },
      })
      const refunds = order.payment_collections.flatMap((c: any) => c.payments.flatMap((p: any) => p.refunds ?? []))
      return { order, refunds }
    }

    it("refunds part of an order online twice; then requests for more than is left are refused and nothing reaches the bank", async () => {
      const placed = await paidOrder(3) // 3 × 1250.50 + 99.99 = 3851.49
      const before = await memos(placed.orderId)
      expect(before).toMatchObject({ currency_code: "uah", can_credit: true, refundable: "3851.49", shipping: { total: "99.99", refundable: "99.99" }, credit_memos: [] })
      expect(before.items).toEqual([
        expect.objectContaining({ unit_amount: "1250.50", total: "3751.50", ordered: 3, refunded_quantity: 0, refundable_quantity: 3, status: "not_refunded" }),
      ])
      const { refund_reason: reason } = await suite.client.admin.post("/admin/refund-reasons", { label: "Returned goods", code: "returned_goods" })

      const first = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1, { adjustment_fee: "0.34", refund_reason_id: reason.id, note: "One shirt came back" }))
      expect(first.status).toBe(200)
      expect(first.data.credit_memo).toMatchObject({
        mode: "online",
        status: "refunded",
        total: "1250.16",
        adjustment_fee: "0.34",
        shipping_amount: "0.00",
        lines: [{ item_id: placed.itemId, quantity: 1, unit_amount: "1250.50", amount: "1250.50" }],
        refund_reason_id: reason.id,
        note: "One shirt came back",
        created_by: suite.admin.userId,
        medusa_refund_id: expect.stringMatching(/^ref_/),
        bank_refund_id: expect.stringMatching(/^aprfd_/),
        failure_reason: null,
        warning: null,
      })
      expect(first.data.message).toBe("Refunded 1250.16 UAH to the customer's card through Alliance Pay.")

      const second = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1, { shipping: "99.99", adjustment_fee: "0.33" }))
      expect(second.status).toBe(200)
      expect(second.data.credit_memo).toMatchObject({ status: "refunded", total: "1350.16", shipping_amount: "99.99" })
      expect((await refundCalls()).map((c) => c.body?.coinAmount)).toEqual([125016, 135016])

      // 3851.49 − 1250.16 − 1350.16 = 1251.17 is left, and one shirt; no shipping
      const after = await memos(placed.orderId)
      expect(after).toMatchObject({ refundable: "1251.17", shipping: { refunded: "99.99", refundable: "0.00" } })
      expect(after.items[0]).toMatchObject({ refunded_quantity: 2, refundable_quantity: 1, status: "partially_refunded" })
      expect(after.credit_memos.map((m: { total: string }) => m.total)).toEqual(["1350.16", "1250.16"])

      const refusals = [
        [online(placed.itemId, 2), "Only 1 of “Vyshyvanka · M” can still be refunded (ordered 3, already refunded 2); 2 were asked"],
        [online(placed.itemId, 1, { adjustment_refund: "0.68" }), "Only 1251.17 UAH can still be refunded on this payment; this credit memo totals 1251.18 UAH"],
        [online(placed.itemId, 0, { shipping: "0.01" }), "Only 0.00 UAH of shipping can still be refunded; 0.01 UAH were asked"],
      ] as const
      for (const [body, message] of refusals) {
        const refused = await admin.post(memosUrl(placed.orderId), body)
        expect(refused.status, message).toBe(400)
        expect(refused.data).toMatchObject({ type: expect.any(String), message })
      }
      expect(await refundCalls()).toHaveLength(2)
      expect((await memos(placed.orderId)).credit_memos).toHaveLength(2)

      // Medusa's own records: two refunds with reason and note, the order's refunded total
      const { order, refunds } = await medusaOrder(placed.orderId)
      expect(refunds.map((r: any) => r.amount).sort()).toEqual([1250.16, 1350.16])
      // Medusa's own refund says which items the memo credited, and the merchant's note
      expect(refunds.find((r: any) => r.id === first.data.credit_memo.medusa_refund_id)).toMatchObject({
        note: "Credit memo: 1 × Vyshyvanka · M, adjustment fee −0.34 UAH. Refunded through Alliance Pay. One shirt came back",
        created_by: suite.admin.userId,
        refund_reason: { id: reason.id, label: "Returned goods" },
      })
      expect(order.summary).toMatchObject({ paid_total: 3851.49, refunded_total: 2600.32, pending_difference: 0 })
      // what is left can still be refunded: the last shirt and a 0.66 adjustment refund
      const last = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1, { adjustment_refund: "0.66" }))
      expect(last.status).toBe(200)
      expect(last.data.credit_memos).toMatchObject({ refundable: "0.01", items: [{ status: "refunded", refundable_quantity: 0 }] })
    })

    it("two memos pressed at the same moment cannot together refund more than was paid: exactly one goes through", async () => {
      const placed = await paidOrder(2) // 2600.99
      const body = online(placed.itemId, 2, { adjustment_fee: "0.84" }) // 2500.16 each

      const answers = await Promise.all([admin.post(memosUrl(placed.orderId), body), admin.post(memosUrl(placed.orderId), body)])

      expect(answers.map((a) => a.status).sort()).toEqual([200, 400])
      const refused = answers.find((a) => a.status === 400)!
      expect(refused.data.message).toMatch(/^Only 0 of “Vyshyvanka · M” can still be refunded/)
      expect(await refundCalls()).toHaveLength(1)
      expect((await memos(placed.orderId)).credit_memos).toEqual([expect.objectContaining({ status: "refunded", total: "2500.16" })])
      expect((await medusaOrder(placed.orderId)).refunds).toHaveLength(1)
    })

    it("Refund Offline records the refund in the shop without calling the bank", async () => {
      const placed = await paidOrder(2) // 2600.99

      const res = await admin.post(memosUrl(placed.orderId), { mode: "offline", items: [{ item_id: placed.itemId, quantity: 1 }], shipping: "99.99", note: "Cash at the shop" })

      expect(res.status).toBe(200)
      const memo = res.data.credit_memo
      expect(memo).toMatchObject({
        mode: "offline",
        status: "refunded",
        total: "1350.49",
        bank_refund_id: expect.stringMatching(/^aprfd_/),
        medusa_refund_id: expect.stringMatching(/^ref_/),
        note: "Cash at the shop",
      })
      expect(res.data.message).toBe("Recorded an offline refund of 1350.49 UAH; the bank was not asked to return any money.")
      expect(await refundCalls()).toEqual([])
      expect(res.data.credit_memos.items[0]).toMatchObject({ refunded_quantity: 1, status: "partially_refunded" })

      // Medusa's own records show it like any refund (Payments card, activity, totals), marked as offline
      const { order, refunds } = await medusaOrder(placed.orderId)
      expect(refunds).toEqual([
        expect.objectContaining({
          id: memo.medusa_refund_id,
          amount: 1350.49,
          note: "Credit memo: 1 × Vyshyvanka · M, shipping 99.99 UAH. Refund Offline: recorded in the shop without a bank call. Cash at the shop",
        }),
      ])
      expect(order.transactions).toEqual(expect.arrayContaining([expect.objectContaining({ amount: -1350.49, reference: "refund", reference_id: memo.medusa_refund_id })]))
      expect(order.summary).toMatchObject({ paid_total: 2600.99, refunded_total: 1350.49, pending_difference: 0 })

      // what was paid back in cash is no longer refundable through the bank
      expect((await memos(placed.orderId)).refundable).toBe("1250.50")
      const over = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1, { adjustment_refund: "0.01" }))
      expect(over.status).toBe(400)
      expect(over.data.message).toBe("Only 1250.50 UAH can still be refunded on this payment; this credit memo totals 1250.51 UAH")
      expect(await refundCalls()).toEqual([])
    })

    it("a refund the bank leaves PENDING keeps the memo pending until the bank settles it: by callback, or by Check Payment Status", async () => {
      await resetBank(suite.world.sandbox) // this test wants the bank's callbacks
      const placed = await paidOrder(2)

      const pending = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1)) // 1250.50 → PENDING
      expect(pending.status).toBe(200)
      expect(pending.data.credit_memo).toMatchObject({ status: "pending", medusa_refund_id: expect.stringMatching(/^ref_/) })
      expect(pending.data.message).toMatch(/^The bank accepted the refund of 1250.50 UAH and is processing it/)
      const [call] = await refundCalls()
      await sandboxControl(suite.world.sandbox, `/refunds/${call.body!.merchantRequestId}/settle`, { status: "SUCCESS" })

      // the bank's callback arrives, the plugin re-reads the bank, the memo follows
      const settled = await waitFor("the memo to be refunded", async () => {
        const view = await memos(placed.orderId)
        return view.credit_memos[0].status === "refunded" ? view : undefined
      })
      expect(settled.credit_memos[0]).toMatchObject({ id: pending.data.credit_memo.id, warning: null })

      // the second one is declined after Medusa recorded it; its callback is lost, the merchant checks
      await dropCallbacks(suite.world.sandbox)
      const second = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1, { adjustment_fee: "0.01" })) // 1250.49 → PENDING
      expect(second.data.credit_memo.status).toBe("pending")
      const secondCall = (await refundCalls())[1]
      await sandboxControl(suite.world.sandbox, `/refunds/${secondCall.body!.merchantRequestId}/settle`, { status: "FAIL" })
      const check = await admin.post(`/admin/alliance-pay/orders/${placed.orderId}/check-status`)
      expect(check.status).toBe(200)
      expect(check.data.refunds).toEqual([expect.objectContaining({ from: "pending", to: "failed" })])

      const view = await memos(placed.orderId)
      expect(view.credit_memos[0]).toMatchObject({
        id: second.data.credit_memo.id,
        status: "failed",
        failure_reason: expect.any(String),
        warning: expect.stringMatching(/^Medusa recorded refund ref_\w+ of 1250.49 UAH when the bank accepted it, but the bank then declined it: the customer has NOT received this money/),
      })
      // a failed memo refunds no item
      expect(view.items[0]).toMatchObject({ refunded_quantity: 1, refundable_quantity: 1 })
    })

    it("a refund the bank declines at once: a 422 with the bank's reason, a failed memo kept, nothing refunded in Medusa", async () => {
      const placed = await paidOrder(2)

      const res = await admin.post(memosUrl(placed.orderId), online(placed.itemId, 1, { adjustment_fee: "0.33" })) // 1250.17 → FAIL

      expect(res.status).toBe(422)
      expect(res.data).toMatchObject({
        type: "bank_refused",
        message: "Alliance Pay refused the refund of 1250.17 UAH: b_reverse_transaction_failed. Nothing was refunded; the failed credit memo is kept as a record.",
        credit_memo: { status: "failed", failure_reason: "b_reverse_transaction_failed", medusa_refund_id: null, warning: null, bank_refund_id: expect.stringMatching(/^aprfd_/) },
      })
      expect(await refundCalls()).toHaveLength(1)
      const { order, refunds } = await medusaOrder(placed.orderId)
      expect(refunds).toEqual([])
      expect(order.summary).toMatchObject({ refunded_total: 0, pending_difference: 0 })
      const view = await memos(placed.orderId)
      expect(view).toMatchObject({ refundable: "2600.99", credit_memos: [{ status: "failed" }], items: [{ refunded_quantity: 0, status: "not_refunded" }] })
    })

    it("takes no amounts from the request, and refuses what is wrong with a clear 4xx that records nothing", async () => {
      const placed = await paidOrder(1)
      const url = memosUrl(placed.orderId)
      const item = { item_id: placed.itemId, quantity: 1 }

      const refusals: [unknown, number, RegExp][] = [
        // amounts a tampered browser might send: refused whole, never used
        [{ mode: "online", items: [{ ...item, amount: 1 }] }, 400, /amount/],
        [{ mode: "online", items: [{ ...item, unit_price: 0.16 }] }, 400, /unit_price/],
        [{ mode: "online", items: [item], total: "0.16" }, 400, /total/],
        [{ mode: "refund", items: [item] }, 400, /mode/],
        [{ items: [item] }, 400, /mode/],
        [{ mode: "online", items: [{ item_id: placed.itemId, quantity: 1.5 }] }, 400, /quantity/],
        [{ mode: "online", items: [item], shipping: "12.345" }, 400, /shipping/],
        [{ mode: "online", items: [item], adjustment_fee: "-1" }, 400, /adjustment_fee/],
        [{ mode: "online", items: [] }, 400, /must be above zero/],
        [{ mode: "online", items: [item], adjustment_fee: "1250.50" }, 400, /must be above zero \(it is 0.00 UAH\)/],
        [{ mode: "online", items: [{ item_id: "ordli_unknown", quantity: 1 }] }, 400, /Item ordli_unknown is not on Order #/],
        [{ mode: "online", items: [item, item] }, 400, /listed twice/],
        [{ mode: "online", items: [item], refund_reason_id: "refr_unknown" }, 400, /no refund reason refr_unknown/],
        [{ mode: "offline", items: [{ item_id: placed.itemId, quantity: 2 }] }, 400, /Only 1 of/],
      ]
      for (const [body, status, message] of refusals) {
        const res = await admin.post(url, body)
        expect(res.status, JSON.stringify(body)).toBe(status)
        expect(res.data.message, JSON.stringify(body)).toMatch(message)
      }

      const systemOrderId = await placeSystemOrder(suite.client, suite.seed)
      const notOurs = await admin.post(memosUrl(systemOrderId), { mode: "offline", items: [] })
      expect(notOurs.status).toBe(400)
      expect(notOurs.data.message).toMatch(/was not paid with Alliance Pay/)
      expect((await admin.get(memosUrl("order_01JUNKNOWNUNKNOWNUNKNOWN00"))).status).toBe(404)
      expect((await suite.client.anonymous.raw({ method: "post", url, data: { mode: "online", items: [item] } })).status).toBe(401)
      expect((await admin.get(url, { expand: "everything" })).status).toBe(400)

      expect(await refundCalls()).toEqual([])
      const view = await memos(placed.orderId)
      expect(view).toMatchObject({ credit_memos: [], refundable: "1350.49" })
      expect((await medusaOrder(placed.orderId)).order.credit_lines).toEqual([])
    })
  },
)
