/** The live lab's pure part (issue 13): real trace type, diff against the model, report, --broker. */
export type { RealOnlyPacket, RealPacketEvent, RealTrace, RealTraceEvent } from "./realTrace.ts";
export type { Difference, DifferenceKind, FlagName } from "./difference.ts";
export { DIFFERENCE_KINDS } from "./difference.ts";
export { diffTraces } from "./diff.ts";
export { drawableTrace, type DrawableTrace } from "./drawableTrace.ts";
export { modelScenarioFor, type RunCuts } from "./modelScenario.ts";
export { liveReport, withoutCredentials, type LiveReportFormat } from "./report.ts";
export { parseBrokerUrl, type BrokerScheme, type BrokerTarget, type BrokerUrlResult } from "./brokerUrl.ts";
export {
  FAULT_MODES,
  LIVE_CLIENTS,
  LIVE_META_NAME,
  LIVE_PROTOCOL_VERSION,
  LiveEndpointSchema,
  MAX_LOSS_RATE,
  MAX_RUN_MS,
  parseClientMessage,
  parseServerMessage,
  type BrokerChoice,
  type ClientMessage,
  type FaultMode,
  type LiveClient,
  type LiveEndpoint,
  type LiveRequest,
  type LiveResult,
  type ServerMessage,
} from "./protocol.ts";
