// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary, reasonOf } from "./ErrorBoundary.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container: HTMLDivElement;
beforeEach(() => {
  // React reports every caught error to the console; these tests cause them on purpose.
  vi.spyOn(console, "error").mockImplementation(() => {});
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = "";
  vi.restoreAllMocks();
});

/** Throws while `input` is "bad", else draws it. */
function Part({ input }: { input: string }) {
  if (input === "bad") throw new RangeError("payloadBytes: expected an integer ≥ 0; got 0.5");
  return <p data-testid="part">{input}</p>;
}

interface PageProps {
  input: string;
  onRestore?(): void;
  onDrawn?(): void;
}

function Page({ input, onRestore, onDrawn }: PageProps) {
  return (
    <>
      <p data-testid="around">around</p>
      <ErrorBoundary what="The plant calculator" onRestore={onRestore} onDrawn={onDrawn} resetKeys={[input]}>
        <Part input={input} />
      </ErrorBoundary>
    </>
  );
}

const draw = (props: PageProps) => act(() => root?.render(<Page {...props} />));
const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent;
const alert = () => container.querySelector('[role="alert"]');
const button = (name: string) =>
  [...container.querySelectorAll("button")].find((b) => b.textContent === name) ?? null;

describe("ErrorBoundary", () => {
  it("replaces only the failing part by one sentence naming it and the error, with no stack", () => {
    draw({ input: "bad", onRestore: () => {} });
    expect(text("around")).toBe("around");
    expect(text("part")).toBeUndefined();
    expect(alert()?.querySelector("p")?.textContent).toBe(
      "The plant calculator failed: payloadBytes: expected an integer ≥ 0; got 0.5.",
    );
    expect(alert()?.textContent).not.toMatch(/ at |\.tsx|RangeError/);
    expect(button("Try again")).not.toBeNull();
    expect(button("Restore the last good input")).not.toBeNull();
  });

  it("offers only Try again when its owner cannot restore an input", () => {
    draw({ input: "bad" });
    expect(button("Try again")).not.toBeNull();
    expect(button("Restore the last good input")).toBeNull();
  });

  it("tells its owner after each draw that did not fail, never after one that did", () => {
    const onDrawn = vi.fn();
    draw({ input: "good", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(1);
    draw({ input: "bad", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(1);
    draw({ input: "better", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(2);
  });

  it("draws the part afresh when a reset key changes", () => {
    draw({ input: "bad" });
    expect(alert()).not.toBeNull();
    draw({ input: "fixed" });
    expect(alert()).toBeNull();
    expect(text("part")).toBe("fixed");
  });

  it("Restore the last good input asks the owner for it, then draws the part again", () => {
    let input = "bad";
    const onRestore = vi.fn(() => {
      input = "last good";
    });
    draw({ input, onRestore });
    act(() => button("Restore the last good input")?.click());
    expect(onRestore).toHaveBeenCalledTimes(1);
    draw({ input, onRestore });
    expect(alert()).toBeNull();
    expect(text("part")).toBe("last good");
  });

  it("Try again draws the part again, and fails again on the same input", () => {
    let fail = true;
    function Flaky() {
      if (fail) throw new Error("not yet");
      return <p data-testid="part">drawn</p>;
    }
    act(() =>
      root?.render(
        <ErrorBoundary what="The state panel">
          <Flaky />
        </ErrorBoundary>,
      ),
    );
    act(() => button("Try again")?.click());
    expect(alert()?.textContent).toContain("The state panel failed: not yet.");
    fail = false;
    act(() => button("Try again")?.click());
    expect(text("part")).toBe("drawn");
  });
});

describe("reasonOf", () => {
  it("gives one plain line ending with a full stop, whatever was thrown", () => {
    expect(reasonOf(new Error("a\n  b"))).toBe("a b.");
    expect(reasonOf(new Error("done."))).toBe("done.");
    expect(reasonOf("text")).toBe("text.");
    expect(reasonOf(undefined)).toBe("undefined.");
    expect(reasonOf(new Error(""))).toBe("an unexpected error.");
  });

  it("clips a long message", () => {
    const reason = reasonOf(new Error("x".repeat(10_000)));
    expect(reason.length).toBeLessThanOrEqual(201);
    expect(reason.endsWith("…")).toBe(true);
  });
});
