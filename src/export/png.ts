/**
 * An exported SVG (src/export/svg.ts) as a PNG, drawn by the browser: the SVG is loaded as an
 * image and painted on a canvas at `scale` times its size (2 by default, sharp on high-density
 * screens and slides). Browser only. Self-contained on purpose (no imports, no module state):
 * the browser tests run this very function in a page.
 */

/**
 * Resolves to a PNG Blob; rejects when the SVG has no size, is too large for a canvas even at its
 * own size, or the browser cannot draw it. A picture too large for a canvas at `scale` is drawn at
 * the largest scale that fits (at least 1).
 */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  // Chromium's and Firefox's canvas limits: 32,767 px a side and 268,435,456 px in all; past them
  // the canvas stays blank (or toBlob gives null) without an error of its own.
  const MAX_SIDE = 32_767;
  const MAX_AREA = 268_435_456;
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error("svgToPng: the SVG has no width and height");
  if (!(scale > 0)) throw new Error(`svgToPng: scale must be positive; got ${scale}`);
  const fits = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  if (fits < 1) {
    const px = (n: number) => Math.round(n).toLocaleString("en-US");
    throw new Error(
      `svgToPng: the diagram is ${px(width)} × ${px(height)} px; a PNG holds at most ` +
        `${px(MAX_SIDE)} px a side: export the SVG instead`,
    );
  }
  scale = fits;

  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.decoding = "sync";
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("svgToPng: no 2D canvas in this browser");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => {
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error("svgToPng: encoding failed"))),
        "image/png",
      );
    });
  } finally {
    URL.revokeObjectURL(url);
  }
}
