/**
 * Property-based fuzzing (fast-check, fixed seeds so a failure replays) of everything that reads
 * input from outside: the bank callback decoder, the provider's webhook entry, the webhook's size
 * and depth bounds, and every admin body/query validator. Each property runs ≥ 1,000 generated
 * inputs; "expected" failures are the documented refusals (AlliancePayError, a zod issue, a 4xx).
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AdminAlliancePayEmptyBody, AdminAlliancePayNoQuery, AdminCreateCreditMemo } from "../../src/api/admin/alliance-pay/validators"
import { boundedAlliancePayCallback, CALLBACK_MAX_DEPTH, jsonTextDepthExceeds, valueDepthExceeds } from "../../src/api/callback-limits"
import { AlliancePayClient, AlliancePayError, generateEcKeyPair, type EcJwk } from "../../src/core/bank"
import { encryptJson, importPublicKey } from "../../src/core/bank/jwe"
import { AlliancePayProviderService } from "../../src/providers/alliance-pay"

const RUNS = 1_000
const run = (seed: number) => ({ numRuns: RUNS, seed, endOnFailure: true })

/** The depth of a JSON value, walked without recursion. */
function depthOf(value: unknown): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length) {
    const [node, d] = stack.pop()!
    if (node && typeof node === "object") {
      max = Math.max(max, d + 1)
      for (const child of Object.values(node)) stack.push([child, d + 1])
    }
  }
  return max
}

const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }), fc.constantFrom("", "SUCCESS", "SUСCESS", "FAIL", "PURCHASE"))
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String))
/** Bank-callback-shaped objects with hostile values: the fields the decoder looks at, any types. */
const callbackLike = fc.record(
  {
    hppOrderId: scalar,
    merchantRequestId: scalar,
    orderStatus: scalar,
    coinAmount: scalar,
    merchantId: scalar,
    operations: fc.oneof(fc.array(fc.dictionary(fc.constantFrom("type", "status", "coinAmount", "operationId", "merchantRequestId"), scalar)), fc.object(), scalar),
    operation: fc.oneof(fc.dictionary(fc.constantFrom("type", "status", "coinAmount"), scalar), scalar),
    jwe: fc.oneof(text, fc.array(fc.base64String({ maxLength: 40 }), { minLength: 5, maxLength: 5 }).map((p) => p.join("."))),
  },
  { requiredKeys: [] }
)
/** Callbacks as the bank sends them (every documented variant), with hostile extras. */
const operationLike = fc.record(
  { type: fc.constantFrom("PURCHASE", "REFUND"), status: fc.constantFrom("SUCCESS", "SUСCESS", "FAIL", "PENDING"), coinAmount: fc.oneof(fc.nat(), fc.nat().map(String)), operationId: fc.uuid(), extra: scalar },
  { requiredKeys: ["type", "status"] }
)
const validCallback = fc
  .record({
    hppOrderId: fc.string({ minLength: 1, maxLength: 40 }),
    orderStatus: fc.constantFrom("SUCCESS", "PENDING", "FAIL", "REQUIRED_3DS"),
    coinAmount: fc.oneof(fc.nat(), fc.nat().map(String)),
    merchantRequestId: fc.option(fc.uuid()),
    operations: fc.oneof(fc.array(operationLike, { maxLength: 3 }), operationLike),
    unknownField: scalar,
  })
  .chain((cb) => fc.constantFrom<unknown>(cb, JSON.stringify(cb), new TextEncoder().encode(JSON.stringify(cb))))
/** What can arrive as a body: any JSON (depth within the webhook's bound), text, bytes, callback-shaped objects. */
const callbackBody = fc.oneof(
  fc.jsonValue({ depthSize: "medium" }).filter((v) => depthOf(v) <= CALLBACK_MAX_DEPTH),
  fc.json({ depthSize: "medium" }),
  text,
  fc.uint8Array({ maxLength: 400 }),
  callbackLike,
  callbackLike.map((v) => JSON.stringify(v)),
  validCallback,
  fc.array(fc.base64String({ maxLength: 60 }), { minLength: 5, maxLength: 5 }).map((p) => p.join("."))
)

let bank: Server
let bankRequests = 0
let privateJwk: EcJwk
let publicJwk: EcJwk

beforeAll(async () => {
  // a "bank" that only counts: decoding a callback must never call it
  bank = createServer((req, res) => {
    bankRequests++
    res.writeHead(500).end()
  })
  await new Promise<void>((r) => bank.listen(0, "127.0.0.1", r))
  ;({ privateJwk, publicJwk } = await generateEcKeyPair())
})
afterAll(() => new Promise<void>((r) => bank.close(() => r())))

