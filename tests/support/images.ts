/**
 * Site photos assembled byte by byte for tests: a TIFF block in either byte order (IFD0 with
 * DateTime and the Exif / GPS pointers, the Exif IFD, the GPS IFD), put in a JPEG APP1 segment before
 * a tiny real baseline body, or in a PNG eXIf chunk with a correct CRC.
 */
import { crc32 } from 'node:zlib';

// ---- TIFF / EXIF builder -------------------------------------------------------------------------

export type Rational = [number, number];
/** An IFD entry: a typed value the builder encodes, a sub-IFD, or a raw field with a given 4-byte value/offset. */
export type Field =
  | { tag: number; ascii: string; count?: number }
  | { tag: number; bytes: number[] }
  | { tag: number; rationals: Rational[] }
  | { tag: number; ifd: Field[] }
  | { tag: number; type: number; count: number; offset: number };


/** A TIFF block: header, then each IFD followed by its out-of-line values, then its sub-IFDs. */
export function tiff(ifd0: Field[], le = true): Buffer {
  const out: number[] = [];
  const be32 = (v: number) => [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  const b16 = (v: number) => (le ? [v & 0xff, v >>> 8] : [v >>> 8, v & 0xff]);
  const b32 = (v: number) => (le ? be32(v).reverse() : be32(v));
  const set32 = (at: number, v: number) => b32(v).forEach((x, i) => (out[at + i] = x));

  /** Type, count and bytes of a value field; null for sub-IFDs and raw fields. */
  const encode = (f: Field): { type: number; count: number; bytes: number[] } | null => {
    if ('ascii' in f) {
      const bytes = [...Buffer.from(`${f.ascii}\0`, 'latin1')];
      const count = f.count ?? bytes.length;
      while (bytes.length < count) bytes.push(0);
      return { type: 2, count, bytes };
    }
    if ('bytes' in f) return { type: 1, count: f.bytes.length, bytes: f.bytes };
    if ('rationals' in f) return { type: 5, count: f.rationals.length, bytes: f.rationals.flatMap(([n, d]) => [...b32(n), ...b32(d)]) };
    return null;
  };

  const writeIfd = (fields: Field[]): number => {
    const start = out.length;
    out.push(...b16(fields.length));
    const pending: Array<{ at: number; write: () => void }> = []; // out-of-line data and sub-IFDs
    for (const f of fields) {
      const at = out.length + 8; // the value/offset field of this entry
      const v = encode(f);
      if (v) {
        out.push(...b16(f.tag), ...b16(v.type), ...b32(v.count));
        if (v.bytes.length <= 4) out.push(...v.bytes, ...[0, 0, 0, 0].slice(v.bytes.length));
        else (out.push(0, 0, 0, 0), pending.push({ at, write: () => out.push(...v.bytes) }));
      } else if ('ifd' in f) {
        out.push(...b16(f.tag), ...b16(4), ...b32(1), 0, 0, 0, 0);
        pending.push({ at, write: () => writeIfd(f.ifd) });
      } else if ('offset' in f) {
        out.push(...b16(f.tag), ...b16(f.type), ...b32(f.count), ...b32(f.offset));
      }
    }
    out.push(...b32(0)); // no next IFD
    for (const p of pending) {
      if (out.length % 2) out.push(0); // word alignment
      set32(p.at, out.length);
      p.write();
    }
    return start;
  };

  out.push(...(le ? [0x49, 0x49, 0x2a, 0x00] : [0x4d, 0x4d, 0x00, 0x2a]), ...b32(8));
  writeIfd(ifd0);
  return Buffer.from(out);
}

export interface Photo {
  dateTime?: string;
  original?: string;
  gps?: { latRef: string; lat: Rational[]; lngRef: string; lng: Rational[] };
}

/** IFD0 with DateTime and the Exif / GPS pointers, as a camera writes them. */
export function photoFields(p: Photo): Field[] {
  const fields: Field[] = [{ tag: 0x010f, ascii: 'SiteCam' }];
  if (p.dateTime !== undefined) fields.push({ tag: 0x0132, ascii: p.dateTime });
  if (p.original !== undefined) fields.push({ tag: 0x8769, ifd: [{ tag: 0x9003, ascii: p.original }] });
  if (p.gps)
    fields.push({
      tag: 0x8825,
      ifd: [
        { tag: 0, bytes: [2, 2, 0, 0] }, // GPSVersionID
        { tag: 1, ascii: p.gps.latRef },
        { tag: 2, rationals: p.gps.lat },
        { tag: 3, ascii: p.gps.lngRef },
        { tag: 4, rationals: p.gps.lng },
      ],
    });
  return fields;
}

// ---- containers ----------------------------------------------------------------------------------

export const segment = (marker: number, data: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);

/** JFIF APP0, as most encoders write it first. */
export const APP0 = segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));

/** A real 1×1 grey baseline JPEG body: flat quantisation, one-code Huffman tables, one block (DC 0, EOB). */
export const BODY = Buffer.concat([
  segment(0xdb, Buffer.from([0x00, ...Array<number>(64).fill(1)])), // DQT
  segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])), // SOF0 1×1, one component
  segment(0xc4, Buffer.from([0x00, 1, ...Array<number>(15).fill(0), 0x00])), // DHT DC0: one code → 0
  segment(0xc4, Buffer.from([0x10, 1, ...Array<number>(15).fill(0), 0x00])), // DHT AC0: one code → EOB
  segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])), // SOS
  Buffer.from([0x3f, 0xff, 0xd9]), // scan "0" (DC diff 0), "0" (EOB), 1-padding; EOI
]);

export function jpeg(tiffBlock: Buffer | null, extra: Buffer[] = []): Buffer {
  const app1 = tiffBlock ? [segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffBlock]))] : [];
  return Buffer.concat([Buffer.from([0xff, 0xd8]), APP0, ...extra, ...app1, BODY]);
}

export function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

/** A 1×1 grey PNG (stored, uncompressed zlib block) with an optional eXIf chunk before IDAT. */
export function png(tiffBlock: Buffer | null): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const raw = Buffer.from([0, 0x80]); // filter 0, one grey pixel
  const adler = Buffer.from([0x00, 0x82, 0x00, 0x81]); // adler32(00 80)
  const idat = Buffer.concat([Buffer.from([0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff]), raw, adler]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(tiffBlock ? [chunk('eXIf', tiffBlock)] : []),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// 37°31'12.36" N, 111°8'24" E
