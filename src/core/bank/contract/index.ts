/** The bank's contract, written once: its paths, what a request must look like, what an answer looks like. */
export * from "./answers"
export * from "./paths"
export * from "./requests"
