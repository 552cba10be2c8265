import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeHref } from "./Markdown.tsx";

const html = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe("Markdown", () => {
  it("draws paragraphs, bold, emphasis, code and lists as elements", () => {
    expect(html("Hello **PUBACK** *lost* `DUP=1`\n\n- one\n- two\n\n1. a\n2. b")).toBe(
      '<div class="md"><p>Hello <strong>PUBACK</strong> <em>lost</em> <code>DUP=1</code></p>' +
        "<ul><li><span>one</span></li><li><span>two</span></li></ul>" +
        "<ol><li><span>a</span></li><li><span>b</span></li></ol></div>",
    );
  });

  it("shows markup as text, never as elements", () => {
    const out = html('Click <img src=x onerror="alert(1)"> and <script>alert(1)</script>');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).toContain("&lt;img src=x");
  });

  it("keeps code spans literal", () => {
    expect(html("`<b>x</b>`")).toBe('<div class="md"><p><code>&lt;b&gt;x&lt;/b&gt;</code></p></div>');
  });

  it("links http(s) only, opening in a new tab; any other scheme stays text", () => {
    expect(html("[spec](https://docs.oasis-open.org/mqtt/)")).toContain(
      '<a href="https://docs.oasis-open.org/mqtt/" target="_blank" rel="noopener noreferrer">spec</a>',
    );
    const bad = html("[run](javascript:alert(1))");
    expect(bad).not.toContain("<a");
    expect(bad).toContain("run");
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
    expect(safeHref("http://example.com/a")).toBe("http://example.com/a");
  });

  it("shows headings and other blocks the format leaves out as written", () => {
    expect(html("# Title")).toBe('<div class="md"><p class="md-raw"># Title</p></div>');
  });
});