const client = () =>
  new AlliancePayClient({
    baseUrl: `http://127.0.0.1:${(bank.address() as AddressInfo).port}`,
    serviceCode: "svc",
    merchantId: "merchant",
    merchantPrivateKey: privateJwk,
  })

/** Resolves to a parsed callback or rejects with the client's own error: anything else is a bug. */
async function decodeOutcome(c: AlliancePayClient, body: unknown): Promise<"decoded" | "refused"> {
  try {
    const decoded = await c.decodeCallback(body as string)
    expect(Array.isArray(decoded.operations)).toBe(true)
    return "decoded"
  } catch (e) {
    if (e instanceof AlliancePayError) return "refused"
    throw e
  }
}

describe("fuzz: the bank callback decoder", () => {
  it("decodes or refuses with AlliancePayError, never calls the bank (plain bodies)", async () => {
    const c = client()
    const seen = { decoded: 0, refused: 0 }
    await fc.assert(
      fc.asyncProperty(callbackBody, async (body) => {
        seen[await decodeOutcome(c, body)]++
      }),
      run(1301)
    )
    expect(seen.decoded + seen.refused).toBeGreaterThanOrEqual(RUNS)
    expect(seen.decoded).toBeGreaterThan(0)
    expect(bankRequests).toBe(0)
  })

  it("decodes or refuses with AlliancePayError, never calls the bank (encrypted bodies)", async () => {
    const c = client()
    const key = await importPublicKey(publicJwk)
    const payload = fc.oneof(callbackLike, fc.jsonValue({ depthSize: "small" }).filter((v) => depthOf(v) <= CALLBACK_MAX_DEPTH))
    await fc.assert(
      fc.asyncProperty(payload, fc.boolean(), async (value, wrapped) => {
        const jwe = await encryptJson(value, key)
        await decodeOutcome(c, wrapped ? { jwe } : jwe)
      }),
      run(1302)
    )
    expect(bankRequests).toBe(0)
  }, 300_000) // 1,000 P-384 key agreements, on a busy machine
})

describe("fuzz: the provider's webhook entry", () => {
  it("answers every body with an action, never throws, and writes nothing", async () => {
    const writes: string[] = []
    const bankClient = client()
    // the alliancePay module as the provider sees it: reads answer "no such bank order"; any other call is a write
    const module = new Proxy(
      {},
      {
        get: (_t, prop) => {
          if (prop === "bank") return bankClient
          if (prop === "then") return undefined
          if (String(prop).startsWith("list")) return async () => []
          return async () => void writes.push(String(prop))
        },
      }
    )
    const quiet = { warn: () => undefined, info: () => undefined, error: () => undefined, debug: () => undefined }
    const provider = new AlliancePayProviderService({ logger: quiet, alliancePay: module } as never, {
      successUrl: "https://shop.example.ua/r?cart_id={cart_id}",
      backendUrl: "https://api.shop.example.ua",
    } as never)
    const actions = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(callbackBody, fc.boolean(), async (body, asRaw) => {
        const rawData = asRaw ? (typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body)) : undefined
        const data = typeof body === "object" && body && !(body instanceof Uint8Array) ? (body as Record<string, unknown>) : {}
        const result = await provider.getWebhookActionAndData({ data, rawData: rawData as never, headers: {} })
        actions.set(result.action, (actions.get(result.action) ?? 0) + 1)
      }),
      run(1303)
    )
    expect([...actions.keys()]).toEqual(["not_supported"])
    expect(writes).toEqual([])
    expect(bankRequests).toBe(0)
    // the body that overflowed the stack once: far past the webhook's depth bound, and still just ignored
    const deep = `{"hppOrderId":"x","a":${"[".repeat(40_000)}${"]".repeat(40_000)}}`
    expect(await provider.getWebhookActionAndData({ data: {}, rawData: deep as never, headers: {} })).toEqual({ action: "not_supported" })
  })
})

