// The last step of `build_site` (scripts/setup.sh): minifies the stylesheet and the wasm-bindgen
// glue, then writes each file beside a .br and a .gz, so the server sends them compressed at no
// cost per request. Usage: node scripts/site-assets.mjs <pkg dir> <stylesheet> [--no-compress]
// (dev.sh's unoptimised wasm is many megabytes: compressing it would take longer than building it).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// The packages live with the browser tests' in end2end/node_modules.
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const esbuild = require('esbuild');
const lightningcss = require('lightningcss');
const browserslist = require('browserslist');

const [pkg, stylesheet, flag] = process.argv.slice(2);
const compress = flag !== '--no-compress';

// The browsers Browserslist calls "defaults": prefixes where they still need them, nothing older.
const targets = lightningcss.browserslistToTargets(browserslist('defaults'));
const css = lightningcss.transform({
  filename: stylesheet,
  code: fs.readFileSync(stylesheet),
  minify: true,
  targets,
});
fs.writeFileSync(path.join(pkg, 'youth-consult.css'), css.code);

const files = fs.readdirSync(pkg, { recursive: true }).map((file) => path.join(pkg, file));
for (const file of files.filter((file) => file.endsWith('.js'))) {
  const { code } = esbuild.transformSync(fs.readFileSync(file, 'utf8'), { format: 'esm', minify: true });
  fs.writeFileSync(file, code);
}

for (const file of files.filter((file) => compress && /\.(js|wasm|css)$/.test(file))) {
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }));
}
