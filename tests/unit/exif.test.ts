/**
 * The EXIF reader for site photos, against JPEG and PNG files assembled byte by byte here: a TIFF block
 * in either byte order (IFD0 with DateTime and the Exif / GPS pointers, the Exif IFD, the GPS IFD), put
 * in a JPEG APP1 segment before a tiny real baseline body, or in a PNG eXIf chunk with a correct CRC.
 */
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readExif, type PhotoExif } from '../../src/modules/projects/exif.ts';
import { APP0, jpeg, photoFields, png, segment, tiff, type Field, type Photo, type Rational } from '../support/images.ts';

const NULLS: PhotoExif = { takenAt: null, lat: null, lng: null };

const NE = { latRef: 'N', lat: [[37, 1], [31, 1], [1236, 100]] as Rational[], lngRef: 'E', lng: [[111, 1], [8, 1], [24, 1]] as Rational[] };
const FULL: Photo = { dateTime: '2023:05:20 08:00:00', original: '2023:05:18 10:32:05', gps: NE };
const EXPECTED: PhotoExif = { takenAt: '2023-05-18T10:32:05', lat: 37.5201, lng: 111.14 };

// ---- tests ---------------------------------------------------------------------------------------

describe('readExif — well-formed files', () => {
  it('sanity: the builders produce what they claim', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
    const j = jpeg(tiff(photoFields(FULL)));
    expect(j.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(j.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(j.includes(Buffer.from('Exif\0\0II*\0', 'latin1'))).toBe(true);
    const p = png(null);
    const idat = p.indexOf(Buffer.from('IDAT'));
    expect(inflateSync(p.subarray(idat + 4, idat + 4 + p.readUInt32BE(idat - 4)))).toEqual(Buffer.from([0, 0x80]));
    expect(tiff([], false).subarray(0, 8)).toEqual(Buffer.from([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]));
  });

  for (const le of [true, false]) {
    const order = le ? 'little-endian (II)' : 'big-endian (MM)';
    it(`JPEG, ${order}: DateTimeOriginal and GPS`, () => {
      expect(readExif(jpeg(tiff(photoFields(FULL), le)))).toEqual(EXPECTED);
    });
    it(`PNG eXIf, ${order}: DateTimeOriginal and GPS`, () => {
      expect(readExif(png(tiff(photoFields(FULL), le)))).toEqual(EXPECTED);
    });
    it(`${order}: S / W references give negative degrees`, () => {
      const gps = { ...NE, latRef: 'S', lngRef: 'W' };
      expect(readExif(jpeg(tiff(photoFields({ ...FULL, gps }), le)))).toEqual({
        takenAt: '2023-05-18T10:32:05',
        lat: -37.5201,
        lng: -111.14,
      });
    });
  }

  it('falls back to IFD0 DateTime when DateTimeOriginal is absent or invalid', () => {
    expect(readExif(jpeg(tiff(photoFields({ dateTime: '2024:02:29 23:59:59' }))))).toEqual({
      ...NULLS,
      takenAt: '2024-02-29T23:59:59',
    });
    const bad = { dateTime: '2024:01:02 03:04:05', original: '0000:00:00 00:00:00' };
    expect(readExif(jpeg(tiff(photoFields(bad)))).takenAt).toBe('2024-01-02T03:04:05');
  });

  it('rounds to 6 decimals and reads fractional minutes (as phones write them)', () => {
    const gps = { latRef: 'N', lat: [[39, 1], [54_123_456, 1_000_000], [0, 1]] as Rational[], lngRef: 'E', lng: [[116, 1], [23, 1], [4_567, 1000]] as Rational[] };
    const r = readExif(jpeg(tiff(photoFields({ gps }))));
    expect(r).toEqual({ takenAt: null, lat: 39.902058, lng: 116.384602 });
  });

  it('skips other APPn segments (e.g. an XMP APP1) before the Exif one', () => {
    const xmp = segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>', 'latin1'));
    const icc = segment(0xe2, Buffer.alloc(40, 7));
    expect(readExif(jpeg(tiff(photoFields(FULL)), [xmp, icc]))).toEqual(EXPECTED);
  });

  it('accepts an eXIf chunk that keeps the "Exif\\0\\0" prefix', () => {
    const prefixed = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff(photoFields(FULL))]);
    expect(readExif(png(prefixed))).toEqual(EXPECTED);
  });

  it('only the date, only the position', () => {
    expect(readExif(jpeg(tiff(photoFields({ original: '1999:12:31 00:00:00' }))))).toEqual({
      ...NULLS,
      takenAt: '1999-12-31T00:00:00',
    });
    expect(readExif(png(tiff(photoFields({ gps: NE }), false)))).toEqual({ takenAt: null, lat: 37.5201, lng: 111.14 });
  });
});

