/**
 * Preloaded (NODE_OPTIONS) into both instances of the memory benchmark, never into the app: on SIGUSR2 a full
 * garbage collection, then one line with the process's memory on stdout (the instance's log), so that both are
 * sampled in the same heap state instead of wherever their garbage collectors happened to be.
 */
process.on("SIGUSR2", () => {
  global.gc()
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage()
  process.stdout.write(`[memory-bench] ${JSON.stringify({ rss, heapUsed, heapTotal, external })}\n`)
})
