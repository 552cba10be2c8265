/**
 * The live element: a <mqtt-qos-handshake> made with exactly the attributes of the copied tag
 * (set one by one, never parsed from markup), made again whenever they change.
 */
import { useEffect, useRef } from "react";
import { ELEMENT_NAME } from "../../share/attributes.ts";
import type { Theme } from "../../share/displayVocabulary.ts";

interface ElementPreviewProps {
  attributes: Readonly<Record<string, string>>;
  /** The preview's background follows the chosen theme, as a host page's would. */
  theme: Theme;
}

export function ElementPreview({ attributes, theme }: ElementPreviewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(attributes);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const element = document.createElement(ELEMENT_NAME);
    for (const [name, value] of Object.entries(JSON.parse(key) as Record<string, string>)) {
      element.setAttribute(name, value);
    }
    host.replaceChildren(element);
    return () => element.remove();
  }, [key]);
  return (
    <div ref={hostRef} className="builder-element" data-theme={theme} data-testid="builder.element-preview" />
  );
}
