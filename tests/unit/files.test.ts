import { describe, expect, it } from 'vitest';
import { checkContent, checkFileName, contentDisposition } from '../../src/modules/files/names.ts';
import { AppError } from '../../src/platform/errors.ts';

function reason(name: string): string {
  try {
    checkFileName(name);
    return 'accepted';
  } catch (e) {
    expect((e as AppError).code).toBe('BAD_FILE_NAME');
    return (e as AppError).messageEn.replace('The file name is not acceptable: ', '');
  }
}

describe('file names from outside', () => {
  it.each([
    ['整改报告.pdf', 'accepted'],
    ['现场照片 2026-03-01.JPG', 'accepted'],
    ['../../etc/passwd.txt', 'it must not contain a path (/ or \\)'],
    ['..\\..\\windows\\win.ini.txt', 'it must not contain a path (/ or \\)'],
    ['report\u0000.pdf', 'it contains control or bidirectional-override characters'],
    ['invoice\u202Efdp.exe', 'it contains control or bidirectional-override characters'],
    ['.htaccess', 'it must not start with a dot'],
    ['..', 'it must not start with a dot'],
    ['CON.txt', 'it is a reserved device name'],
    ['a<b>.pdf', 'it must not contain < > : " | ? *'],
    ['report.pdf.', 'it must not end with a dot or a space'],
    ['   ', 'the name is empty'],
    [`${'长'.repeat(201)}.pdf`, 'it is longer than 200 characters'],
    ['payload.exe', expect.stringContaining('the type "exe" is not accepted')],
    ['report.pdf.exe', expect.stringContaining('the type "exe" is not accepted')],
    ['README', expect.stringContaining('the type "no extension" is not accepted')],
  ])('%j → %s', (name, expected) => {
    expect(reason(name)).toEqual(expected);
  });

  it('normalises to NFC and keeps the extension in lower case', () => {
    expect(checkFileName(' Cafe\u0301.PNG ')).toEqual({ name: 'Café.PNG', ext: 'png' });
  });
});

describe('file contents', () => {
  it('must match the claimed type', () => {
    expect(() => checkContent('png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).not.toThrow();
    expect(() => checkContent('png', Buffer.from('MZ\x90\x00'))).toThrow('文件内容与扩展名「.png」不符');
    expect(() => checkContent('pdf', Buffer.from('%PDF-1.7'))).not.toThrow();
    expect(() => checkContent('txt', Buffer.from('进展情况：已完成'))).not.toThrow();
    expect(() => checkContent('txt', Buffer.from([0x41, 0x00, 0x42]))).toThrow(AppError);
    expect(() => checkContent('csv', Buffer.from([0xff, 0xfe, 0x41]))).toThrow(AppError);
  });
});

describe('Content-Disposition', () => {
  it('carries any name without breaking the header', () => {
    expect(contentDisposition('整改"报告"(1).pdf')).toBe(
      `attachment; filename="______(1).pdf"; filename*=UTF-8''%E6%95%B4%E6%94%B9%22%E6%8A%A5%E5%91%8A%22%281%29.pdf`,
    );
  });
});
