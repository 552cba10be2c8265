// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary.tsx";
import { reasonOf } from "./ErrorNotice.tsx";

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
      <ErrorBoundary what="The plant calculator" onRestore={onRestore} onDrawn={onDrawn} resetKey={input}>
        <Part input={input} />
      </ErrorBoundary>
    </>
  );
}

/** Lets the lazily loaded notice come in, as it does on the page after a failure. */
async function settle() {
  await act(async () => {
    await import("./ErrorNotice.tsx");
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function draw(props: PageProps) {
  act(() => root?.render(<Page {...props} />));
  await settle();
}
const text = (testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent;
const alert = () => container.querySelector('[role="alert"]');
const button = (name: string) =>
  [...container.querySelectorAll("button")].find((b) => b.textContent === name) ?? null;

describe("ErrorBoundary", () => {
  it("replaces only the failing part by one sentence naming it and the error, with no stack", async () => {
    await draw({ input: "bad", onRestore: () => {} });
    expect(text("around")).toBe("around");
    expect(text("part")).toBeUndefined();
    expect(alert()?.querySelector("p")?.textContent).toBe(
      "The plant calculator failed: payloadBytes: expected an integer ≥ 0; got 0.5.",
    );
    expect(alert()?.textContent).not.toMatch(/ at |\.tsx|RangeError/);
    expect(button("Try again")).not.toBeNull();
    expect(button("Restore the last good input")).not.toBeNull();
  });

  it("offers only Try again when its owner cannot restore an input", async () => {
    await draw({ input: "bad" });
    expect(button("Try again")).not.toBeNull();
    expect(button("Restore the last good input")).toBeNull();
  });

  it("tells its owner after each redraw that did not fail, never after one that did", async () => {
    const onDrawn = vi.fn();
    // The first draw is of the owner's first input, which it keeps as good already.
    await draw({ input: "first", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(0);
    await draw({ input: "good", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(1);
    await draw({ input: "bad", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(1);
    await draw({ input: "better", onDrawn });
    expect(onDrawn).toHaveBeenCalledTimes(2);
  });

  it("draws the part afresh when a reset key changes", async () => {
    await draw({ input: "bad" });
    expect(alert()).not.toBeNull();
    await draw({ input: "fixed" });
    expect(alert()).toBeNull();
    expect(text("part")).toBe("fixed");
  });

  it("Restore the last good input asks the owner for it, then draws the part again", async () => {
    let input = "bad";
    const onRestore = vi.fn(() => {
      input = "last good";
    });
    await draw({ input, onRestore });
    act(() => button("Restore the last good input")?.click());
    await settle();
    expect(onRestore).toHaveBeenCalledTimes(1);
    await draw({ input, onRestore });
    expect(alert()).toBeNull();
    expect(text("part")).toBe("last good");
  });

  it("Try again draws the part again, and fails again on the same input", async () => {
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
    await settle();
    act(() => button("Try again")?.click());
    await settle();
    expect(alert()?.textContent).toContain("The state panel failed: not yet.");
    fail = false;
    act(() => button("Try again")?.click());
    expect(text("part")).toBe("drawn");
  });
});

describe("reasonOf", () => {
  it("gives one plain line ending with a full stop, whatever was thrown", async () => {
    expect(reasonOf(new Error("a\n  b"))).toBe("a b.");
    expect(reasonOf(new Error("done."))).toBe("done.");
    expect(reasonOf("text")).toBe("text.");
    expect(reasonOf(undefined)).toBe("undefined.");
    expect(reasonOf(new Error(""))).toBe("an unexpected error.");
  });

  it("clips a long message", async () => {
    const reason = reasonOf(new Error("x".repeat(10_000)));
    expect(reason.length).toBeLessThanOrEqual(201);
    expect(reason.endsWith("…")).toBe(true);
  });
});
