// Draws the Teams app icons into manifest/: color.png (192x192, full colour, opaque) and
// outline.png (32x32, white on transparent). The motif is an open book with a spark above it.
// Run: node scripts/make-icons.mjs   (the PNGs are committed; rerun only to change the design)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const MANIFEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifest');
export const ACCENT = [0x00, 0x67, 0x7f]; // #00677F, also the manifest's accentColor

// --- the motif, in unit coordinates (0..1, y down) ---------------------------------------------

const LEFT_PAGE = [[0.06, 0.30], [0.46, 0.40], [0.46, 0.94], [0.06, 0.84]];
const RIGHT_PAGE = [[0.54, 0.40], [0.94, 0.30], [0.94, 0.84], [0.54, 0.94]];
const SPARK = { x: 0.5, y: 0.15, r: 0.2 };

function insidePolygon(x, y, polygon) {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideSpark(x, y) {
  // a four-pointed star: |dx|^0.5 + |dy|^0.5 <= r^0.5
  const dx = Math.abs(x - SPARK.x);
  const dy = Math.abs(y - SPARK.y);
  return Math.sqrt(dx) + Math.sqrt(dy) <= Math.sqrt(SPARK.r);
}

export function inMotif(x, y) {
  return insidePolygon(x, y, LEFT_PAGE) || insidePolygon(x, y, RIGHT_PAGE) || insideSpark(x, y);
}

/** Fraction (0..1) of the pixel covered by the motif, placed in the box [from, to] of the icon. */
function coverage(px, py, size, from, to, samples) {
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = ((px + (sx + 0.5) / samples) / size - from) / (to - from);
      const y = ((py + (sy + 0.5) / samples) / size - from) / (to - from);
      if (x >= 0 && x <= 1 && y >= 0 && y <= 1 && inMotif(x, y)) hits++;
    }
  }
  return hits / (samples * samples);
}

// --- PNG writing (RGBA, 8 bits per channel, no filtering) ---------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0; // filter: none
    rgba.copy(raw, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// --- the two icons ------------------------------------------------------------------------------

/** 192x192, opaque accent background, white motif inside the 120x120 safe area Teams asks for. */
export function colorIcon() {
  const size = 192;
  const pixels = Buffer.alloc(size * size * 4);
  const from = (size - 120) / 2 / size;
  const to = 1 - from;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, from, to, 4);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(ACCENT[c] * (1 - a) + 255 * a);
      pixels[i + 3] = 255;
    }
  }
  return encodePng(size, size, pixels);
}

/** 32x32, white motif on a fully transparent background (pixels are white or transparent). */
export function outlineIcon() {
  const size = 32;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = coverage(x, y, size, 1 / 32, 31 / 32, 4) >= 0.5;
      pixels.set(on ? [255, 255, 255, 255] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(MANIFEST_DIR, 'color.png'), colorIcon());
  writeFileSync(join(MANIFEST_DIR, 'outline.png'), outlineIcon());
  console.log(`wrote ${join(MANIFEST_DIR, 'color.png')} and outline.png`);
}
