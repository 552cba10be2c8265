// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encode } from "../../protocol/wire.ts";
import type { PacketEvent, Protocol } from "../../sim/types.ts";
import { PacketInspector } from "./PacketInspector.tsx";

// Tells React that updates are wrapped in act(), as Testing Library would.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function publishEvent(protocol: Protocol): PacketEvent {
  const { hex, bytes } = encode({
    packet: "PUBLISH",
    protocol,
    qos: 2,
    dup: true,
    packetId: 1,
    topic: "plant/batch",
    payload: "01234567890123456789",
  });
  return {
    t: 0,
    type: "packet",
    hop: "publisher-broker",
    from: "publisher",
    to: "broker",
    packet: "PUBLISH",
    message: 1,
    packetId: 1,
    qos: 2,
    dup: true,
    retain: false,
    bytes: bytes.length,
    hex,
    arrives: 10,
    dropped: false,
    attempt: 2,
  };
}

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** Renders and waits for the lazily loaded decoding view, as the page does. */
async function render(packet: PacketEvent | null, protocol: Protocol = "5.0"): Promise<void> {
  await act(async () => {
    root.render(<PacketInspector packet={packet} protocol={protocol} />);
    await import("./Inspection.tsx");
  });
}

function rows(): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[data-testid="inspector.field"]')];
}

function row(name: string): HTMLElement {
  const found = rows().find((r) => r.dataset.field === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

function activeBytes(): number[] {
  return [...container.querySelectorAll('[data-testid="inspector.byte"]')]
    .map((el, i) => (el.classList.contains("is-active") ? i : -1))
    .filter((i) => i >= 0);
}

describe("PacketInspector", () => {
  it("shows a hint when no packet is selected", async () => {
    await render(null);
    expect(container.textContent).toContain("Focus or hover a packet in the diagram to see its bytes");
    expect(container.querySelector('[data-testid="inspector.field"]')).toBeNull();
  });

  it("shows a PUBLISH's summary, bytes and fields as stacked rows, each with its value, meaning and spec", async () => {
    await render(publishEvent("5.0"));
    expect(container.querySelector('[data-testid="inspector.summary"]')?.textContent).toBe(
      "PUBLISH, QoS 2, DUP, packet id 1, 38 bytes",
    );
    expect(container.querySelectorAll('[data-testid="inspector.byte"]')).toHaveLength(38);
    // No wide table: every field is a list item whose facts are labelled terms.
    expect(container.querySelector("table")).toBeNull();
    for (const r of rows()) {
      expect(r.tagName).toBe("LI");
      expect([...r.querySelectorAll("dt")].map((dt) => dt.textContent)).toEqual(["Value", "Meaning", "Spec"]);
    }
    expect(rows().map((r) => r.dataset.field)).toEqual([
      "Packet type and flags",
      "Remaining Length",
      "Topic name length",
      "Topic name",
      "Packet identifier",
      "Properties length",
      "Payload",
    ]);
    expect(row("Topic name").textContent).toContain('"plant/batch"');
    expect(row("Topic name").querySelector(".inspector-field-name")?.textContent).toBe("Topic name");
    expect(row("Topic name").querySelector(".inspector-meaning")?.textContent).not.toBe("");
    expect(row("Packet identifier").textContent).toContain("00 01");
    expect(row("Payload").textContent).toContain("5.0 §3.3.3");
    expect(rows().every((r) => r.tabIndex === 0)).toBe(true);
  });

  it("breaks the first byte into type, DUP, QoS and RETAIN", async () => {
    await render(publishEvent("3.1.1"), "3.1.1");
    const bits = container.querySelector('[data-testid="inspector.bits"]');
    const names = [...(bits?.querySelectorAll(".inspector-bit") ?? [])].map(
      (li) => li.querySelector(".inspector-field-name")?.textContent,
    );
    expect(names).toEqual(["Packet type", "DUP", "QoS", "RETAIN"]);
    expect(bits?.textContent).toContain("3.1.1 §3.3.1.1");
    expect(bits?.textContent).toContain("2 = exactly once");
  });

  it("highlights a field's bytes when its row is focused or hovered", async () => {
    await render(publishEvent("5.0"));
    act(() => row("Topic name").focus());
    expect(activeBytes()).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(row("Topic name").classList.contains("is-active")).toBe(true);
    act(() => {
      row("Packet identifier").dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    });
    expect(activeBytes()).toEqual([15, 16]);
  });

  it("highlights a byte's field row when the byte is hovered or focused", async () => {
    await render(publishEvent("5.0"));
    const bytes = container.querySelectorAll<HTMLElement>('[data-testid="inspector.byte"]');
    act(() => {
      bytes[17]?.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    });
    expect(row("Properties length").classList.contains("is-active")).toBe(true);
    act(() => {
      bytes[17]?.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, relatedTarget: document.body }));
    });
    act(() => bytes[0]?.focus());
    expect(row("Packet type and flags").classList.contains("is-active")).toBe(true);
    act(() => {
      bytes[0]?.dispatchEvent(new KeyboardEvent("keydown", { key: "End", bubbles: true }));
    });
    expect(document.activeElement).toBe(bytes[37]);
    expect(row("Payload").classList.contains("is-active")).toBe(true);
  });

  it("shows what it could decode of a malformed packet, and why", async () => {
    await render({ ...publishEvent("5.0"), hex: "3b 24 00 0b 70" });
    expect(container.querySelector(".inspector-error")?.textContent).toMatch(/^Truncated/);
    expect(rows().at(-1)?.dataset.field).toBe("Undecoded bytes");
  });
});
