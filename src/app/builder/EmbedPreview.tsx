/** The live embed: an iframe of embed.html with the builder's parameters, sized as the copied script sizes it. */
import { useEffect, useRef, useState } from "react";
import { HEIGHT_MESSAGE } from "../../share/embedCode.ts";

export function EmbedPreview({ src, width }: { src: string; width: number | undefined }) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(520);
  useEffect(() => {
    // The same listener the copied code adds to a host page: only this iframe's height message.
    const onMessage = (e: MessageEvent<unknown>) => {
      if (e.source !== frameRef.current?.contentWindow) return;
      const data = e.data as { type?: unknown; height?: unknown } | null;
      if (data?.type === HEIGHT_MESSAGE && typeof data.height === "number") setHeight(data.height);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);
  return (
    <iframe
      ref={frameRef}
      className="builder-frame"
      src={src}
      title="Preview: the embed with these choices"
      style={{ width: width === undefined ? "100%" : `${width}px`, height }}
      data-testid="builder.embed-preview"
    />
  );
}
