/**
 * File names and contents from the outside are hostile until checked: a name that tries to leave
 * its folder, hides control characters, names a device, or claims a type its bytes do not have is
 * refused with the reason.
 */
import { AppError } from '../../platform/errors.ts';
import { FILE_TYPES } from './schema.ts';

const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_LENGTH = 200;

function bad(zh: string, en: string, name: string): AppError {
  return new AppError('BAD_FILE_NAME', {
    message: `文件名不合法：${zh}`,
    messageEn: `The file name is not acceptable: ${en}`,
    details: { issues: [{ field: 'file', message: zh, messageEn: en }], name: name.slice(0, 300) },
  });
}

/** The checked, NFC-normalised name and its lower-case extension; throws BAD_FILE_NAME with the reason. */
export function checkFileName(raw: string): { name: string; ext: string } {
  const name = raw.normalize('NFC').trim();
  if (!name) throw bad('文件名为空', 'the name is empty', raw);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(name)) throw bad('包含控制字符或方向控制符', 'it contains control or bidirectional-override characters', raw);
  if (/[/\\]/.test(name)) throw bad('不能包含路径（/ 或 \\）', 'it must not contain a path (/ or \\)', raw);
  if (name === '.' || name === '..' || name.startsWith('.')) throw bad('不能以点开头', 'it must not start with a dot', raw);
  if (/[<>:"|?*]/.test(name)) throw bad('不能包含 < > : " | ? * 等字符', 'it must not contain < > : " | ? *', raw);
  if (/[. ]$/.test(name)) throw bad('不能以点或空格结尾', 'it must not end with a dot or a space', raw);
  if ([...name].length > MAX_LENGTH) throw bad(`超过 ${MAX_LENGTH} 个字符`, `it is longer than ${MAX_LENGTH} characters`, raw);
  if (RESERVED.test(name)) throw bad('是系统保留的设备名', 'it is a reserved device name', raw);
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!ext || !(ext in FILE_TYPES)) {
    throw bad(
      `不支持的文件类型「${ext || '无扩展名'}」，允许：${Object.keys(FILE_TYPES).join('、')}`,
      `the type "${ext || 'no extension'}" is not accepted; accepted: ${Object.keys(FILE_TYPES).join(', ')}`,
      raw,
    );
  }
  return { name, ext };
}

const MAGIC: Record<string, number[][]> = {
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  pdf: [[0x25, 0x50, 0x44, 0x46]],
  ofd: [[0x50, 0x4b, 0x03, 0x04]],
  docx: [[0x50, 0x4b, 0x03, 0x04]],
  xlsx: [[0x50, 0x4b, 0x03, 0x04]],
  pptx: [[0x50, 0x4b, 0x03, 0x04]],
  zip: [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]],
  doc: [[0xd0, 0xcf, 0x11, 0xe0]],
  xls: [[0xd0, 0xcf, 0x11, 0xe0]],
  ppt: [[0xd0, 0xcf, 0x11, 0xe0]],
  wps: [[0xd0, 0xcf, 0x11, 0xe0]],
  et: [[0xd0, 0xcf, 0x11, 0xe0]],
};

/** The bytes must be of the type the extension claims (text types: valid UTF-8, no NUL). */
export function checkContent(ext: string, content: Buffer): void {
  const magic = MAGIC[ext];
  const ok = magic
    ? magic.some((m) => m.every((b, i) => content[i] === b))
    : !content.includes(0) && Buffer.from(content.toString('utf8'), 'utf8').equals(content);
  if (!ok) {
    throw new AppError('BAD_FILE_NAME', {
      message: `文件内容与扩展名「.${ext}」不符`,
      messageEn: `The content is not what the extension ".${ext}" says`,
      details: { issues: [{ field: 'file', message: `文件内容与扩展名「.${ext}」不符`, messageEn: `the content does not match .${ext}` }] },
    });
  }
}

/** A Content-Disposition header that carries any name safely (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`;
}
