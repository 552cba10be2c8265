import { describe, expect, it } from "vitest";
import {
  OFFLINE_POLICY,
  SERVED_POLICY,
  hashSource,
  hostHeaders,
  inlineContent,
  offlinePolicy,
  serializePolicy,
  servedCsp,
  withPolicyMeta,
} from "./csp.ts";

const PAGE = (head: string, body = "") =>
  `<!doctype html><html><head><meta charset="UTF-8" />${head}</head><body>${body}</body></html>`;

describe("the pages' Content-Security-Policy", () => {
  it("allows no inline script, no eval and no inline style anywhere", () => {
    for (const policy of [SERVED_POLICY, OFFLINE_POLICY]) {
      const text = serializePolicy(policy);
      expect(text).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
      expect(policy["default-src"]).toEqual(["'none'"]);
    }
  });

  it("writes a directive with no source as 'none'", () => {
    expect(
      serializePolicy({ "default-src": ["'none'"], "script-src": [], "img-src": ["data:", "blob:"] }),
    ).toBe("default-src 'none'; script-src 'none'; img-src data: blob:");
  });

  it("hashes as the CSP specification's example does", () => {
    // CSP Level 3, "hash-source" example.
    expect(hashSource("alert('Hello, world.');")).toBe(
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    );
  });

  it("reads inline scripts and styles as a browser parses them, strings that look like tags included", async () => {
    const script = 'const a = "</style><style>x{}</style>"; const b = `<\\/script>`;';
    const html = PAGE(
      `<script type="module">${script}</script><style>p{color:red}</style><script src="/x.js"></script>`,
    );
    const inline = await inlineContent(html);
    expect(inline.scripts).toEqual([script]);
    expect(inline.styles).toEqual(["p{color:red}"]);
    expect(inline.inlineAttributes).toEqual([]);
  });

  it("the offline policy allows exactly the file's inline script and stylesheet, by hash", async () => {
    const html = PAGE("<script>run()</script><style>a{}</style>");
    const policy = await offlinePolicy(html);
    expect(policy["script-src"]).toEqual([hashSource("run()")]);
    expect(policy["style-src"]).toEqual([hashSource("a{}")]);
    expect(policy["worker-src"]).toEqual(["blob:"]);
    expect(policy["connect-src"]).toEqual(["'none'"]);
  });

  it("refuses an offline file with a style or event-handler attribute, which no hash allows", async () => {
    await expect(offlinePolicy(PAGE("", '<div style="color:red"></div>'))).rejects.toThrow(/<div style>/);
    await expect(offlinePolicy(PAGE("", '<img src="x" onerror="f()">'))).rejects.toThrow(/<img onerror>/);
  });

  it("puts the policy's <meta> right after <meta charset>, before any script", () => {
    const html = withPolicyMeta(PAGE("<script src=/a.js></script>"), SERVED_POLICY);
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(html.indexOf("<meta charset"));
    expect(meta).toBeLessThan(html.indexOf("<script"));
    expect(html).toContain(`content="${serializePolicy(SERVED_POLICY)}"`);
    expect(() => withPolicyMeta("<html><head></head></html>", SERVED_POLICY)).toThrow(/charset/);
  });

  it("tells a host to let any site frame the embed and none the app", () => {
    expect(hostHeaders("embed")["Content-Security-Policy"]).toMatch(/; frame-ancestors \*$/);
    expect(hostHeaders("embed")["X-Frame-Options"]).toBeUndefined();
    expect(hostHeaders("app")["Content-Security-Policy"]).toMatch(/; frame-ancestors 'none'$/);
    expect(hostHeaders("app")["X-Frame-Options"]).toBe("DENY");
  });
});

describe("the builds' CSP plugins", () => {
  /** Plugin names in the order Vite runs them (nested arrays flattened). */
  const names = (plugins: unknown): string[] =>
    (Array.isArray(plugins) ? plugins.flat(Infinity) : [])
      .map((p: unknown) => (p && typeof p === "object" && "name" in p ? String(p.name) : ""))
      .filter(Boolean);

  it("the served build puts SERVED_POLICY in each page", async () => {
    const { default: config } = await import("../vite.config.ts");
    expect(names(config.plugins)).toContain("lab:csp");
    const plugin = servedCsp();
    const hook = plugin.transformIndexHtml;
    const handler = typeof hook === "object" && hook !== null && "handler" in hook ? hook.handler : null;
    expect(plugin.apply).toBe("build"); // the dev server's inline Fast Refresh script stays allowed
    const html = await (handler as ((html: string) => string | Promise<string>) | null)?.(PAGE(""));
    expect(html).toContain(`content="${serializePolicy(SERVED_POLICY)}"`);
  });

  it("the offline build hashes after inlining and leaves the served policy out", async () => {
    const { default: config } = await import("../vite.offline.config.ts");
    const order = names((config as { plugins?: unknown }).plugins);
    expect(order).not.toContain("lab:csp");
    expect(order.indexOf("lab:csp-offline")).toBeGreaterThan(order.indexOf("vite:singlefile"));
    expect(order.indexOf("vite:singlefile")).toBeGreaterThanOrEqual(0);
  });
});
