/**
 * The matrix's last results and how they were shown, kept in sessionStorage so that Back and
 * Forward (which unmount the view: App draws one view at a time) bring them back, as does a
 * reload of the tab. The matrix depends on k only (not on the scenario on screen), so one entry
 * holds it; the rows are checked on the way in, as anything stored may be stale or edited.
 */
import type { MatrixRow } from "../../explore/matrix.ts";
import { COLUMNS, DEFAULT_VIEW, type MatrixViewState } from "./matrixView.ts";

export const MATRIX_STORE_KEY = "mqtt-qos-lab.matrix";

export interface StoredMatrix {
  k: number;
  rows: MatrixRow[];
  view: MatrixViewState;
}

function isRow(value: unknown): value is MatrixRow {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    ["qos", "hops", "maxDrops", "plans", "lost", "once", "duplicated"].every(
      (f) => typeof r[f] === "number",
    ) &&
    ["session", "retransmit", "protocol"].every((f) => typeof r[f] === "string") &&
    (r.method === null || r.method === "A" || r.method === "B") &&
    typeof r.qos2Receiver === "boolean" &&
    (r.profile === undefined || typeof r.profile === "string") &&
    (r.subscriptionQos === null || typeof r.subscriptionQos === "number")
  );
}

function isView(value: unknown): value is MatrixViewState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.notExactlyOnce !== "boolean") return false;
  if (v.sort === null) return true;
  if (typeof v.sort !== "object" || v.sort === undefined) return false;
  const s = v.sort as Record<string, unknown>;
  return (
    COLUMNS.some((c) => c.id === s.column) && (s.direction === "ascending" || s.direction === "descending")
  );
}

/** What was stored, or null if nothing (or nothing usable) was. */
export function loadMatrix(storage: Pick<Storage, "getItem"> | null = sessionStore()): StoredMatrix | null {
  try {
    const text = storage?.getItem(MATRIX_STORE_KEY);
    if (!text) return null;
    const data = JSON.parse(text) as Record<string, unknown>;
    if (typeof data.k !== "number" || !Array.isArray(data.rows) || !data.rows.every(isRow)) return null;
    return { k: data.k, rows: data.rows, view: isView(data.view) ? data.view : DEFAULT_VIEW };
  } catch {
    return null;
  }
}

export function saveMatrix(
  value: StoredMatrix,
  storage: Pick<Storage, "setItem"> | null = sessionStore(),
): void {
  try {
    storage?.setItem(MATRIX_STORE_KEY, JSON.stringify(value));
  } catch {
    // Storage refused or full: the results hold while the view is open, as before.
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
