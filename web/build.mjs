// Assembles web/dist/index.html from the page template and the WebAssembly module: the
// module goes in as base64, so the result is one file that works from file:// and from
// any static host. Usage: node web/build.mjs MODULE.wasm TEMPLATE.html OUT.html
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const [wasmPath, templatePath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node web/build.mjs MODULE.wasm TEMPLATE.html OUT.html');
  process.exit(2);
}
const wasm = readFileSync(wasmPath);
if (!WebAssembly.validate(wasm)) {
  console.error(`${wasmPath}: not a valid WebAssembly module`);
  process.exit(1);
}
const template = readFileSync(templatePath, 'utf8');
const marker = '"__WASM_BASE64__"';
if (template.split(marker).length !== 2) {
  console.error(`${templatePath}: expected the marker ${marker} exactly once`);
  process.exit(1);
}
const html = template.replace(marker, () => JSON.stringify(wasm.toString('base64')));
writeFileSync(outPath, html);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `${outPath}: ${kb(html.length)} (module ${kb(wasm.length)}, ${kb(gzipSync(wasm, { level: 9 }).length)} gzipped; page ${kb(gzipSync(html, { level: 9 }).length)} gzipped)`,
);
