#!/usr/bin/env node
// Prints the size of the custom-element build (npm run build:element): each script, raw and gzip.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import process from "node:process";

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : ["dist-element/mqtt-qos-handshake.js", "dist-element/mqtt-qos-handshake.iife.js"];
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const file of files) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`element-size: cannot read ${file}: ${error.message}`);
    process.exit(1);
  }
  const gzip = gzipSync(bytes, { level: 9 }).length;
  console.log(`element: ${file}  ${kB(bytes.length)}  (gzip ${kB(gzip)})`);
}
