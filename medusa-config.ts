import { randomBytes } from "node:crypto"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const env = process.env

/** Values copied from samples and tutorials: anyone can sign an admin token with them. */
const PLACEHOLDER_SECRETS = new Set(["supersecret", "secret", "changeme", "change-me", "jwt_secret", "cookie_secret", "test"])
const MIN_SECRET_LENGTH = 32

/**
 * JWT and cookie secrets. Outside development and tests Medusa refuses to start without real
 * ones; in development a missing secret becomes a random one for this process only (logins do
 * not survive a restart), never a well-known word.
 */
function httpSecret(name: "JWT_SECRET" | "COOKIE_SECRET"): string {
  const value = env[name]?.trim()
  const relaxed = env.NODE_ENV === "development" || env.NODE_ENV === "test"
  // kept in the environment so a second load of this file in the same process agrees
  if (relaxed) return value || (env[name] = randomBytes(32).toString("hex"))
  if (!value || PLACEHOLDER_SECRETS.has(value.toLowerCase()) || value.length < MIN_SECRET_LENGTH) {
    const problem = !value ? "is not set" : "is a placeholder or shorter than 32 characters"
    throw new Error(
      `${name} ${problem} (NODE_ENV=${env.NODE_ENV ?? "unset"}). Set JWT_SECRET and COOKIE_SECRET to two different ` +
        `random values of at least ${MIN_SECRET_LENGTH} characters, e.g. the output of \`openssl rand -hex 32\`; ` +
        `without them anyone can sign an admin token.`
    )
  }
  return value
}

const numberFrom = (name: string) => (env[name] ? Number(env[name]) : undefined)

/** The reconciler's tuning from the environment (README, "Deploying"); unset = the module's defaults. */
function reconcileOptions() {
  const options = {
    recheckAfterMs: env.ALLIANCEPAY_RECHECK_AFTER_MS ? env.ALLIANCEPAY_RECHECK_AFTER_MS.split(",").map(Number) : undefined,
    concurrency: numberFrom("ALLIANCEPAY_RECONCILE_CONCURRENCY"),
    pageSize: numberFrom("ALLIANCEPAY_RECONCILE_PAGE_SIZE"),
    leaseMs: numberFrom("ALLIANCEPAY_RECONCILE_LEASE_MS"),
  }
  return Object.values(options).some((v) => v !== undefined) ? options : undefined
}

/**
 * The repository also runs as a Medusa server (demo store and integration tests). Alliance Pay
 * is switched on when its credentials are in the environment, e.g. those the sandbox prints.
 * In your own app, the same two registrations use the package paths (see the README).
 */
