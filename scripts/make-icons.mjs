// Remakes the app icon set in resources/icons/ from icon.svg: PNGs for Linux and the window (16-1024 px), icon.ico
// for Windows (ImageMagick `convert`), icon.icns for macOS (packed here: an ICNS file is a list of PNG entries).
// Run: node scripts/make-icons.mjs (needs ImageMagick's convert on the PATH). The results are committed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'resources', 'icons');
const svg = path.join(dir, 'icon.svg');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const png = (size) => path.join(dir, `${size}x${size}.png`);

// Drawn once at 1024 px (the SVG's own size), every smaller size scaled down from that.
execFileSync('convert', ['-background', 'none', svg, `PNG32:${png(1024)}`]);
for (const size of SIZES.filter((s) => s !== 1024))
  execFileSync('convert', [png(1024), '-resize', `${size}x${size}`, `PNG32:${png(size)}`]);
writeFileSync(path.join(dir, 'icon.png'), readFileSync(png(1024)));
execFileSync('convert', [16, 24, 32, 48, 64, 128, 256].map(png).concat(path.join(dir, 'icon.ico')));

// ICNS: 'icns' + total length, then per entry a 4-byte type, its length (header included) and the PNG bytes.
const ICNS_TYPES = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
const entries = Object.entries(ICNS_TYPES).map(([type, size]) => {
  const data = readFileSync(png(size));
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([head, data]);
});
const body = Buffer.concat(entries);
const head = Buffer.alloc(8);
head.write('icns', 0, 'ascii');
head.writeUInt32BE(body.length + 8, 4);
writeFileSync(path.join(dir, 'icon.icns'), Buffer.concat([head, body]));
console.log(`Icons written to ${dir}`);
