export { BankOrder } from "./bank-order"
export { BankRefund } from "./bank-refund"
export { DeviceSession } from "./device-session"