const alliancePay = env.ALLIANCEPAY_SERVICE_CODE
  ? [
      {
        resolve: "./src/modules/alliance-pay",
        options: {
          apiUrl: env.ALLIANCEPAY_API_URL,
          serviceCode: env.ALLIANCEPAY_SERVICE_CODE,
          merchantId: env.ALLIANCEPAY_MERCHANT_ID,
          merchantPrivateKey: env.ALLIANCEPAY_PRIVATE_KEY,
          timeoutMs: env.ALLIANCEPAY_TIMEOUT_MS ? Number(env.ALLIANCEPAY_TIMEOUT_MS) : undefined,
          expiryGraceMs: env.ALLIANCEPAY_EXPIRY_GRACE_MS ? Number(env.ALLIANCEPAY_EXPIRY_GRACE_MS) : undefined,
          readWindowMs: env.ALLIANCEPAY_READ_WINDOW_MS ? Number(env.ALLIANCEPAY_READ_WINDOW_MS) : undefined,
          orphanRefund: env.ALLIANCEPAY_ORPHAN_REFUND_AFTER_MS
            ? { enabled: env.ALLIANCEPAY_ORPHAN_REFUND !== "false", afterMs: Number(env.ALLIANCEPAY_ORPHAN_REFUND_AFTER_MS) }
            : env.ALLIANCEPAY_ORPHAN_REFUND === "false"
              ? { enabled: false }
              : undefined,
          reconcile: reconcileOptions(),
          renewSessionWithinMs: numberFrom("ALLIANCEPAY_RENEW_SESSION_WITHIN_MS"),
        },
      },
      {
        resolve: "@medusajs/medusa/payment",
        // the provider keeps its records in the alliancePay module
        dependencies: ["alliancePay"],
        options: {
          webhook_delay: env.MEDUSA_WEBHOOK_DELAY_MS ? Number(env.MEDUSA_WEBHOOK_DELAY_MS) : undefined,
          providers: [
            {
              resolve: "./src/providers/alliance-pay",
              id: "alliancepay",
              options: {
                successUrl: env.ALLIANCEPAY_SUCCESS_URL || "http://localhost:8000/checkout/alliancepay?cart_id={cart_id}",
                backendUrl: env.ALLIANCEPAY_BACKEND_URL || env.MEDUSA_BACKEND_URL || "http://localhost:9000",
                callbackEncryption: env.ALLIANCEPAY_CALLBACK_ENCRYPTION === "true",
                captureMode: env.ALLIANCEPAY_CAPTURE_MODE || undefined,
                holdLifetimeHours: env.ALLIANCEPAY_HOLD_HOURS ? Number(env.ALLIANCEPAY_HOLD_HOURS) : undefined,
              },
            },
            {
              // pay-by-bank (A2A): the deep link to a banking app, the NBU QR on a computer
              resolve: "./src/providers/alliance-pay-a2a",
              id: "a2a",
              options: {
                successUrl: env.ALLIANCEPAY_SUCCESS_URL || "http://localhost:8000/checkout/alliancepay?cart_id={cart_id}",
                backendUrl: env.ALLIANCEPAY_BACKEND_URL || env.MEDUSA_BACKEND_URL || "http://localhost:9000",
                callbackEncryption: env.ALLIANCEPAY_CALLBACK_ENCRYPTION === "true",
                priorityBankCode: env.ALLIANCEPAY_A2A_PRIORITY_BANK || undefined,
              },
            },
          ],
        },
      },
    ]
  : []

/**
 * Production topology (README, "Deploying"): with REDIS_URL, Medusa's own Redis modules replace the
 * in-memory ones, so that server-mode instances (API routes) and worker-mode instances (subscribers,
 * scheduled jobs) share events, workflows and locks. MEDUSA_WORKER_MODE = shared | server | worker.
 * Without REDIS_URL nothing changes: one shared process with the in-memory modules (tests, the demo).
 */
const redisUrl = env.REDIS_URL
const workerMode = (["shared", "server", "worker"] as const).find((m) => m === env.MEDUSA_WORKER_MODE)
const redisModules = redisUrl
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        // events a worker handles at once (BullMQ's default is one at a time)
        options: { redisUrl, ...(env.MEDUSA_EVENT_CONCURRENCY ? { workerOptions: { concurrency: Number(env.MEDUSA_EVENT_CONCURRENCY) } } : {}) },
      },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: { providers: [{ resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } }] },
      },
      // Medusa's caching module is still behind its (work in progress) feature flag
      ...(env.MEDUSA_FF_CACHING === "true"
        ? [
            {
              resolve: "@medusajs/medusa/caching",
              options: { providers: [{ resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl } }] },
            },
          ]
        : []),
    ]
  : []

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL || "postgres://postgres@localhost:5432/medusa_alliancepay",
    ...(redisUrl ? { redisUrl, workerMode: workerMode ?? "shared" } : {}),
    http: {
      storeCors: env.STORE_CORS || "http://localhost:8000",
      adminCors: env.ADMIN_CORS || "http://localhost:9000",
      authCors: env.AUTH_CORS || "http://localhost:9000,http://localhost:8000",
      jwtSecret: httpSecret("JWT_SECRET"),
      cookieSecret: httpSecret("COOKIE_SECRET"),
    },
  },
  // worker-mode instances serve no admin; a server may also be told not to (DISABLE_MEDUSA_ADMIN=true)
  admin: { disable: env.DISABLE_MEDUSA_ADMIN === "true" || (!!redisUrl && workerMode === "worker") },
  modules: [
    ...redisModules,
    ...alliancePay,
    // Medusa's role-based access control (a feature flag in 2.21): defineConfig decides whether to load
    // the rbac module before the flag is registered, so with the flag on the module is named here
    ...(env.MEDUSA_FF_RBAC === "true" ? [{ resolve: "@medusajs/medusa/rbac" }] : []),
  ],
})
