/**
 * What the matrix table shows of the rows: the filter ("not exactly once") and the sort by one
 * column. Pure, so that the table, its tests and the stored view agree.
 */
import { guaranteeOf, type MatrixRow } from "../../explore/matrix.ts";

export type MatrixColumn =
  | "broker"
  | "qos"
  | "hops"
  | "session"
  | "resend"
  | "method"
  | "plans"
  | "lost"
  | "once"
  | "duplicated"
  | "guarantee";

export interface MatrixSort {
  column: MatrixColumn;
  direction: "ascending" | "descending";
}

export interface MatrixViewState {
  /** Only the set-ups that are not exactly once. */
  notExactlyOnce: boolean;
  /** Null: the table's own order (QoS, hops, resend, session, method). */
  sort: MatrixSort | null;
}

export const DEFAULT_VIEW: MatrixViewState = { notExactlyOnce: false, sort: null };

export const COLUMNS: readonly { id: MatrixColumn; label: string; numeric: boolean }[] = [
  { id: "broker", label: "Broker", numeric: false },
  { id: "qos", label: "QoS", numeric: true },
  { id: "hops", label: "Hops", numeric: false },
  { id: "session", label: "Session", numeric: false },
  { id: "resend", label: "Resend", numeric: false },
  { id: "method", label: "QoS 2 method", numeric: false },
  { id: "plans", label: "Plans", numeric: true },
  { id: "lost", label: "Lost", numeric: true },
  { id: "once", label: "Once", numeric: true },
  { id: "duplicated", label: "Duplicated", numeric: true },
  { id: "guarantee", label: "Guarantee", numeric: false },
];

/** The columns a table of these rows shows: the broker's only when the rows name broker profiles. */
export function columnsFor(rows: readonly MatrixRow[]): typeof COLUMNS {
  const byBroker = rows.some((r) => r.profile !== undefined);
  return COLUMNS.filter((c) => c.id !== "broker" || byBroker);
}

/** Strongest first, so an ascending sort puts the guarantee a design wants on top. */
const GUARANTEE_RANK = { "exactly once": 0, "at least once": 1, "at most once": 2, neither: 3 } as const;

/** The value a column sorts by: numbers compare as numbers, the rest as text. */
function key(row: MatrixRow, column: MatrixColumn): number | string {
  switch (column) {
    case "broker":
      return row.profile ?? "";
    case "qos":
      return row.qos;
    case "hops":
      // One hop first, then two hops by subscription QoS.
      return row.subscriptionQos === null ? -1 : row.subscriptionQos;
    case "session":
      return row.session;
    case "resend":
      return row.retransmit;
    case "method":
      // No method (no QoS 2 receiver) after A and B.
      return row.method ?? "~";
    case "guarantee":
      return GUARANTEE_RANK[guaranteeOf(row)];
    default:
      return row[column];
  }
}

/** The rows shown: filtered, then sorted stably (ties keep the table's own order). Pure. */
export function viewRows(rows: readonly MatrixRow[], view: MatrixViewState): MatrixRow[] {
  const kept = view.notExactlyOnce ? rows.filter((r) => guaranteeOf(r) !== "exactly once") : [...rows];
  const { sort } = view;
  if (sort === null) return kept;
  const sign = sort.direction === "ascending" ? 1 : -1;
  // Array.prototype.sort is stable (ES2019), so equal keys keep their order.
  return kept.sort((a, b) => {
    const x = key(a, sort.column);
    const y = key(b, sort.column);
    return sign * (x < y ? -1 : x > y ? 1 : 0);
  });
}

/** A header click: a new column sorts ascending, the same one flips, a third click restores the order. */
export function nextSort(current: MatrixSort | null, column: MatrixColumn): MatrixSort | null {
  if (current?.column !== column) return { column, direction: "ascending" };
  return current.direction === "ascending" ? { column, direction: "descending" } : null;
}
