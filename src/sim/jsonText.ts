/**
 * JSON text to a value, or one message saying where the syntax goes wrong (line and column) and
 * what was expected there. Engines word and place JSON.parse errors differently (V8 often omits
 * the position), so the position is found by a small scanner of our own, run only on failure.
 */

import { errorText } from "./scenarioErrors.ts";

type JsonTextResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJsonText(text: string): JsonTextResult {
  // Editors on Windows may save a byte order mark, which JSON.parse refuses.
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch (error) {
    return { ok: false, message: jsonErrorMessage(source, error) };
  }
}

function jsonErrorMessage(source: string, error: unknown): string {
  const found = locateJsonError(source);
  if (found === undefined) return `invalid JSON: ${errorText(error)}`;
  const { line, column } = lineAndColumn(source, found.offset);
  return `invalid JSON at line ${line}, column ${column}: ${found.reason}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 0x0a) [line, lineStart] = [line + 1, i + 1];
  }
  return { line, column: offset - lineStart + 1 };
}

interface JsonError {
  offset: number;
  reason: string;
}

/**
 * Finds the first syntax error in JSON text. Engines word (and place) JSON.parse errors
 * differently and V8 often omits the position, so we find it ourselves. Iterative, so deep
 * nesting cannot overflow the stack; only called after JSON.parse has failed.
 */
function locateJsonError(text: string): JsonError | undefined {
  try {
    new JsonScanner(text).document();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, reason: error.reason };
  }
  return undefined; // JSON.parse failed for another reason (too large?): its own message will do
}

class JsonSyntaxError extends Error {
  readonly offset: number;
  readonly reason: string;

  constructor(offset: number, reason: string) {
    super(reason);
    this.offset = offset;
    this.reason = reason;
  }
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_LITERALS = ["true", "false", "null"];

class JsonScanner {
  private pos = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  document(): void {
    const stack: ("{" | "[")[] = [];
    this.value(stack);
    for (;;) {
      this.skipSpace();
      const open = stack.at(-1);
      if (open === undefined) break;
      const close = open === "{" ? "}" : "]";
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        stack.pop();
      } else if (c === ",") {
        this.pos++;
        if (open === "{") this.member();
        this.value(stack);
      } else {
        this.fail(`expected "," or "${close}"`);
      }
    }
    if (this.pos < this.text.length) this.fail("expected the end of the text after the JSON value");
  }

  /** Reads one value; an opened container is pushed, and its first entry is read in its place. */
  private value(stack: ("{" | "[")[]): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === "{" || c === "[") {
        this.pos++;
        this.skipSpace();
        if (this.text[this.pos] === (c === "{" ? "}" : "]")) {
          this.pos++;
          return;
        }
        stack.push(c);
        if (c === "{") this.member();
        continue;
      }
      if (c === '"') return this.string();
      return this.scalar();
    }
  }

  private member(): void {
    this.skipSpace();
    if (this.text[this.pos] !== '"') this.fail("expected a property name in double quotes");
    this.string();
    this.skipSpace();
    if (this.text[this.pos] !== ":") this.fail('expected ":" after the property name');
    this.pos++;
  }

  private string(): void {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] ?? "";
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c < " ") this.fail("control characters must be escaped inside a string");
      if (c === "\\") {
        const escape = this.text.slice(this.pos + 1, this.pos + 6);
        if (/^u[0-9a-fA-F]{4}/.test(escape)) this.pos += 6;
        else if (/^["\\/bfnrt]/.test(escape)) this.pos += 2;
        else this.fail("invalid escape sequence in a string");
      } else this.pos++;
    }
    this.pos = start;
    this.fail("this string is never closed", false);
  }

  private scalar(): void {
    for (const literal of JSON_LITERALS) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    JSON_NUMBER.lastIndex = this.pos;
    if (JSON_NUMBER.test(this.text)) {
      this.pos = JSON_NUMBER.lastIndex;
      return;
    }
    this.fail("expected a value");
  }

  private skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private fail(expectation: string, showGot = true): never {
    const code = this.text.codePointAt(this.pos);
    const got = code === undefined ? "the end of the text" : JSON.stringify(String.fromCodePoint(code));
    throw new JsonSyntaxError(this.pos, showGot ? `${expectation}; got ${got}` : expectation);
  }
}
