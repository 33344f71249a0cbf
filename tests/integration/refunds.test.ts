import { expect, it } from "vitest"
import { expectApiError } from "../support/medusa"
import {
  BANK,
  bankCalls,
  bankOrder,
  callbackAttempts,
  CARDS,
  merchantOrders,
  payOnHostedPage,
  paymentsOf,
  sandboxControl,
  waitFor,
  waitForIdle,
} from "../support/medusa/alliance"
import { CART_KOPECKS, CART_TOTAL, capturedOrder, cartAtTheBank, describeWithAlliancePay } from "../support/medusa/suite"

/**
 * Issue 3, the merchant's side of refunds: Medusa's own admin route (the "Refund" button on a
 * payment), sent to the bank through the encrypted refund call.
 */
describeWithAlliancePay("refunds through Alliance Pay", (suite) => {
  /** A paid order of 2600.99 UAH, as the merchant sees it, and its bank order id. */
  async function paidOrder() {
    const { hpp, redirectUrl } = await cartAtTheBank(suite)
    await payOnHostedPage(redirectUrl, CARDS.visa)
    const order = await capturedOrder(suite)
    await waitForIdle(suite.processPayment, { atLeast: 1 })
    return { order, hpp, payment: paymentsOf(order)[0] }
  }

  const refund = (paymentId: string, amount: number) => suite.client.admin.post(`/admin/payments/${paymentId}/refund`, { amount })
  const refundCalls = () => bankCalls(suite.world.sandbox, BANK.refund)

  async function refundsOf(paymentId: string): Promise<number[]> {
    const { payment } = await suite.client.admin.get(`/admin/payments/${paymentId}`, { params: { fields: "id,*refunds" } })
    return payment.refunds.map((r: { amount: number }) => r.amount).sort((a: number, b: number) => a - b)
  }

  it("10. partial refunds twice (bank PENDING, then settled), then more than is left is refused and nothing reaches the bank", async () => {
    const { hpp, payment } = await paidOrder()

    // 1st partial refund: the bank answers PENDING, Medusa records it; the bank then settles it
    const first = await refund(payment.id, 500)
    expect(first.payment.refunds.map((r: { amount: number }) => r.amount)).toEqual([500])
    let calls = await refundCalls()
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ httpStatus: 200, session: "current" })
    expect(calls[0].body).toMatchObject({ coinAmount: 50000, merchantId: suite.world.sandbox.merchant.merchantId })
    const firstRequestId = calls[0].body!.merchantRequestId as string
    await sandboxControl(suite.world.sandbox, `/refunds/${firstRequestId}/settle`, { status: "SUCCESS" })
    await waitFor("the refund callback", async () =>
      (await callbackAttempts(suite.world.sandbox, hpp)).find((a) => a.operationType === "REFUND" && a.result === "delivered")
    )
    await waitForIdle(suite.processPayment)

    // 2nd partial refund, with kopecks: left PENDING at the bank (accepted as initiated)
    await refund(payment.id, 1000.01)
    calls = await refundCalls()
    expect(calls.map((c) => c.body?.coinAmount)).toEqual([50000, 100001])
    expect(calls[1].body?.merchantRequestId).not.toBe(firstRequestId)
    expect(await refundsOf(payment.id)).toEqual([500, 1000.01])

    // what is left is 2600.99 - 1500.01 = 1100.98; more is refused, and nothing reaches the bank:
    // well over it, by Medusa itself...
    const over = await expectApiError(refund(payment.id, 1200))
    expect(over.status).toBe(400)
    expect((over.body as { message: string }).message).toMatch(/refund more than/i)
    // ...one kopeck over it (within Medusa's rounding tolerance), by the plugin
    const kopeckOver = await expectApiError(refund(payment.id, 1100.99))
    expect(kopeckOver.status).toBe(400)
    expect((kopeckOver.body as { message: string }).message).toBe(
      "Alliance Pay: only 1100.98 UAH can still be refunded on this payment (paid and not yet refunded); 1100.99 UAH were asked"
    )
    expect(await refundCalls()).toHaveLength(2)
    expect(await refundsOf(payment.id)).toEqual([500, 1000.01])

    // what the merchant and the bank see: exact to the kopeck
    const [order] = await merchantOrders(suite.client)
    expect(order.summary).toMatchObject({ paid_total: CART_TOTAL, refunded_total: 1500.01 })
    const atBank = await bankOrder(suite.world.sandbox, hpp)
    expect(atBank).toMatchObject({ coinAmount: CART_KOPECKS, orderStatus: "PARTIAL_REFUND" })
    expect(atBank.operations.filter((op: { type: string }) => op.type === "REFUND").map((op: { coinAmount: number; status: string }) => [op.coinAmount, op.status])).toEqual([
      [50000, "SUCCESS"],
      [100001, "PENDING"],
    ])
    expect(suite.loggedErrors).toEqual([])
  })

  it("10b. a refund the bank refuses is a 4xx with the bank's reason, and Medusa records no refund", async () => {
    const { hpp, payment } = await paidOrder()

    // kopecks .17: the test terminal declines the refund (b_reverse_transaction_failed)
    const refused = await expectApiError(refund(payment.id, 100.17))
    expect(refused.status).toBe(400)
    expect((refused.body as { message: string }).message).toMatch(/Alliance Pay refused the refund of 100\.17 UAH: .*b_reverse_transaction_failed/)
    expect((await refundCalls()).map((c) => [c.body?.coinAmount, c.httpStatus])).toEqual([[10017, 200]])
    expect(await refundsOf(payment.id)).toEqual([])
    const [order] = await merchantOrders(suite.client)
    expect(order.summary).toMatchObject({ paid_total: CART_TOTAL, refunded_total: 0 })

    // the refusal used nothing up: the full amount can still be refunded
    await refund(payment.id, CART_TOTAL)
    expect(await refundsOf(payment.id)).toEqual([CART_TOTAL])
    expect((await refundCalls()).map((c) => c.body?.coinAmount)).toEqual([10017, CART_KOPECKS])
    expect((await bankOrder(suite.world.sandbox, hpp)).operations.filter((op: { type: string }) => op.type === "REFUND")).toHaveLength(2)
    await waitForIdle(suite.processPayment)
    expect(suite.loggedErrors).toEqual([])
  })
})
