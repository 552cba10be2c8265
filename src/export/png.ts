/**
 * An exported SVG (src/export/svg.ts) as a PNG, drawn by the browser: the SVG is loaded as an
 * image and painted on a canvas at `scale` times its size (2 by default, sharp on high-density
 * screens and slides). Browser only. Self-contained on purpose (no imports, no module state):
 * the browser tests run this very function in a page.
 */

/** Resolves to a PNG Blob; rejects when the SVG has no size or the browser cannot draw it. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error("svgToPng: the SVG has no width and height");
  if (!(scale > 0)) throw new Error(`svgToPng: scale must be positive; got ${scale}`);

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
