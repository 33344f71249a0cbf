// one implementation for the demo, the integration helpers and the browser tests
export { freePort } from "../../../scripts/demo/ports"
