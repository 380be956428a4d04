/**
 * A small, dependency-free EXIF reader for site photos: the capture time and the GPS position from a
 * JPEG (APP1 "Exif" segment) or a PNG (eXIf chunk). Every read is bounds-checked; anything malformed
 * yields null for what cannot be read, never an exception.
 */

export interface PhotoExif {
  /** EXIF DateTimeOriginal (or DateTime when absent) as 'YYYY-MM-DDTHH:MM:SS' (local camera time, no zone), or null. */
  takenAt: string | null;
  /** GPS position in decimal degrees (negative for W / S), rounded to 6 decimals, or null. */
  lat: number | null;
  lng: number | null;
}

const NONE: PhotoExif = { takenAt: null, lat: null, lng: null };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

// TIFF field types used here.
const ASCII = 2;
const LONG = 4;
const RATIONAL = 5;

const TAG_DATETIME = 0x0132;
const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATETIME_ORIGINAL = 0x9003;

export function readExif(content: Buffer): PhotoExif {
  try {
    const tiff = findTiff(content);
    return tiff ? parseTiff(tiff) : { ...NONE };
  } catch {
    return { ...NONE }; // belt and braces: the reads below are all guarded
  }
}

/** The TIFF block (EXIF payload) inside a JPEG or PNG, or null. */
function findTiff(buf: Buffer): Buffer | null {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xd8) return findInJpeg(buf);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG_SIGNATURE)) return findInPng(buf);
  return null;
}

function findInJpeg(buf: Buffer): Buffer | null {
  let p = 2;
  while (p + 1 < buf.length) {
    if (buf[p] !== 0xff) return null; // lost sync: not a marker where one must be
    const marker = buf[p + 1]!;
    if (marker === 0xff) { p++; continue; } // fill byte
    if (marker === 0xda || marker === 0xd9) return null; // SOS / EOI: no metadata beyond this
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { p += 2; continue; } // no length
    if (p + 4 > buf.length) return null;
    const len = buf.readUInt16BE(p + 2); // includes the two length bytes
    const end = p + 2 + len;
    if (len < 2 || end > buf.length) return null;
    const data = buf.subarray(p + 4, end);
    if (marker === 0xe1 && data.length >= 6 && data.subarray(0, 6).equals(EXIF_HEADER)) return data.subarray(6);
    p = end;
  }
  return null;
}

function findInPng(buf: Buffer): Buffer | null {
  let p = 8;
  while (p + 12 <= buf.length) {
    const len = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    const end = p + 8 + len;
    if (len > 0x7fffffff || end + 4 > buf.length) return null;
    if (type === 'eXIf') {
      const data = buf.subarray(p + 8, end);
      // Some writers keep the JPEG-style "Exif\0\0" prefix; tolerate it.
      return data.subarray(0, 6).equals(EXIF_HEADER) ? data.subarray(6) : data;
    }
    if (type === 'IEND') return null;
    p = end + 4; // skip the CRC (not checked: a bad CRC costs nothing here)
  }
  return null;
}

interface Entry {
  type: number;
  count: number;
  /** Offset of the 4-byte value/offset field within the TIFF block. */
  at: number;
}

/** Bounds-checked TIFF reader: every accessor returns null when out of range. */
class Tiff {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
  ) {}
  u16(o: number): number | null {
    if (o < 0 || o + 2 > this.buf.length) return null;
    return this.le ? this.buf.readUInt16LE(o) : this.buf.readUInt16BE(o);
  }
  u32(o: number): number | null {
    if (o < 0 || o + 4 > this.buf.length) return null;
    return this.le ? this.buf.readUInt32LE(o) : this.buf.readUInt32BE(o);
  }
  /** The entries of the IFD at `offset`, by tag; empty when the IFD does not fit. */
  ifd(offset: number | null): Map<number, Entry> {
    const out = new Map<number, Entry>();
    const n = offset === null ? null : this.u16(offset);
    if (offset === null || n === null || offset + 2 + n * 12 > this.buf.length) return out;
    for (let i = 0; i < n; i++) {
      const e = offset + 2 + i * 12;
      const tag = this.u16(e)!;
      if (!out.has(tag)) out.set(tag, { type: this.u16(e + 2)!, count: this.u32(e + 4)!, at: e + 8 });
    }
    return out;
  }
  /** Where a value of `size` bytes lives: inline when it fits in 4 bytes, else at the stored offset. */
  private dataAt(e: Entry, size: number): number | null {
    const at = size <= 4 ? e.at : this.u32(e.at);
    return at !== null && at + size <= this.buf.length ? at : null;
  }
  ascii(e: Entry | undefined): string | null {
    if (!e || e.type !== ASCII || e.count === 0) return null;
    const at = this.dataAt(e, e.count);
    if (at === null) return null;
    const s = this.buf.toString('latin1', at, at + e.count);
    const nul = s.indexOf('\0');
    return nul >= 0 ? s.slice(0, nul) : s;
  }
  pointer(e: Entry | undefined): number | null {
    return e && (e.type === LONG || e.type === 13 /* IFD */) && e.count === 1 ? this.u32(e.at) : null;
  }
  /** Exactly three unsigned RATIONALs (degrees, minutes, seconds) as decimal degrees, or null. */
  dms(e: Entry | undefined): number | null {
    if (!e || e.type !== RATIONAL || e.count !== 3) return null;
    const at = this.dataAt(e, 24);
    if (at === null) return null;
    let deg = 0;
    for (let i = 0; i < 3; i++) {
      const num = this.u32(at + i * 8)!;
      const den = this.u32(at + i * 8 + 4)!;
      if (den === 0) return null;
      deg += num / den / 60 ** i;
    }
    return deg;
  }
}

function parseTiff(buf: Buffer): PhotoExif {
  const order = buf.toString('latin1', 0, 2);
  if (buf.length < 8 || (order !== 'II' && order !== 'MM')) return { ...NONE };
  const t = new Tiff(buf, order === 'II');
  if (t.u16(2) !== 42) return { ...NONE };
  const ifd0 = t.ifd(t.u32(4));
  const exif = t.ifd(t.pointer(ifd0.get(TAG_EXIF_IFD)));
  const takenAt =
    toIsoDate(t.ascii(exif.get(TAG_DATETIME_ORIGINAL))) ?? toIsoDate(t.ascii(ifd0.get(TAG_DATETIME)));
  const gps = t.ifd(t.pointer(ifd0.get(TAG_GPS_IFD)));
  let lat = signed(t.dms(gps.get(2)), t.ascii(gps.get(1)), 'N', 'S');
  let lng = signed(t.dms(gps.get(4)), t.ascii(gps.get(3)), 'E', 'W');
  if (lat === null || lng === null || Math.abs(lat) > 90 || Math.abs(lng) > 180) lat = lng = null;
  return { takenAt, lat, lng };
}

/** Applies the hemisphere reference; an unknown or missing reference gives null. */
function signed(deg: number | null, ref: string | null, pos: string, neg: string): number | null {
  if (deg === null || !Number.isFinite(deg)) return null;
  const r = ref?.trim().toUpperCase();
  if (r !== pos && r !== neg) return null;
  const rounded = Math.round(deg * 1e6) / 1e6;
  return r === neg && rounded !== 0 ? -rounded : rounded;
}

/** "YYYY:MM:DD HH:MM:SS" → "YYYY-MM-DDTHH:MM:SS" when it is a real calendar date and time, else null. */
function toIsoDate(s: string | null): string | null {
  const m = s?.trim().match(/^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (y < 1 || days === undefined || d < 1 || d > days || h > 23 || mi > 59 || se > 59) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}