describe('readExif — missing or malformed data gives nulls', () => {
  it('images without EXIF, and non-images', () => {
    expect(readExif(jpeg(null))).toEqual(NULLS);
    expect(readExif(png(null))).toEqual(NULLS);
    expect(readExif(Buffer.alloc(0))).toEqual(NULLS);
    expect(readExif(Buffer.from('%PDF-1.7\n'))).toEqual(NULLS);
    expect(readExif(Buffer.from([0xff, 0xd8]))).toEqual(NULLS);
    expect(readExif(tiff(photoFields(FULL)))).toEqual(NULLS); // a bare TIFF is not a site photo format here
  });

  it('stops at SOS: an Exif segment after the scan is not read', () => {
    // Right after the SOS header, where a marker walk that did not stop would find it as the next segment.
    const sos = segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0]));
    const late = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff(photoFields(FULL))]));
    const eoi = Buffer.from([0xff, 0xd9]);
    expect(readExif(Buffer.concat([Buffer.from([0xff, 0xd8]), APP0, sos, late, eoi]))).toEqual(NULLS);
    expect(readExif(Buffer.concat([Buffer.from([0xff, 0xd8]), APP0, late, sos, eoi]))).toEqual(EXPECTED);
  });

  it('does not throw on any truncation of a valid file', () => {
    for (const file of [jpeg(tiff(photoFields(FULL))), jpeg(tiff(photoFields(FULL), false)), png(tiff(photoFields(FULL)))]) {
      for (let n = 0; n <= file.length; n++) {
        const r = readExif(file.subarray(0, n));
        expect(Object.keys(r).sort()).toEqual(['lat', 'lng', 'takenAt']);
        if (r.lat !== null) expect(r).toMatchObject({ lat: 37.5201, lng: 111.14 });
        if (r.takenAt !== null) expect(r.takenAt).toBe('2023-05-18T10:32:05');
      }
    }
  });

  it('truncating inside the TIFF block loses what lies beyond the cut, nothing else', () => {
    // A segment whose declared length runs past the end of the file is ignored altogether.
    const file = jpeg(tiff(photoFields(FULL)));
    expect(readExif(file.subarray(0, file.indexOf(Buffer.from('SiteCam'))))).toEqual(NULLS);
    // Shortening the TIFF block itself (segment length consistent) keeps the IFDs that still fit.
    const t = tiff(photoFields(FULL));
    // The longitude rationals are the last thing in the block.
    expect(readExif(jpeg(t.subarray(0, t.length - 8)))).toEqual({ ...EXPECTED, lat: null, lng: null });
  });

  it('does not throw on garbage, deterministic random bytes, and flipped bytes', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let i = 0; i < 200; i++) {
      const junk = Buffer.from(Array.from({ length: 1 + (i % 97) }, rand));
      expect(() => readExif(junk)).not.toThrow();
      expect(() => readExif(Buffer.concat([Buffer.from([0xff, 0xd8]), junk]))).not.toThrow();
      expect(() => readExif(Buffer.concat([png(null).subarray(0, 8), junk]))).not.toThrow();
    }
    for (const file of [jpeg(tiff(photoFields(FULL))), png(tiff(photoFields(FULL), false))]) {
      for (let at = 0; at < file.length; at++) {
        for (const v of [0x00, 0xff, 0x7f]) {
          const copy = Buffer.from(file);
          copy[at] = v;
          expect(() => readExif(copy)).not.toThrow();
        }
      }
    }
  });

  it('offsets outside the buffer', () => {
    const far = 0xfffffff0;
    // Exif and GPS IFD pointers past the end, DateTime stays readable.
    const pointers: Field[] = [
      { tag: 0x0132, ascii: '2023:05:18 10:32:05' },
      { tag: 0x8769, type: 4, count: 1, offset: far },
      { tag: 0x8825, type: 4, count: 1, offset: 5000 },
    ];
    expect(readExif(jpeg(tiff(pointers)))).toEqual({ ...NULLS, takenAt: '2023-05-18T10:32:05' });
    // Values whose data offsets point past the end.
    const values: Field[] = [
      { tag: 0x0132, type: 2, count: 20, offset: far },
      {
        tag: 0x8825,
        ifd: [
          { tag: 1, ascii: 'N' },
          { tag: 2, type: 5, count: 3, offset: far },
          { tag: 3, ascii: 'E' },
          { tag: 4, type: 5, count: 3, offset: 1000 },
        ],
      },
    ];
    expect(readExif(png(tiff(values, false)))).toEqual(NULLS);
    // IFD0 offset past the end, and an IFD whose entry count runs past the end.
    const t = tiff(photoFields(FULL));
    const badIfd0 = Buffer.from(t);
    badIfd0.writeUInt32LE(t.length + 4, 4);
    expect(readExif(jpeg(badIfd0))).toEqual(NULLS);
    const badCount = Buffer.from(t);
    badCount.writeUInt16LE(0xffff, 8);
    expect(readExif(jpeg(badCount))).toEqual(NULLS);
    // A JPEG segment length shorter than its own length field, or longer than the file.
    expect(readExif(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x01, 0x45]))).toEqual(NULLS);
    expect(readExif(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0x45]))).toEqual(NULLS);
    // A PNG chunk length past the end.
    const p = png(tiff(photoFields(FULL)));
    const exifAt = p.indexOf(Buffer.from('eXIf')) - 4;
    p.writeUInt32BE(0x7ffffff0, exifAt);
    expect(readExif(p)).toEqual(NULLS);
  });

  it('bad TIFF headers', () => {
    const t = tiff(photoFields(FULL));
    for (const head of [[0x49, 0x4d], [0x49, 0x49, 0x2b, 0x00], [0x4d, 0x4d, 0x2a, 0x00]]) {
      const copy = Buffer.from(t);
      Buffer.from(head).copy(copy);
      expect(readExif(jpeg(copy))).toEqual(NULLS);
    }
    expect(readExif(jpeg(Buffer.from('II*\0', 'latin1')))).toEqual(NULLS);
  });

  it('zero denominators, wrong counts and wrong types give a null position', () => {
    const withLat = (lat: Rational[]) => readExif(jpeg(tiff(photoFields({ ...FULL, gps: { ...NE, lat } }))));
    expect(withLat([[37, 1], [31, 0], [1236, 100]])).toEqual({ ...EXPECTED, lat: null, lng: null });
    expect(withLat([[37, 0], [0, 0], [0, 0]])).toEqual({ ...EXPECTED, lat: null, lng: null });
    expect(withLat([[37, 1], [31, 1]])).toEqual({ ...EXPECTED, lat: null, lng: null });
    expect(withLat([[37, 1], [31, 1], [1, 1], [0, 1]])).toEqual({ ...EXPECTED, lat: null, lng: null });
    // Position as ASCII instead of RATIONAL; a pointer with count 2.
    const typed: Field[] = [
      { tag: 0x8825, ifd: [{ tag: 1, ascii: 'N' }, { tag: 2, ascii: '37.5201' }, { tag: 3, ascii: 'E' }, { tag: 4, rationals: NE.lng }] },
    ];
    expect(readExif(jpeg(tiff(typed)))).toEqual(NULLS);
    const t = tiff(photoFields(FULL));
    const gpsTag = t.indexOf(Buffer.from([0x25, 0x88, 0x04, 0x00]));
    const copy = Buffer.from(t);
    copy.writeUInt32LE(2, gpsTag + 4);
    expect(readExif(jpeg(copy))).toEqual({ ...EXPECTED, lat: null, lng: null });
  });

  it('missing or unknown hemisphere references, and out-of-range degrees', () => {
    const gpsOf = (gps: NonNullable<Photo['gps']>) => readExif(jpeg(tiff(photoFields({ gps }))));
    expect(gpsOf({ ...NE, latRef: 'X' })).toEqual(NULLS);
    expect(gpsOf({ ...NE, lngRef: '' })).toEqual(NULLS);
    expect(gpsOf({ ...NE, lat: [[91, 1], [0, 1], [0, 1]] })).toEqual(NULLS);
    expect(gpsOf({ ...NE, lat: [[89, 1], [60, 1], [1, 1]] })).toEqual(NULLS); // 90.0003°
    expect(gpsOf({ ...NE, lng: [[180, 1], [0, 1], [1, 10]] })).toEqual(NULLS);
    expect(gpsOf({ ...NE, lat: [[90, 1], [0, 1], [0, 1]], latRef: 'S', lng: [[180, 1], [0, 1], [0, 1]], lngRef: 'W' })).toEqual({
      takenAt: null,
      lat: -90,
      lng: -180,
    });
  });

  it('invalid dates give a null takenAt', () => {
    const dates = [
      '0000:00:00 00:00:00',
      '    :  :     :  :  ',
      '2023:13:01 00:00:00',
      '2023:00:10 00:00:00',
      '2023:02:29 12:00:00', // not a leap year
      '1900:02:29 12:00:00', // nor this
      '2023:04:31 12:00:00',
      '2023:05:18 24:00:00',
      '2023:05:18 10:60:00',
      '2023:05:18 10:32:60',
      '2023:05:18',
      '2023:05:18 10:32:05 extra',
      'garbage',
      '',
    ];
    for (const d of dates) {
      expect(readExif(jpeg(tiff(photoFields({ original: d, dateTime: d })))).takenAt, d).toBeNull();
    }
    expect(readExif(jpeg(tiff(photoFields({ original: '2000:02:29 12:00:00' })))).takenAt).toBe('2000-02-29T12:00:00');
    // An ASCII count running past the string's NUL (zero padding) still reads the string; a count of 0 is no value.
    expect(readExif(jpeg(tiff([{ tag: 0x0132, ascii: '2023:05:18 10:32:05', count: 24 }]))).takenAt).toBe('2023-05-18T10:32:05');
    expect(readExif(jpeg(tiff([{ tag: 0x0132, ascii: '2023:05:18 10:32:05', count: 0 }]))).takenAt).toBeNull();
  });
});
