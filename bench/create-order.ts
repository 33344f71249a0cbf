/**
 * create-order through the client against the sandbox (its own process) on loopback.
 * Peer: the same request sent as a bare HTTP POST with the same session headers, so the
 * ratio is what the client adds (validation, sanitising, zod, session check) per call.
 */
import { randomUUID } from "node:crypto"
import { AlliancePayClient, BANK_PATHS } from "../src/core/bank"
import { writeSection } from "./lib/report"
import { startSandboxProcess } from "../tests/support/bank/sandbox-process"
import { sandboxControl } from "../tests/support/medusa/alliance"
import { fmt, summarise } from "./lib/stats"

const N = Number(process.env.BENCH_CREATE_ORDERS ?? 1000)

export async function benchCreateOrder() {
  const sandbox = await startSandboxProcess()
  try {
    const client = new AlliancePayClient({
      baseUrl: sandbox.url,
      serviceCode: sandbox.merchant.serviceCode,
      merchantId: sandbox.merchant.merchantId,
      merchantPrivateKey: sandbox.merchant.privateJwk,
    })
    const input = () => ({
      merchantRequestId: randomUUID(),
      coinAmount: 12550,
      successUrl: "https://shop.example.ua/checkout/return?cart_id=cart_01",
      failUrl: "https://shop.example.ua/checkout/return?cart_id=cart_01",
      notificationUrl: "https://api.shop.example.ua/hooks/payment/alliancepay_alliancepay",
      customer: { customerId: "cus_01", firstName: "Тарас", lastName: "Шевченко", email: "t@example.ua", phone: "+380 63 000 00 00" },
    })
    const session = await client.sessions.current()
    const rawBody = () =>
      JSON.stringify({
        merchantRequestId: randomUUID(),
        merchantId: sandbox.merchant.merchantId,
        hppPayType: "PURCHASE",
        coinAmount: 12550,
        paymentMethods: ["CARD", "APPLE_PAY", "GOOGLE_PAY"],
        statusPageType: "STATUS_TIMER_PAGE",
        successUrl: "https://shop.example.ua/checkout/return?cart_id=cart_01",
        failUrl: "https://shop.example.ua/checkout/return?cart_id=cart_01",
        notificationUrl: "https://api.shop.example.ua/hooks/payment/alliancepay_alliancepay",
        customerData: { senderCustomerId: "cus_01", senderFirstName: "Тарас", senderLastName: "Шевченко", senderEmail: "t@example.ua", senderPhone: "380630000000" },
      })
    const bare = async () => {
      const res = await fetch(`${sandbox.url}${BANK_PATHS.createOrder}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api_version": "V1",
          "x-device_id": session.deviceId,
          "x-refresh_token": session.refreshToken,
          "x-request_id": randomUUID(),
        },
        body: rawBody(),
      })
      const json = await res.json()
      if (!json.hppOrderId) throw new Error("bare create-order failed")
    }
    const viaClient = async () => {
      await client.createOrder(input())
    }
    const run = async (fn: () => Promise<void>) => {
      for (let i = 0; i < 50; i++) await fn()
      const samples: number[] = []
      for (let i = 0; i < N; i++) {
        const t = performance.now()
        await fn()
        samples.push(performance.now() - t)
      }
      return summarise(samples)
    }
    // interleave to share whatever the machine is doing
    const peer1 = await run(bare)
    const ours = await run(viaClient)
    const peer2 = await run(bare)
    const peer = peer1.p50 <= peer2.p50 ? peer1 : peer2
    await sandboxControl(sandbox, "/reset", {})
    const md = `## create-order through the client, sandbox on loopback

| path | p50 | p99 | mean |
|---|---|---|---|
| \`AlliancePayClient.createOrder\` | ${fmt(ours.p50)} | ${fmt(ours.p99)} | ${fmt(ours.mean)} |
| peer: bare HTTP POST, same body and session headers | ${fmt(peer.p50)} | ${fmt(peer.p99)} | ${fmt(peer.mean)} |

Ratio client / bare at p50: **${(ours.p50 / peer.p50).toFixed(2)}×**, at p99: **${(ours.p99 / peer.p99).toFixed(2)}×** (${N} sequential calls each after 50 warm-up calls; the sandbox runs in its own process).`
    writeSection("create-order", md)
    console.log(md)
  } finally {
    await sandbox.close()
  }
}

if (require.main === module) benchCreateOrder().catch((e) => ((process.exitCode = 1), console.error(e)))
