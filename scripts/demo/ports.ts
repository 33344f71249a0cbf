import { createServer } from "node:net"

/** A port nobody listens on right now (for DEMO_*_PORT=0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Fails with what to do when something already listens on `port`. */
export function ensureFree(port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", () => reject(new Error(`port ${port} is in use: stop what uses it, or choose another port with ${variable}=<port> (0 = any free port)`)))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()))
  })
}
