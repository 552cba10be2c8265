// mqtt-packet's types name Node's global `Buffer`; in the browser build it is the `buffer` package.
import type { Buffer as BufferPolyfill } from "buffer";

declare global {
  type Buffer = BufferPolyfill;
}
export {};
