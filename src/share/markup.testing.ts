/** Test only: the element code read back as a browser reads it. */

/** Reads the attributes back out of the markup, as a browser's parser would. */
export function parseMarkup(html: string): Record<string, string> {
  const open = /^<mqtt-qos-handshake((?:\s+[a-z0-9-]+(?:="[^"]*")?)*)><\/mqtt-qos-handshake>$/.exec(html);
  if (!open) throw new Error(`not one element: ${html}`);
  const attributes: Record<string, string> = {};
  for (const m of (open[1] ?? "").matchAll(/\s+([a-z0-9-]+)(?:="([^"]*)")?/g)) {
    attributes[m[1]!] = (m[2] ?? "")
      .replace(/&lt;/g, "<")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  }
  return attributes;
}
