/**
 * Charts drawn on the server: Apache ECharts in its server-side mode renders SVG (no browser,
 * no canvas), links can be put on bars, and resvg turns the SVG into a PNG with a CJK font
 * that npm installs (Noto Sans SC from @embedpdf/fonts-sc), for chat apps that want an image.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Resvgjs from '@resvg/resvg-js';
import type * as Echarts from 'echarts';

export type ChartOption = Echarts.EChartsOption;

// Loaded on the first drawing, not at start: ECharts and resvg cost ≈ 50 MB of a process that
// may never draw (see docs/decisions/0010-performance.md).
const load = createRequire(import.meta.url);
let echartsLib: typeof Echarts | undefined;
let resvgLib: typeof Resvgjs | undefined;
const echarts = () => (echartsLib ??= load('echarts') as typeof Echarts);
const resvg = () => (resvgLib ??= load('@resvg/resvg-js') as typeof Resvgjs);

/** The font family the PNG renderer knows; charts name it first so glyphs never go missing. */
export const CHART_FONT = 'Noto Sans Hans';

/**
 * Drawn charts by their option and size. Drawing costs 15–40 ms a chart; a community's figures
 * change a few times an hour while many people look, so the same option is drawn once.
 */
const drawn = new Map<string, string>();
const DRAWN_MAX = 200;

/** An SVG string of the chart; `links[series][index]` makes that bar or point a link. */
export function renderSvg(option: ChartOption, width: number, height: number, links?: (string | null)[][]): string {
  const key = createHash('sha1')
    .update(JSON.stringify([option, width, height]))
    .digest('base64');
  let svg = drawn.get(key);
  if (svg === undefined) {
    svg = draw(option, width, height);
    if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value as string);
  } else drawn.delete(key);
  drawn.set(key, svg);
  return links ? linkify(svg, links) : svg;
}

/** Forgets every drawn chart (benchmarks measure the first drawing too). */
export function forgetDrawnCharts(): void {
  drawn.clear();
}

function draw(option: ChartOption, width: number, height: number): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: `${CHART_FONT}, sans-serif` }, ...option });
    return chart.renderToSVGString();
  } finally {
    // A live chart keeps a timer that would hold the process open.
    chart.dispose();
  }
}

const DATA_ELEMENT =
  /<(path|rect|circle)\b([^>]*?)ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"([^>]*)>(?:<\/\1>)?/g;

/** Wraps the SVG elements of data items in `<a href>`: a click opens what the bar stands for, without script. */
export function linkify(svg: string, links: (string | null)[][]): string {
  return svg.replace(DATA_ELEMENT, (whole, _tag, _a, series: string, index: string) => {
    const href = links[Number(series)]?.[Number(index)];
    if (!href) return whole;
    return `<a href="${href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" target="_top">${whole}</a>`;
  });
}

let fontFile: string | null | undefined;

/** The CJK font's file, or null when the package is missing (the PNG then shows no Chinese). */
export function cjkFont(): string | null {
  if (fontFile === undefined) {
    try {
      const require = createRequire(import.meta.url);
      // The package exports only its script (dist/index.*); the fonts sit beside dist/.
      const pkg = dirname(dirname(require.resolve('@embedpdf/fonts-sc')));
      fontFile = join(pkg, 'fonts', 'NotoSansHans-Regular.otf');
    } catch {
      fontFile = null;
    }
  }
  return fontFile;
}

/** The SVG as a PNG on white, at `scale` times its size. */
export function svgToPng(svg: string, scale = 1): Buffer {
  const font = cjkFont();
  const image = new (resvg().Resvg)(svg, {
    background: 'white',
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    font: { fontFiles: font ? [font] : [], loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  });
  return image.render().asPng();
}
