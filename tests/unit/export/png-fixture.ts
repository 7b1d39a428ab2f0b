import { deflateSync } from 'node:zlib';

/** A minimal PNG encoder (8-bit RGB, no filter): real PNGs for the export tests and the deck benchmark. */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** `rgb`: width * height * 3 bytes, row by row. `text`: tEXt chunks (to check they are stripped). */
export function encodePng(
  width: number,
  height: number,
  rgb: Uint8Array,
  text: Record<string, string> = {},
  level = 6,
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...Object.entries(text).map(([k, v]) => chunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1'))),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A test picture: a gradient with a bright disc (a "lesion") and a yellow measurement line. */
export function testPicture(width = 256, height = 256, seed = 1): Buffer {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const dx = x - width / 2;
      const dy = y - height / 2;
      const v = dx * dx + dy * dy < (width / 5) ** 2 ? 200 : Math.round(((x + y * seed) % 97) + 30);
      rgb[i] = rgb[i + 1] = rgb[i + 2] = v;
      if (Math.abs(y - height / 2) < 2 && Math.abs(dx) < width / 5) {
        rgb[i] = 255;
        rgb[i + 1] = 220;
        rgb[i + 2] = 0;
      }
    }
  }
  return encodePng(width, height, rgb);
}
