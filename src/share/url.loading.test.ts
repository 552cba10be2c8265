// What a link loads before readUrl can read it (share/README.md): nothing for a link with no
// scenario field, the scenario reader and validator for one with scenario fields, the repair too
// for one with a bad parameter. Each test reads a fresh url.ts: the test set-up loads everything.
import { beforeEach, describe, expect, it, vi } from "vitest";

type UrlModule = typeof import("./url.ts");
let url: UrlModule;

beforeEach(async () => {
  vi.resetModules();
  url = await import("./url.ts");
});

describe("reading a link loads what it needs, and only that", () => {
  it("reads a link with no scenario field at once, with nothing loaded", () => {
    expect(url.readUrl("")).toEqual({ notices: [] });
    expect(url.readUrl("?view=explore&t=40&present=1")).toEqual({
      view: "explore",
      t: 40,
      present: true,
      notices: [],
    });
    expect(url.readUrl("?nope=1").notices).toHaveLength(1);
  });

  it("a link with scenario fields is read once prepareLink has loaded its reader", async () => {
    expect(() => url.readUrl("?publishQos=2&faults=PUBREC")).toThrow(/prepareLink/);
    await url.prepareLink("?publishQos=2&faults=PUBREC");
    const state = url.readUrl("?publishQos=2&faults=PUBREC");
    expect(state.notices).toEqual([]);
    expect(state.scenario?.publishQos).toBe(2);
    expect(state.scenario?.faults).toEqual([
      { hop: "publisher-broker", packet: "PUBREC", message: 1, attempt: 1 },
    ]);
  });

  it("a link with a bad parameter also needs what leaves it out, which prepareLink loads", async () => {
    await url.prepareLink("?publishQos=2");
    expect(() => url.readUrl("?publishQos=7&faults=PUBREC")).toThrow(/prepareLink/);
    await url.prepareLink("?publishQos=7&faults=PUBREC");
    const state = url.readUrl("?publishQos=7&faults=PUBREC");
    expect(state.notices).toEqual(["publishQos: expected one of 0, 1, 2; got 7"]);
    expect(state.scenario?.publishQos).toBe(1);
    expect(state.scenario?.faults).toHaveLength(1);
  });
});
