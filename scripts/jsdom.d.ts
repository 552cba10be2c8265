// The one jsdom API scripts/csp.ts uses (jsdom ships no types; vitest uses it as its environment).
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string);
    readonly window: Window & typeof globalThis;
  }
}
