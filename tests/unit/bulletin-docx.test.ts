/**
 * The monthly bulletin as a GB/T 9704 .docx (its XML, then rendered by LibreOffice and checked as an
 * image), its .xlsx annex read back with exceljs, and the money formats.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  bulletinAnnexXlsx,
  bulletinDocx,
  wanText,
  yiText,
  type AnnexRow,
  type BulletinData,
  type BulletinFigures,
  type BulletinGroup,
} from '../../src/modules/projects/bulletin-docx.ts';
import { SHOTS } from '../support/browser.ts';

// ---------------------------------------------------------------- fixture

const COUNTIES = ['孝义市', '汾阳市', '离石区', '交城县', '文水县', '柳林县', '中阳县', '吕梁经济技术开发区', '兴县', '临县', '方山县', '岚县', '交口县', '石楼县'];
const DEPARTMENTS = [
  '市发展和改革委员会', '市工业和信息化局', '市交通运输局', '市水利局', '市住房和城乡建设局', '市自然资源局', '市生态环境局',
  '市农业农村局', '市文化和旅游局', '市卫生健康委员会', '市教育局', '市商务局', '市能源局', '市城市管理局', '市行政审批服务管理局',
  '市民政局', '市体育局', '市应急管理局', '市林业局', '市国有资产监督管理委员会',
];

const figures: BulletinFigures = {
  projects: 1024,
  totalYuan: 45_120_000_000,
  plannedYuan: 98_765_430_000,
  completedYuan: 44_740_740_000,
  completionText: '45.3%',
  paceText: '41.7%',
  leadPointsText: '+3.6',
  dueToStart: 320,
  started: 280,
  startRateText: '87.5%',
  mustRegister: 600,
  registered: 543,
  registrationRateText: '90.5%',
  red: 12,
  yellow: 35,
  green: 977,
};

function groups(names: readonly string[]): BulletinGroup[] {
  return names.map((name, i) => {
    const rate = 62.4 - i * 2.9;
    const lead = rate - 41.7;
    return {
      rank: i + 1,
      name,
      projects: 40 + i * 3,
      plannedYuan: 5_000_000_000 - i * 150_000_000,
      completedYuan: Math.round(((5_000_000_000 - i * 150_000_000) * rate) / 100),
      completionText: `${rate.toFixed(1)}%`,
      leadPointsText: lead > 0.05 ? `+${lead.toFixed(1)}` : lead < -0.05 ? `−${(-lead).toFixed(1)}` : '0.0',
    };
  });
}

function bulletin(laggingCount: number): BulletinData {
  return {
    year: 2023,
    month: 5,
    issuer: '吕梁市重点工程建设领导小组办公室',
    issuerShort: '市重点办',
    docNumber: '吕重点办〔2023〕5号',
    title: '关于2023年1—5月全市“千项千亿”重点项目建设进展情况的通报',
    recipients: '各县（市、区）人民政府，经开区管委会，市直有关单位：',
    issuedOn: '2023-06-05',
    figures,
    counties: groups(COUNTIES),
    departments: groups(DEPARTMENTS),
    lagging: Array.from({ length: laggingCount }, (_, i) => ({
      code: `LL2023-${String(i + 1).padStart(3, '0')}`,
      name: `${COUNTIES[i % COUNTIES.length]}第${i + 1}号产业园区基础设施建设项目`,
      unit: COUNTIES[i % COUNTIES.length]!,
      dept: DEPARTMENTS[i % DEPARTMENTS.length]!,
      leader: `王${'一二三四五六七八九十'[i % 10]}明`,
      plannedYuan: 300_000_000,
      completedYuan: 30_000_000 + i * 1_000_000,
      completionText: `${(10 + i / 3).toFixed(1)}%`,
      leadPointsText: `−${(31.7 - i / 3).toFixed(1)}`,
      reasons: i % 3 === 0 ? '用地手续未办结，征地拆迁进展缓慢' : i % 3 === 1 ? '资金未到位' : '',
    })),
  };
}

// ---------------------------------------------------------------- helpers

function unzipText(buf: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(buf));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The visible text of a WordprocessingML part, concatenated. */
const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

