/**
 * JWE encrypt + decrypt of a refund-sized body, on one core (this process only).
 * Target: ≥ 300 round trips/s and p50 ≤ 3 ms. Peer: the same round trip done with
 * node:crypto directly (tests/support/bank/independent-jwe.ts), measured in the same run.
 */
import { decryptJson, encryptJson, generateEcKeyPair, importPrivateKey, importPublicKey } from "../src/core/bank/jwe"
import { formatRefundDate } from "../src/core/bank/dates"
import * as independent from "../tests/support/bank/independent-jwe"
import { writeSection } from "./lib/report"
import { fmt, summarise } from "./lib/stats"

const ROUNDS = Number(process.env.BENCH_JWE_ROUNDS ?? 2000)

const refundBody = {
  merchantRequestId: "7f1c2f0e-4d55-4b1e-9a3a-3f6f3c2b9d10",
  merchantId: "0b5f1f7e-2a57-4a0c-8d6f-1c1d2e3f4a5b",
  operationId: "1767000050000XyZaBcDeFgH",
  coinAmount: 12550,
  date: formatRefundDate(),
  notificationUrl: "https://shop.example.ua/hooks/payment/alliancepay_alliancepay",
  merchantComment: "Refund for order #1042, purchase 1767000050000XyZaBcDeFgH",
}

async function measure(roundTrip: () => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await roundTrip() // warm-up
  const samples: number[] = []
  const started = performance.now()
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now()
    await roundTrip()
    samples.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  return { ...summarise(samples), perSecond: ROUNDS / seconds }
}

export async function benchJwe() {
  const { privateJwk, publicJwk } = await generateEcKeyPair()
  const [priv, pub] = [await importPrivateKey(privateJwk), await importPublicKey(publicJwk)]
  const ours = await measure(async () => decryptJson(await encryptJson(refundBody, pub), priv))
  const peer = await measure(async () => independent.decryptJson(independent.encryptJson(refundBody, publicJwk), privateJwk))
  const ok = ours.perSecond >= 300 && ours.p50 <= 3
  const md = `## JWE round trip (refund-sized body, one core)

| implementation | round trips/s | p50 | p99 |
|---|---|---|---|
| plugin (\`jose\`, ECDH-ES+A256KW / A256GCM, P-384) | ${ours.perSecond.toFixed(0)} | ${fmt(ours.p50)} | ${fmt(ours.p99)} |
| peer: bare \`node:crypto\` (test-only implementation) | ${peer.perSecond.toFixed(0)} | ${fmt(peer.p50)} | ${fmt(peer.p99)} |

Ratio plugin / peer (time per round trip): **${(peer.perSecond / ours.perSecond).toFixed(2)}×**. Target ≥ 300/s and p50 ≤ 3 ms: **${ok ? "met" : "NOT met"}** (${ROUNDS} sequential round trips after 50 warm-up ones; body ${JSON.stringify(refundBody).length} bytes).`
  writeSection("jwe", md)
  console.log(md)
  return { ours, peer, ok }
}

if (require.main === module) benchJwe().catch((e) => ((process.exitCode = 1), console.error(e)))
