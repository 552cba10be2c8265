/**
 * SSR safety: a docs site that renders on a server imports the element's module in plain Node
 * (this file runs in Vitest's node environment: no window, no document, no customElements).
 */
import { describe, expect, it } from "vitest";

describe("defineElement in plain Node", () => {
  it("imports without touching window or document, and registers nothing", async () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
    const mod = await import("./defineElement.ts");
    expect(mod.ELEMENT_NAME).toBe("mqtt-qos-handshake");
    expect(mod.defineElement()).toBe(false);
  });

  it("maps attributes to a scenario and names bad attributes", async () => {
    const { readAttributes } = await import("../share/attributes.ts");
    const attrs = (a: Record<string, string>) => (name: string) => a[name] ?? null;
    const good = readAttributes(
      attrs({ qos: "2", drop: "PUBREC,broker-subscriber/PUBACK/1/2", "subscriber-qos": "1" }),
    );
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.options.scenario.publishQos).toBe(2);
      expect(good.options.scenario.subscriber).toEqual({ qos: 1 });
      expect(good.options.scenario.faults).toHaveLength(2);
    }
    const bad = readAttributes(attrs({ qos: "7", theme: "pink", drop: "FOO" }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems).toContain("qos: expected one of 0, 1, 2; got 7");
      expect(bad.problems.some((p) => p.startsWith("theme: expected one of light, dark, auto"))).toBe(true);
      expect(bad.problems.some((p) => p.startsWith('drop: "FOO"'))).toBe(true);
    }
  });
});