describe("fuzz: the webhook's size and depth bounds", () => {
  it("the text depth count agrees with the parsed depth, on any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: "large" }), fc.integer({ min: 0, max: 20 }), (value, max) => {
        const d = depthOf(value)
        expect(jsonTextDepthExceeds(JSON.stringify(value), max)).toBe(d > max)
        expect(valueDepthExceeds(value, max)).toBe(d > max)
      }),
      run(1304)
    )
  })

  it("the middleware either passes a body on or answers 4xx, never throws", () => {
    const body = fc.oneof(fc.string({ maxLength: 2000 }), fc.json({ depthSize: "large" }), fc.nat({ max: 60 }).map((n) => "[".repeat(n) + "]".repeat(n)))
    fc.assert(
      fc.property(body, fc.constantFrom("alliancepay_alliancepay", "alliancepay_x", "stripe"), (raw, provider) => {
        let status = 0
        let passed = false
        const res = { status: (s: number) => ((status = s), res), json: () => res }
        boundedAlliancePayCallback({ params: { provider }, rawBody: Buffer.from(raw) } as never, res as never, () => void (passed = true))
        expect(passed !== (status !== 0)).toBe(true)
        if (!passed) expect([400, 413]).toContain(status)
        if (provider === "stripe") expect(passed).toBe(true)
      }),
      run(1305)
    )
  })
})

describe("fuzz: admin validators", () => {
  const memoLike = fc.record(
    {
      mode: fc.oneof(fc.constantFrom("online", "offline"), scalar),
      items: fc.oneof(
        fc.array(fc.record({ item_id: fc.oneof(text, fc.string({ minLength: 90, maxLength: 120 })), quantity: fc.oneof(fc.integer(), fc.double(), text) }, { requiredKeys: [] }), { maxLength: 520 }),
        scalar
      ),
      shipping: fc.oneof(scalar, fc.stringMatching(/^\d{1,12}(\.\d{1,3})?$/)),
      adjustment_refund: fc.oneof(scalar, fc.stringMatching(/^\d{1,12}(\.\d{1,3})?$/)),
      adjustment_fee: scalar,
      refund_reason_id: fc.oneof(text, fc.string({ minLength: 95, maxLength: 110 })),
      note: fc.oneof(text, fc.string({ minLength: 1990, maxLength: 2010 })),
      amount: scalar,
      total: scalar,
    },
    { requiredKeys: [] }
  )
  const validMemo = fc.record(
    {
      mode: fc.constantFrom("online", "offline"),
      items: fc.array(fc.record({ item_id: fc.string({ minLength: 1, maxLength: 100 }), quantity: fc.nat({ max: 1_000_000 }) }), { maxLength: 20 }),
      shipping: fc.stringMatching(/^\d{1,10}(\.\d{1,2})?$/),
      adjustment_fee: fc.nat({ max: 1_000_000 }),
      note: fc.string({ maxLength: 2000 }),
    },
    { requiredKeys: ["mode"] }
  )
  const anyInput = fc.oneof(validMemo, fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, maxDepth: 6 }), memoLike)
  const MONEY = /^\d{1,10}(\.\d{1,2})?$/

  it("credit memo: accepts only bounded, known fields; never throws", () => {
    let accepted = 0
    fc.assert(
      fc.property(anyInput, (input) => {
        const parsed = AdminCreateCreditMemo.safeParse(input)
        if (!parsed.success) return
        accepted++
        const memo = parsed.data
        expect(["online", "offline"]).toContain(memo.mode)
        expect(memo.items.length).toBeLessThanOrEqual(500)
        for (const item of memo.items) {
          expect(item.item_id.length).toBeGreaterThan(0)
          expect(item.item_id.length).toBeLessThanOrEqual(100)
          expect(Number.isInteger(item.quantity)).toBe(true)
        }
        for (const amount of [memo.shipping, memo.adjustment_refund, memo.adjustment_fee]) if (amount !== undefined) expect(amount).toMatch(MONEY)
        expect((memo.note ?? "").length).toBeLessThanOrEqual(2000)
        expect((memo.refund_reason_id ?? "").length).toBeLessThanOrEqual(100)
        expect(Object.keys(memo).every((k) => ["mode", "items", "shipping", "adjustment_refund", "adjustment_fee", "refund_reason_id", "note"].includes(k))).toBe(true)
      }),
      run(1306)
    )
    expect(accepted).toBeGreaterThan(0)
  })

  it("empty bodies and query-less routes: accept exactly an empty object; never throw", () => {
    for (const [schema, seed] of [
      [AdminAlliancePayEmptyBody, 1307],
      [AdminAlliancePayNoQuery, 1308],
    ] as const) {
      fc.assert(
        fc.property(anyInput, (input) => {
          const parsed = schema.safeParse(input)
          if (parsed.success) expect(parsed.data).toEqual({})
          if (parsed.success) expect(Object.keys(input as object)).toEqual([])
        }),
        run(seed)
      )
    }
  })
})
