#!/usr/bin/env node
// Prints the size of the offline build (npm run build:offline): the one HTML file, raw and gzip.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import process from "node:process";

const file = process.argv[2] ?? "dist-offline/mqtt-qos-lab.html";
let bytes;
try {
  bytes = readFileSync(file);
} catch (error) {
  console.error(`offline-size: cannot read ${file}: ${error.message}`);
  process.exit(1);
}
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const gzip = gzipSync(bytes, { level: 9 }).length;
console.log(`offline: ${file}  ${kB(bytes.length)}  (gzip ${kB(gzip)})`);
