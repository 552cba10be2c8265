import { expect, type FrameLocator, type Locator, type Page } from "@playwright/test";

/** The embed builder dialog (src/app/builder/): its choices, its two previews and its copy buttons. */
export class BuilderPage {
  readonly dialog: Locator;
  readonly frame: Locator;
  readonly frameContent: FrameLocator;
  /** The <mqtt-qos-handshake> in the element preview (Playwright's CSS pierces its shadow root). */
  readonly element: Locator;
  readonly embedCode: Locator;
  readonly elementCode: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole("dialog", { name: "Embed builder" });
    this.frame = page.getByTestId("builder.embed-preview");
    this.frameContent = page.frameLocator('[data-testid="builder.embed-preview"]');
    this.element = page.getByTestId("builder.element-preview").locator("mqtt-qos-handshake");
    this.embedCode = page.getByTestId("builder.embed-code");
    this.elementCode = page.getByTestId("builder.element-code");
  }

  async open(): Promise<void> {
    await this.page.getByTestId("open-builder").click();
    await expect(this.dialog).toBeVisible();
    await expect(this.element.locator("svg.seq")).toBeVisible();
  }

  field(name: "from" | "to" | "width"): Locator {
    return this.page.getByTestId(`builder.${name}`);
  }

  problem(name: "from" | "to" | "width"): Locator {
    return this.page.getByTestId(`builder.${name}-problem`);
  }

  choice(name: string): Locator {
    return this.page.getByTestId(`builder.${name}`);
  }

  copyButton(which: "embed" | "element"): Locator {
    return this.page.getByTestId(`builder.copy-${which}`);
  }

  /** The preview iframe's parameters (the embed's own and the scenario's). */
  async frameParams(): Promise<Record<string, string>> {
    const src = await this.frame.getAttribute("src");
    return Object.fromEntries(new URL(src ?? "about:blank").searchParams);
  }

  /** How many steps the trace has, as the builder tells beside the range. */
  async stepCount(): Promise<number> {
    const hint = await this.dialog.getByText(/^1 to \d+;/).textContent();
    return Number(/^1 to (\d+);/.exec(hint ?? "")?.[1]);
  }
}
