// A figure's SVG as a PNG, for Word processors that cannot show SVG (the .docx carries both). resvg
// (@resvg/resvg-js) renders it: a Rust renderer whose prebuilt binaries come inside per-platform npm packages
// (nothing is downloaded at install), that runs on Node 20 and later, and that reads only the fonts it is given
// (DejaVu Sans, as in the PDF), never the system's or a file or address named in the SVG.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { svgSize } from '../domain/documents.ts';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].map((f) => join(fontDir, f));

/** Pixels of the PNG per CSS pixel of the figure: sharp when printed or zoomed. */
const SCALE = 2;

/** The SVG rendered as a PNG at twice its size (loaded on first use: most processes never make one). */
export async function svgToPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const { width } = svgSize(svg);
  // Rendered on libuv's thread pool, not the event loop.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round(width * SCALE) },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    background: 'white',
    logLevel: 'off',
  });
  return image.asPng();
}
