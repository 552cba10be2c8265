// @vitest-environment jsdom
import { act } from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JsonEditor, splitProblem } from "./JsonEditor.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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

function render(problems: readonly string[] | null): HTMLTextAreaElement {
  act(() => root.render(<JsonEditor text={() => "{"} onType={() => undefined} problems={problems} />));
  const textarea = container.querySelector("textarea");
  if (!textarea) throw new Error("no textarea");
  return textarea;
}

describe("JsonEditor", () => {
  it("marks the editor and points it at the problems shown right after it", () => {
    const textarea = render(["timing.latencyMs: expected a number > 0 and <= 60000; got -1"]);
    expect(textarea.getAttribute("aria-invalid")).toBe("true");
    expect(textarea.classList.contains("is-invalid")).toBe(true);
    const list = document.getElementById(textarea.getAttribute("aria-describedby") ?? "");
    expect(list?.getAttribute("role")).toBe("alert");
    // The list is the editor's next sibling: next to it, not elsewhere on the page.
    expect(textarea.nextElementSibling).toBe(list);
    expect(list?.querySelector("li")?.dataset.field).toBe("timing.latencyMs");
    expect(list?.querySelector(".problem-field")?.textContent).toBe("timing.latencyMs");
  });

  it("is not marked when there are no problems, or when they are shown elsewhere", () => {
    for (const problems of [[], null]) {
      const textarea = render(problems);
      expect(textarea.hasAttribute("aria-invalid")).toBe(false);
      expect(textarea.hasAttribute("aria-describedby")).toBe(false);
      expect(textarea.classList.contains("is-invalid")).toBe(false);
    }
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });
});

describe("JsonEditor's text", () => {
  const editor = (text: string) => <JsonEditor text={() => text} onType={() => undefined} problems={null} />;
  /** The textarea's value right after the urgent render of `text`, and once everything is drawn. */
  function update(textarea: HTMLTextAreaElement, text: string): { urgent: string; settled: string } {
    let urgent = "";
    act(() => {
      flushSync(() => root.render(editor(text)));
      urgent = textarea.value;
    });
    return { urgent, settled: textarea.value };
  }

  async function opened(): Promise<HTMLTextAreaElement> {
    act(() => root.render(editor("{}")));
    const details = container.querySelector("details");
    const textarea = container.querySelector("textarea");
    if (!details || !textarea) throw new Error("no editor");
    details.open = true;
    // The toggle event comes after the attribute changes, in a task of its own.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(textarea.value).toBe("{}");
    return textarea;
  }

  it("follows a new scenario one render later, out of the click's frame", async () => {
    const textarea = await opened();
    expect(update(textarea, '{"a":1}')).toEqual({ urgent: "{}", settled: '{"a":1}' });
  });

  it("follows every key at once while the reader types in it", async () => {
    const textarea = await opened();
    act(() => textarea.focus());
    expect(update(textarea, "{ typed")).toEqual({ urgent: "{ typed", settled: "{ typed" });
    act(() => textarea.blur());
    expect(update(textarea, "{}")).toEqual({ urgent: "{ typed", settled: "{}" });
  });
});

describe("splitProblem", () => {
  it("names the field of every formatted problem, the whole scenario for the root", () => {
    expect(splitProblem('faults[0].packet: expected one of PUBLISH; got "X"')).toEqual({
      field: "faults[0].packet",
      message: 'expected one of PUBLISH; got "X"',
    });
    expect(splitProblem("scenario: invalid JSON at line 1, column 2: expected a property name").field).toBe(
      "the scenario as a whole",
    );
  });

  it("leaves a sentence that names no field as it is", () => {
    expect(splitProblem("The simulator failed: boom")).toEqual({
      field: null,
      message: "The simulator failed: boom",
    });
  });
});
