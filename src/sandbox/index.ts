export { startSandbox, type Sandbox, type SandboxMerchant } from "./server"
export { CALLBACK_SHAPES, DEFAULT_CONFIG, type CallbackShape, type RuntimeConfig, type SandboxOptions } from "./options"
export { BANK_PATHS, type BankPath } from "../core/bank/contract/paths"
export { TEST_CARDS, type TestCard } from "../core/bank/contract/test-cards"
