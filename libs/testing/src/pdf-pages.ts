// A PDF as tests read it: its text (poppler's pdftotext) and its pages as PNG images (pdftoppm), with
// the share of drawn (non-white) pixels in a part of a page, so a test can tell a drawn chart from an
// empty box. poppler-utils is a Debian package (infra/local/ensure-infra.sh installs it).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

const run = promisify(execFile);

/** The text of each page (pdftotext, layout kept), first page first. */
export async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cx-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']);
    return stdout.split('\f').slice(0, -1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Renders every page to PNG at `dpi` into `dir` (kept as test artifacts), and answers the files in
 * page order.
 */
export async function pdfToPngPages(pdf: Buffer, dir: string, dpi = 60): Promise<string[]> {
  const file = join(dir, 'doc.pdf');
  await writeFile(file, pdf);
  await run('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
  const pages = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f));
  return pages.sort((a, b) => pageNo(a) - pageNo(b)).map((f) => join(dir, f));
}

const pageNo = (f: string) => Number(/(\d+)\.png$/.exec(f)![1]);

interface DecodedPng {
  width: number;
  height: number;
  /** Bytes per pixel. */
  channels: number;
  pixels: Buffer;
}

/** Decodes an 8-bit, non-interlaced grey, RGB or RGBA PNG (what pdftoppm writes). */
function decodePng(png: Buffer): DecodedPng {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour] ?? 0;
      if (depth !== 8 || channels === 0 || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour ${colour}, interlace ${interlace}`);
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/**
 * The share of pixels that are not (near) white in a box of the image given as fractions of its width
 * and height (default the whole image): 0 for a blank area, more where something was drawn.
 */
export async function inkShare(
  pngFile: string,
  box: { left: number; top: number; right: number; bottom: number } = {
    left: 0,
    top: 0,
    right: 1,
    bottom: 1,
  },
): Promise<number> {
  const { width, height, channels, pixels } = decodePng(await readFile(pngFile));
  const [x0, x1] = [Math.floor(box.left * width), Math.ceil(box.right * width)];
  const [y0, y1] = [Math.floor(box.top * height), Math.ceil(box.bottom * height)];
  let inked = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * channels;
      const grey = channels >= 3 ? Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) : pixels[i];
      if (grey < 235) inked++;
    }
  return inked / Math.max(1, (x1 - x0) * (y1 - y0));
}
