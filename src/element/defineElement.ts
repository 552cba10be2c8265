/**
 * Entry of the custom-element build (vite.element.config.ts): registers <mqtt-qos-handshake>.
 * Safe to import anywhere: on a server (no window, no customElements) it does nothing, and no
 * DOM global is touched at import time outside the guard.
 */
import { createHandshakeElement, ELEMENT_NAME } from "./MqttQosHandshake.ts";

export { ELEMENT_NAME };

/** Registers the element once; false where there is no custom element registry (e.g. Node). */
export function defineElement(name: string = ELEMENT_NAME): boolean {
  if (typeof window === "undefined" || typeof customElements === "undefined") return false;
  if (!customElements.get(name)) customElements.define(name, createHandshakeElement());
  return true;
}

defineElement();
