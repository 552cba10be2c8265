/** The live lab's pure part (issue 13): real trace type, diff against the model, report, --broker. */
export type { RealOnlyPacket, RealPacketEvent, RealTrace, RealTraceEvent } from "./realTrace.ts";
export type { Difference, DifferenceKind, FlagName } from "./difference.ts";
export { DIFFERENCE_KINDS } from "./difference.ts";
export { diffTraces } from "./diff.ts";
export { liveReport, withoutCredentials, type LiveReportFormat } from "./report.ts";
export { parseBrokerUrl, type BrokerScheme, type BrokerTarget, type BrokerUrlResult } from "./brokerUrl.ts";