interface Image {
  width: number;
  height: number;
  channels: number;
  data: Buffer; // rows of width × channels bytes, filters removed
}

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG. */
function decodePng(png: Buffer): Image {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const chunk = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      const depth = chunk[8];
      const colour = chunk[9];
      const interlace = chunk[12];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = colour === 2 ? 3 : 4;
    } else if (type === 'IDAT') {
      idat.push(chunk);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const dst = y * stride;
    for (let x = 0; x < stride; x++) {
      const cur = raw[src + x]!;
      const a = x >= channels ? out[dst + x - channels]! : 0;
      const b = y > 0 ? out[dst - stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[dst - stride + x - channels]! : 0;
      let v: number;
      switch (filter) {
        case 0: v = cur; break;
        case 1: v = cur + a; break;
        case 2: v = cur + b; break;
        case 3: v = cur + ((a + b) >> 1); break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v = cur + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      out[dst + x] = v & 0xff;
    }
  }
  return { width, height, channels, data: out };
}

function pixel(img: Image, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * img.channels;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}
const isRed = ([r, g, b]: [number, number, number]): boolean => r > 200 && g < 80 && b < 80;
const isDark = ([r, g, b]: [number, number, number]): boolean => r < 100 && g < 100 && b < 100;

/** The LibreOffice command, or a failure naming the package to install. */
function soffice(): string {
  for (const cmd of ['soffice', 'libreoffice']) {
    if (spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0) return cmd;
  }
  throw new Error('LibreOffice is not installed: apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils');
}
function poppler(cmd: 'pdfinfo' | 'pdftoppm' | 'pdftotext'): string {
  if (spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error) {
    throw new Error(`${cmd} is not installed: apt-get install -y --no-install-recommends poppler-utils`);
  }
  return cmd;
}

// ---------------------------------------------------------------- tests

describe('money in bulletins', () => {
  it('writes 亿元 and 万元 with 2 decimals', () => {
    expect(yiText(45_120_000_000)).toBe('451.20');
    expect(yiText(0)).toBe('0.00');
    expect(yiText(123_456_789)).toBe('1.23');
    expect(yiText(125_000_000)).toBe('1.25');
    expect(yiText(100_500_000)).toBe('1.01'); // half rounds up
    expect(yiText(123_456_789_000_0)).toBe('12345.68');
    expect(yiText(-250_000_000)).toBe('-2.50');
    expect(wanText(123_456_700)).toBe('12,345.67');
    expect(wanText(0)).toBe('0.00');
    expect(wanText(999)).toBe('0.10');
    expect(wanText(451_200_000_000)).toBe('45,120,000.00');
    expect(wanText(-1_234_500)).toBe('-123.45');
  });
});

describe('bulletin .docx', () => {
  it('writes the GB/T 9704 page, fonts, red mark and the figures', async () => {
    const data = bulletin(30);
    const files = unzipText(await bulletinDocx(data));
    const doc = files['word/document.xml']!;
    const settings = files['word/settings.xml']!;
    expect(doc).toBeTruthy();

    // A4 and margins in twips: top 37 mm, left 28 mm, right 26 mm, bottom 35 mm.
    expect(doc).toMatch(/<w:pgSz\b[^>]*w:w="11906"[^>]*w:h="16838"/);
    const mar = /<w:pgMar\b[^>]*\/>/.exec(doc)?.[0] ?? '';
    expect(mar).toContain('w:top="2098"');
    expect(mar).toContain('w:left="1588"');
    expect(mar).toContain('w:right="1474"');
    expect(mar).toMatch(/w:bottom="198[45]"/);
    // 22 lines: exact spacing of 579 twips and the grid's pitch.
    expect(doc).toMatch(/<w:docGrid\b[^>]*w:linePitch="579"/);
    expect(doc).toContain('w:line="579" w:lineRule="exact"');

    // Every body run: 仿宋_GB2312 for East Asian text, zh-CN, 3号.
    const runs = [...doc.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)].map((m) => m[0]);
    const fangsong = runs.filter((r) => r.includes('w:eastAsia="仿宋_GB2312"'));
    expect(fangsong.length).toBeGreaterThan(50);
    const body = runs.find((r) => r.includes('全市“千项千亿”重点项目共1024个'))!;
    expect(body).toMatch(/<w:rFonts\b[^>]*w:eastAsia="仿宋_GB2312"/);
    expect(body).toMatch(/<w:lang\b[^>]*w:eastAsia="zh-CN"/);
    expect(body).toContain('<w:sz w:val="32"/>');
    for (const r of runs.filter((r) => /<w:t[ >]/.test(r))) {
      expect(r, r).toMatch(/<w:rFonts\b[^>]*w:eastAsia="/);
      expect(r, r).toMatch(/<w:lang\b[^>]*w:eastAsia="zh-CN"/);
    }

    // The red mark in 小标宋, the red separator under the number, the title in 2号.
    const mark = runs.find((r) => r.includes(data.issuer))!;
    expect(mark).toContain('<w:color w:val="FF0000"/>');
    expect(mark).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toMatch(/<w:bottom\b[^>]*w:color="FF0000"/);
    const title = runs.find((r) => r.includes(data.title))!;
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(runs.find((r) => r.includes('一、总体情况'))).toContain('w:eastAsia="黑体"');
    expect(runs.find((r) => r.includes('（一）投资完成情况'))).toContain('w:eastAsia="楷体_GB2312"');

    const text = textOf(doc);
    expect(text.indexOf(data.issuer)).toBeLessThan(text.indexOf(data.docNumber));
    expect(text.indexOf(data.docNumber)).toBeLessThan(text.indexOf(data.title));
    expect(text).toContain(data.recipients);
    expect(text).toContain('总投资451.20亿元');
    expect(text).toContain('2023年计划投资987.65亿元');
    expect(text).toContain('1—5月累计完成投资447.41亿元，占年度计划的45.3%，序时进度为41.7%，超序时进度3.6个百分点');
    expect(text).toContain('应开工项目320个，已开工280个，开工率87.5%');
    expect(text).toContain('应入库项目600个，已入库543个，入库率90.5%');
    expect(text).toContain('红灯项目12个，黄灯项目35个，绿灯项目977个');
    for (const h of ['二、各县（市、区）完成情况', '三、市直部门完成情况', '四、滞后项目', '五、下一步工作要求']) expect(text).toContain(h);
    for (const h of ['名次', '县（市、区）', '项目数', '年度计划投资', '完成率', '超欠序时进度', '序号', '项目名称', '责任单位', '包联领导', '主要原因']) {
      expect(text).toContain(h);
    }
    // Counties and departments in ranking order, the first with its figures.
    let at = 0;
    for (const name of COUNTIES) {
      const i = text.indexOf(name, at);
      expect(i, name).toBeGreaterThan(at);
      at = i;
    }
    expect(text).toContain('1孝义市4050.0031.2062.4%+20.7');
    for (const name of DEPARTMENTS) expect(text).toContain(name);
    expect(text).toContain('投资完成率落后于序时进度的项目共30个');
    expect(text).toContain('30汾阳市第30号产业园区基础设施建设项目');
    expect(text).toContain('附件：2023年1—5月全市“千项千亿”重点项目建设进展明细表（见电子版）');
    expect(text.indexOf('市重点办2023年6月5日')).toBeGreaterThan(text.indexOf('附件：'));
    const dateParagraph = [...doc.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => m[0]).find((p) => p.includes('2023年6月5日'))!;
    expect(dateParagraph).toContain('<w:jc w:val="right"/>');

    // Odd and even footers with "— PAGE —", right and left.
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.keys(files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBe(2);
    for (const f of footers) {
      expect(files[f]).toContain('<w:fldChar w:fldCharType="begin"/>');
      expect(files[f]).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(files[f]).toContain('w:eastAsia="宋体"');
      expect(files[f]).toContain('<w:sz w:val="28"/>');
      expect(textOf(files[f]!)).toBe('—  —');
    }
    expect(doc).toMatch(/<w:footerReference w:type="default"/);
    expect(doc).toMatch(/<w:footerReference w:type="even"/);
    const jcs = footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(files[f]!)?.[1]).sort();
    expect(jcs).toEqual(['left', 'right']);
  });

  it('says so when no project lags, and writes January as 1月', async () => {
    const data = { ...bulletin(0), month: 1, counties: [], departments: [] };
    const text = textOf(unzipText(await bulletinDocx(data))['word/document.xml']!);
    expect(text).toContain('截至1月底，全市无投资完成率落后于序时进度的项目。');
    expect(text).toContain('1月累计完成投资');
    expect(text).not.toContain('1—1月');
    expect(text).not.toContain('主要原因');
  });

  it(
    'renders in LibreOffice: A4, red mark and separator at the top, text below, several pages',
    async () => {
      const cmd = soffice();
      const [pdfinfo, pdftoppm, pdftotext] = [poppler('pdfinfo'), poppler('pdftoppm'), poppler('pdftotext')];
      const data = bulletin(30);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luoshi-bulletin-'));
      try {
        const docx = path.join(dir, 'bulletin.docx');
        fs.writeFileSync(docx, await bulletinDocx(data));
        const started = Date.now();
        // A private profile, so that a LibreOffice already running elsewhere does not take the job.
        execFileSync(cmd, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
          stdio: 'pipe',
          timeout: 110_000,
        });
        console.log(`LibreOffice conversion: ${Date.now() - started} ms`);
        const pdf = path.join(dir, 'bulletin.pdf');
        expect(fs.existsSync(pdf)).toBe(true);

        const info = execFileSync(pdfinfo, [pdf], { encoding: 'utf8' });
        const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
        expect(size, info).toBeTruthy();
        expect(Math.abs(Number(size![1]) - 595)).toBeLessThanOrEqual(1);
        expect(Math.abs(Number(size![2]) - 842)).toBeLessThanOrEqual(1);
        const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
        expect(pages).toBeGreaterThanOrEqual(2);

        const page1 = execFileSync(pdftotext, ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        expect(page1).toContain(data.docNumber);
        expect(page1).toContain(data.title.replace(/\s+/g, ''));

        execFileSync(pdftoppm, ['-r', '50', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(dir, 'page1')]);
        const png = fs.readFileSync(path.join(dir, 'page1.png'));
        fs.mkdirSync(SHOTS, { recursive: true });
        fs.writeFileSync(path.join(SHOTS, 'bulletin-page1.png'), png);

        const img = decodePng(png);
        expect(Math.abs(img.width - Math.round((595.3 / 72) * 50))).toBeLessThanOrEqual(1);
        const third = Math.floor(img.height / 3);
        // Red rows in the top third and the longest red run of each.
        let redTop = 0;
        let sepRow = -1;
        let sepRun = 0;
        for (let y = 0; y < third; y++) {
          let runLen = 0;
          for (let x = 0; x < img.width; x++) {
            if (isRed(pixel(img, x, y))) {
              redTop++;
              runLen++;
              if (runLen > sepRun) {
                sepRun = runLen;
                sepRow = y;
              }
            } else {
              runLen = 0;
            }
          }
        }
        expect(redTop).toBeGreaterThan(200);
        // The separator spans most of the 156 mm text width (307 px at 50 dpi).
        const textWidthPx = (156 / 25.4) * 50;
        expect(sepRun).toBeGreaterThan(0.8 * textWidthPx);
        expect(sepRun).toBeLessThanOrEqual(textWidthPx + 3);
        // The mark: red pixels well above the separator.
        let redAbove = 0;
        for (let y = 0; y < sepRow - 10; y++) for (let x = 0; x < img.width; x++) if (isRed(pixel(img, x, y))) redAbove++;
        expect(redAbove).toBeGreaterThan(100);
        // Dark text below the separator: the title, then the body.
        let darkBelow = 0;
        for (let y = sepRow + 2; y < img.height; y++) for (let x = 0; x < img.width; x++) if (isDark(pixel(img, x, y))) darkBelow++;
        expect(darkBelow).toBeGreaterThan(2000);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('bulletin annex .xlsx', () => {
  it('writes the title, header, 合计 row and project rows in 万元', async () => {
    const rows: AnnexRow[] = [
      {
        code: 'LL2023-001', name: '孝义市第1号产业园区基础设施建设项目', unit: '孝义市', dept: '市发展和改革委员会', leader: '王一明',
        category: '产业', stage: '续建', totalYuan: 1_234_567_800, plannedYuan: 300_000_000, completedYuan: 123_456_700,
        completionText: '41.2%', leadPointsText: '−0.5', light: '黄', reasons: '资金未到位',
      },
      {
        code: 'LL2023-002', name: '汾阳市城区供水管网改造工程', unit: '汾阳市', dept: '市水利局', leader: '李二明',
        category: '基础设施', stage: '新开工', totalYuan: 80_000_000, plannedYuan: 50_000_000, completedYuan: 40_000_000,
        completionText: '80.0%', leadPointsText: '+38.3', light: '绿', reasons: '',
      },
    ];
    const title = '2023年1—5月全市“千项千亿”重点项目建设进展明细表';
    const buf = await bulletinAnnexXlsx({ title, rows, totals: figures });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('明细表')!;
    expect(ws).toBeTruthy();
    expect(wb.worksheets.length).toBe(1);
    expect(ws.getCell('A1').value).toBe(title);
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号', '项目编号', '项目名称', '县（市、区）', '责任单位', '包联领导', '类别', '阶段', '总投资（万元）', '年度计划投资（万元）',
      '累计完成投资（万元）', '完成率', '超欠序时进度（百分点）', '预警', '主要原因',
    ]);
    // 合计 under the header.
    expect(ws.getCell('A3').value).toBe('合计');
    expect(ws.getCell('C3').value).toBe('1024个项目');
    expect(ws.getCell('I3').value).toBe(4_512_000);
    expect(ws.getCell('J3').value).toBe(9_876_543);
    expect(ws.getCell('K3').value).toBe(4_474_074);
    expect(ws.getCell('L3').value).toBe('45.3%');
    expect(ws.getCell('M3').value).toBe('+3.6');
    expect(ws.getCell('N3').value).toBe('红12 黄35 绿977');
    // A project row: 万元 as numbers with 2 decimals and a thousands format.
    const r = (ws.getRow(4).values as unknown[]).slice(1);
    expect(r).toEqual([
      1, 'LL2023-001', '孝义市第1号产业园区基础设施建设项目', '孝义市', '市发展和改革委员会', '王一明', '产业', '续建',
      123_456.78, 30_000, 12_345.67, '41.2%', '−0.5', '黄', '资金未到位',
    ]);
    expect(ws.getCell('K4').numFmt).toBe('#,##0.00');
    expect(ws.getCell('I3').numFmt).toBe('#,##0.00');
    expect(ws.getCell('B5').value).toBe('LL2023-002');
    expect(ws.getCell('K5').value).toBe(4_000);
    expect(ws.rowCount).toBe(5);
    // Frozen below the 合计 row and right of the name; widths set.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 3 });
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(30);
  });
});
