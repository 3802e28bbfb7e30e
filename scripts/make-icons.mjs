// Draws the add-in icons (assets/icon-{16,32,64,80,128}.png) with no image library:
// a green rounded tile with four amber columns that grow from left to right, the bullwhip effect
// (order variance amplifying up the chain) as a column chart. Run: node scripts/make-icons.mjs
// The output is deterministic, so re-running it only changes the PNGs when this design changes.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const SIZES = [16, 32, 64, 80, 128];
const TILE = [0x1e, 0x6b, 0x52]; // Excel-like green
const BARS = [0xf5, 0xb5, 0x2e]; // amber
const SAMPLES = 4; // 4x4 supersampling per pixel for smooth edges

// Shapes in unit coordinates (0..1, y grows downwards).
const RADIUS = 0.2;
const BASELINE = 0.8;
const BAR_HEIGHTS = [0.2, 0.32, 0.46, 0.62];
const BAR_LEFT = 0.16;
const BAR_WIDTH = 0.13;
const BAR_GAP = 0.05;

function insideTile(x, y) {
  // Rounded square: inside unless in a corner square and outside that corner's circle.
  const cx = Math.min(Math.max(x, RADIUS), 1 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 1 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

function insideBar(x, y) {
  return BAR_HEIGHTS.some((height, i) => {
    const left = BAR_LEFT + i * (BAR_WIDTH + BAR_GAP);
    return x >= left && x < left + BAR_WIDTH && y >= BASELINE - height && y < BASELINE;
  });
}

/** RGBA pixels of one icon, row by row. */
function drawIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let bar = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (insideTile(x, y)) {
            tile++;
            if (insideBar(x, y)) bar++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (tile > 0) {
        const f = bar / tile; // share of the covered area that is bar
        for (let c = 0; c < 3; c++) pixels[o + c] = Math.round(TILE[c] * (1 - f) + BARS[c] * f);
        pixels[o + 3] = Math.round((255 * tile) / (SAMPLES * SAMPLES));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG file: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assets, { recursive: true });
for (const size of SIZES) {
  const file = join(assets, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, drawIcon(size)));
  console.log(`wrote ${file}`);
}
