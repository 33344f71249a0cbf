/** Step-by-step progress on stdout: what runs, how long it took, and one-line facts in between. */
export class Progress {
  private readonly started = performance.now()
  private index = 0

  constructor(
    private readonly total: number,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)
  ) {}

  async step<T>(title: string, work: () => Promise<T>, summary?: (result: T) => string): Promise<T> {
    const n = ++this.index
    const t0 = performance.now()
    this.write(`[${n}/${this.total}] ${title}…`)
    try {
      const result = await work()
      const note = summary ? `: ${summary(result)}` : ""
      this.write(`      ✓ ${title}${note} (${seconds(performance.now() - t0)})`)
      return result
    } catch (e) {
      this.write(`      ✗ ${title} failed after ${seconds(performance.now() - t0)}`)
      throw e
    }
  }

  info(line: string): void {
    this.write(`      ${line}`)
  }

  /** time since the demo started */
  elapsed(): string {
    return seconds(performance.now() - this.started)
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
