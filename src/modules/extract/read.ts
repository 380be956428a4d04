/**
 * Reading an input document: .txt (UTF-8, BOM dropped) or .docx (the text of word/document.xml,
 * one paragraph per line, read with the small pure-JS zip reader fflate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

export class ReadError extends Error {}

export interface ReadResult {
  text: string;
  /** Line breaks end paragraphs (a .docx); false for .txt, where they may wrap newspaper columns. */
  paragraphs: boolean;
}

export function readDocument(file: string): ReadResult {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.txt' && ext !== '.docx') throw new ReadError(`unsupported file type "${ext || '(none)'}": give a .txt or .docx file`);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ReadError(code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `${file} is a directory` : `cannot read ${file}: ${(err as Error).message}`);
  }
  if (ext === '.txt') return { text: buf.toString('utf8').replace(/^\uFEFF/, ''), paragraphs: false };
  return { text: docxText(buf, file), paragraphs: true };
}

/** The text of a .docx: paragraphs (w:p) become lines; runs (w:t), tabs and breaks are kept. */
export function docxText(buf: Uint8Array, name = 'document'): string {
  let xml: string;
  try {
    const files = unzipSync(buf, { filter: (f) => f.name === 'word/document.xml' });
    const doc = files['word/document.xml'];
    if (!doc) throw new Error('word/document.xml is missing');
    xml = strFromU8(doc);
  } catch (err) {
    throw new ReadError(`${name} is not a readable .docx: ${(err as Error).message}`);
  }
  const out: string[] = [];
  for (const para of xml.split(/<\/w:p>/)) {
    let line = '';
    for (const m of para.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      if (m[1] !== undefined) line += m[1];
      else line += m[0] === '<w:tab/>' ? '\t' : '\n';
    }
    out.push(line);
  }
  return decodeXml(out.join('\n').replace(/\n+$/, ''));
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
