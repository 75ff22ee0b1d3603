// Makes every app icon electron-builder needs from the one source, assets/icon.svg (no downloads):
//   node scripts/make-icons.mjs
// assets/icons/NxN.png (Linux, 16–1024), assets/icon.png (1024, the fallback), assets/icon.ico (Windows: PNG
// entries 16–256) and assets/icon.icns (macOS: PNG entries 16–1024). The SVG is rasterized by the Chromium the
// tests use (playwright-core, EARSHOT_CHROMIUM or /usr/bin/chromium); ICO and ICNS are written here, both being
// containers of PNGs.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size. */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

/** Rasterizes the SVG at each size, transparent around the rounded square. */
async function rasterize(svg) {
  const browser = await chromium.launch({
    executablePath: process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const out = new Map();
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}"></body></html>`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** An ICO file whose entries are PNGs (Windows Vista and later read them). */
function ico(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(([size, png]) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map(([, png]) => png)]);
}

/** An ICNS file whose elements are PNGs. */
function icns(elements) {
  const parts = elements.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

const svg = await readFile(join(ASSETS, 'icon.svg'), 'utf8');
const pngs = await rasterize(svg);
await mkdir(join(ASSETS, 'icons'), { recursive: true });
for (const [size, png] of pngs) await writeFile(join(ASSETS, 'icons', `${size}x${size}.png`), png);
await writeFile(join(ASSETS, 'icon.png'), pngs.get(1024));
await writeFile(join(ASSETS, 'icon.ico'), ico(ICO_SIZES.map((s) => [s, pngs.get(s)])));
await writeFile(join(ASSETS, 'icon.icns'), icns(ICNS_TYPES.map(([type, s]) => [type, pngs.get(s)])));
console.log(`wrote ${pngs.size} PNGs, icon.png, icon.ico and icon.icns under assets/`);
