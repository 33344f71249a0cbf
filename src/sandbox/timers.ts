/**
 * Every timer the sandbox starts goes through here: unref'd so that tests can exit,
 * and all cleared by close()/reset() so nothing fires into a stopped sandbox.
 */
export class Timers {
  private readonly handles = new Set<NodeJS.Timeout>()

  after(ms: number, fn: () => void): () => void {
    const handle = setTimeout(() => {
      this.handles.delete(handle)
      fn()
    }, Math.max(0, ms))
    handle.unref()
    this.handles.add(handle)
    return () => {
      clearTimeout(handle)
      this.handles.delete(handle)
    }
  }

  /** Never resolves if cleared first: whatever awaited it belongs to a stopped sandbox. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => this.after(ms, resolve))
  }

  clearAll(): void {
    for (const handle of this.handles) clearTimeout(handle)
    this.handles.clear()
  }
}
