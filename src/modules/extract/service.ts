/**
 * The report extractor behind the web app: an uploaded .txt or .docx becomes a draft of items with
 * their lead units resolved to the organisation's units, and the reviewed rows become the
 * 任务分解表 .xlsx. Nothing is stored: the draft lives in the reviewer's browser until it is exported.
 */
import path from 'node:path';
import { dayInChina } from '../../domain/matters.ts';
import { detectYear } from '../../domain/deadlines.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/http/app.ts';
import { inScope, type Subject } from '../../platform/policies.ts';
import { checkFileName } from '../files/names.ts';
import { matchableUnits, unitEntryOf } from '../ledger/queries.ts';
import { UnitMatcher } from '../ledger/units.ts';
import { cleanText } from './clean.ts';
import { extract } from './extract.ts';
import { docxText, ReadError } from './read.ts';
import { decompositionTitle, type DecompositionExportBody, type DraftResult } from './schema.ts';
import { decompositionWorkbook } from './xlsx.ts';

/** The largest upload read (a .docx with pictures is larger than its text). */
export const EXTRACT_MAX_BYTES = 10 * 1024 * 1024;
/** The longest text read: a year's report is some 30,000 characters. */
export const EXTRACT_MAX_CHARS = 500_000;

const fileError = (zh: string, en: string) =>
  new AppError('VALIDATION', { message: `file：${zh}`, messageEn: `file: ${en}`, details: { issues: [{ field: 'file', message: zh, messageEn: en }] } });

export const tooLarge = (limitBytes: number): AppError => {
  const mb = Math.floor(limitBytes / (1024 * 1024));
  return new AppError('PAYLOAD_TOO_LARGE', {
    message: `文件超过 ${mb} MB：请删去文中的图片，或另存为 .txt 后再上传`,
    messageEn: `The file is larger than ${mb} MB: remove its pictures, or save it as .txt, and upload it again`,
  });
};

/** The type of an upload by its name: only .txt and .docx are read. */
export function extractFileType(rawName: string): { name: string; ext: 'txt' | 'docx' } {
  const base = path.basename(rawName.replace(/\\/g, '/'));
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (ext !== 'txt' && ext !== 'docx') {
    const hint =
      ext === 'doc' || ext === 'wps'
        ? { zh: '；旧版 Word 文件请在 Word 或 WPS 中“另存为” .docx', en: '; save an old Word file as .docx in Word or WPS' }
        : ext === 'pdf'
          ? { zh: '；PDF 请先复制文字另存为 .txt', en: '; copy the text of a PDF into a .txt file' }
          : { zh: '', en: '' };
    throw new AppError('BAD_FILE_NAME', {
      message: `只能识别 .txt 或 .docx 文件，「${base.slice(0, 100)}」不是${hint.zh}`,
      messageEn: `Only .txt and .docx files can be read; "${base.slice(0, 100)}" is neither${hint.en}`,
      details: { issues: [{ field: 'file', message: `只能识别 .txt 或 .docx 文件${hint.zh}`, messageEn: `only .txt and .docx files can be read${hint.en}` }] },
    });
  }
  const { name } = checkFileName(base);
  return { name, ext };
}

/** The text of an uploaded document; a .txt in UTF-8 or, as Windows Notepad often saves it, GB18030 (GBK). */
export function documentText(ext: 'txt' | 'docx', content: Buffer): string {
  if (content.length === 0) throw fileError('文件是空的', 'the file is empty');
  let text: string;
  if (ext === 'docx') {
    if (content.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      throw fileError('这是旧版 Word（.doc）文件，请在 Word 或 WPS 中“另存为” .docx 后再上传', 'this is an old Word (.doc) file: save it as .docx in Word or WPS and upload that');
    }
    if (!content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
      throw fileError('文件不是有效的 .docx 文档', 'the file is not a .docx document');
    }
    try {
      text = docxText(content);
    } catch (err) {
      if (err instanceof ReadError) throw fileError('无法读取 .docx：文件已损坏或不是 Word 文档', 'cannot read the .docx: it is damaged or not a Word document');
      throw err;
    }
  } else {
    if (content.includes(0)) throw fileError('文件不是文本文件', 'the file is not a text file');
    text = decodeText(content);
  }
  text = text.replace(/^\uFEFF/, '');
  if (!text.trim()) throw fileError('文件中没有文字', 'the file has no text');
  if (text.length > EXTRACT_MAX_CHARS) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      message: `文件文字超过 ${EXTRACT_MAX_CHARS / 10000} 万字，请拆分后分别识别`,
      messageEn: `The text is longer than ${EXTRACT_MAX_CHARS.toLocaleString('en')} characters; split the file`,
    });
  }
  return text;
}

function decodeText(content: Buffer): string {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(content);
    } catch {
      /* try the next encoding */
    }
  }
  throw fileError('无法识别文件的文字编码，请另存为 UTF-8 编码的 .txt', 'the text encoding is unknown: save the file as UTF-8 text');
}

/**
 * The draft of a report: its items with the suggested lead unit resolved to a unit of the
 * organisation (by name or short name, units within the user's reach first); a name that fits no
 * unit, or several, keeps its suggestion with no unit.
 */
export async function draftFromUpload(ctx: AppContext, user: Subject, upload: { fileName: string; content: Buffer; year?: number }): Promise<DraftResult> {
  const { name, ext } = extractFileType(upload.fileName);
  const text = documentText(ext, upload.content);
  const result = extract(text, { year: upload.year ?? null, paragraphs: ext === 'docx' });
  const matcher = new UnitMatcher((await matchableUnits(ctx.db)).map(unitEntryOf), (u) => inScope(user, { unitId: u.id, unitPath: u.path }));
  const resolved = new Map<string, number | null>();
  const unitOf = (suggested: string): number | null => {
    if (!resolved.has(suggested)) {
      const m = matcher.assist(suggested);
      resolved.set(suggested, m.ok ? m.unit.id : null);
    }
    return resolved.get(suggested) ?? null;
  };
  return {
    fileName: name,
    year: result.year,
    detectedYear: upload.year === undefined ? result.year : detectYear(cleanText(text, { paragraphs: ext === 'docx' }).text),
    text,
    items: result.items.map((it) => ({ ...it, leadUnitId: it.leadUnit ? unitOf(it.leadUnit) : null })),
  };
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120);

export async function exportDecomposition(ctx: AppContext, body: DecompositionExportBody): Promise<{ content: Buffer; filename: string }> {
  const today = dayInChina(ctx.clock.now());
  const content = await decompositionWorkbook({ document: body.document, rows: body.rows, today });
  return { content, filename: `${safeName(decompositionTitle(body.document))}-${today}.xlsx` };
}
