import { describe, expect, it } from "vitest";
import { guaranteeOf, matrixRows } from "../../explore/matrix.ts";
import { loadMatrix, MATRIX_STORE_KEY, saveMatrix } from "./matrixStore.ts";
import { DEFAULT_VIEW, nextSort, viewRows } from "./matrixView.ts";

const rows = matrixRows(1);

describe("the matrix view", () => {
  it("keeps every row in the table's order by default", () => {
    expect(viewRows(rows, DEFAULT_VIEW)).toEqual(rows);
  });

  it("filters to the set-ups that are not exactly once, and only those", () => {
    const shown = viewRows(rows, { notExactlyOnce: true, sort: null });
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(rows.length);
    expect(shown.every((r) => guaranteeOf(r) !== "exactly once")).toBe(true);
    expect(shown.length + rows.filter((r) => guaranteeOf(r) === "exactly once").length).toBe(rows.length);
  });

  it("sorts by a numeric column both ways, ties in table order", () => {
    const up = viewRows(rows, { notExactlyOnce: false, sort: { column: "lost", direction: "ascending" } });
    const down = viewRows(rows, { notExactlyOnce: false, sort: { column: "lost", direction: "descending" } });
    for (let i = 1; i < up.length; i++) {
      expect(up[i - 1]!.lost).toBeLessThanOrEqual(up[i]!.lost);
      expect(down[i - 1]!.lost).toBeGreaterThanOrEqual(down[i]!.lost);
    }
    const tied = up.filter((r) => r.lost === 0);
    expect(tied).toEqual(rows.filter((r) => r.lost === 0));
  });

  it("sorts guarantees strongest first", () => {
    const up = viewRows(rows, {
      notExactlyOnce: false,
      sort: { column: "guarantee", direction: "ascending" },
    });
    expect(guaranteeOf(up[0]!)).toBe("exactly once");
    expect(guaranteeOf(up.at(-1)!)).not.toBe("exactly once");
  });

  it("cycles a header: ascending, descending, the table's order", () => {
    const a = nextSort(null, "plans");
    expect(a).toEqual({ column: "plans", direction: "ascending" });
    const d = nextSort(a, "plans");
    expect(d).toEqual({ column: "plans", direction: "descending" });
    expect(nextSort(d, "plans")).toBeNull();
    expect(nextSort(d, "qos")).toEqual({ column: "qos", direction: "ascending" });
  });
});

describe("the stored matrix", () => {
  function memory(): Storage {
    const map = new Map<string, string>();
    return {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
      clear: () => map.clear(),
      key: () => null,
      get length() {
        return map.size;
      },
    };
  }

  it("gives back what was saved: k, rows and view", () => {
    const store = memory();
    const view = { notExactlyOnce: true, sort: { column: "duplicated", direction: "descending" } } as const;
    saveMatrix({ k: 1, rows, view }, store);
    expect(loadMatrix(store)).toEqual({ k: 1, rows, view });
  });

  it("ignores what is missing, broken or not rows", () => {
    const store = memory();
    expect(loadMatrix(store)).toBeNull();
    store.setItem(MATRIX_STORE_KEY, "{not json");
    expect(loadMatrix(store)).toBeNull();
    store.setItem(MATRIX_STORE_KEY, JSON.stringify({ k: 1, rows: [{ qos: "2" }] }));
    expect(loadMatrix(store)).toBeNull();
  });

  it("falls back to the default view when the stored one is not a view", () => {
    const store = memory();
    store.setItem(MATRIX_STORE_KEY, JSON.stringify({ k: 2, rows, view: { sort: { column: "nope" } } }));
    expect(loadMatrix(store)).toEqual({ k: 2, rows, view: DEFAULT_VIEW });
  });
});
