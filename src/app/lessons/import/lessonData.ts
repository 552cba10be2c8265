/**
 * A lesson carried in a link: `?view=lessons&lessonData=<base64url of the lesson JSON, UTF-8>`.
 * Base64url (RFC 4648 §5, no padding) keeps the value free of characters a link escapes, and UTF-8
 * keeps any locale's text. Pure.
 */

/**
 * The longest link offered for copying. Chromium opens far longer ones (2 MB, measured in
 * e2e/lesson-builder.spec.ts), but the servers a lab is hosted on refuse a request line long
 * before that: Node's HTTP server (the dev and preview servers) answers 431 past its 16 KB header
 * limit, and common hosts and proxies stop at 8 KB. A longer lesson is shared as a file.
 */
export const MAX_LESSON_LINK = 8000;

export function encodeLessonData(json: string): string {
  const bytes = new TextEncoder().encode(json);
  let binary = "";
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** The JSON text a `lessonData` value carries, or why it carries none. Never throws. */
export function decodeLessonData(value: string): Decoded {
  const data = value.trim();
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(data) || data.replace(/=+$/, "").length % 4 === 1) {
    return {
      ok: false,
      message: "expected the lesson's JSON in base64url (A–Z, a–z, 0–9, - and _); the link is cut or changed",
    };
  }
  const base64 = data.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  try {
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return {
      ok: false,
      message: "the decoded bytes are not UTF-8 text; the link is cut or changed",
    };
  }
}

/** The link that opens `json` (a lesson's text) on this lab's course page. */
export function lessonLink(json: string, base: string): string {
  const url = new URL(base);
  url.hash = "";
  url.search = `?view=lessons&lessonData=${encodeLessonData(json)}`;
  return url.toString();
}
