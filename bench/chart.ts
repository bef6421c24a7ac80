import type { Platform } from '../sample/platform.js';
import { goalAt, isSized, type JudgedTarget, RATIO_TARGETS } from './cases.js';
import { SIZES } from './payload.js';
import type { Verdict } from './report.js';

/**
 * The chart of a run: every ratio with a target, against its goal, both
 * platforms side by side and every size, as one self-contained SVG (no
 * script, no font or image to fetch), so that it shows in the README as it
 * is. Each row draws a bar from the goal (a black tick) to the measured
 * ratio, coloured by its verdict.
 */

const COLOURS: Record<Verdict, string> = { met: '#2e7d32', near: '#d99a00', missed: '#c62828' };
const WORDS: Record<Verdict, string> = {
  met: 'met',
  near: 'within 2 % under: a second full run decides',
  missed: 'missed',
};

const ROW = 18;
const GAP = 8;
const MARGIN = 16;
const TITLE_W = 340;
const SIZE_W = 52;
const GOAL_W = 56;
const PLOT_W = 250;
const VALUE_W = 52;
const PANEL_GAP = 24;
const TOP = 122;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

export interface ChartFacts {
  /** One line under the title: the date, Node, the machine. */
  readonly subtitle: string;
  readonly platforms: readonly Platform[];
  readonly judged: readonly JudgedTarget[];
}

/** The SVG text of the chart. */
export function ratioChart({ subtitle, platforms, judged }: ChartFacts): string {
  const groups = RATIO_TARGETS.map((ratio) => ({
    ratio,
    rows: (isSized(ratio) ? SIZES : [undefined])
      .map((size) => ({ size, goal: goalAt(ratio, size) }))
      .filter((row): row is { size: (typeof SIZES)[number] | undefined; goal: number } => row.goal !== undefined),
  }));
  const find = (platform: Platform, text: string, size: string | undefined) =>
    judged.find((j) => j.platform === platform && j.ratio.text === text && j.size?.key === size)?.result;

  const values = judged.map((j) => j.result.measured).filter(Number.isFinite);
  const goals = judged.map((j) => j.result.limit);
  // Near the goals is what matters: a ratio beyond 0.4×–1.5× is drawn at the edge.
  const lo = Math.max(0.4, Math.min(0.6, Math.floor(Math.min(...values, ...goals) * 10) / 10));
  const hi = Math.min(1.5, Math.max(1.2, Math.ceil(Math.max(...values, ...goals) * 10) / 10));
  const x = (ratio: number): number => round(((Math.min(hi, Math.max(lo, ratio)) - lo) / (hi - lo)) * PLOT_W);

  const panelX = (p: number): number => MARGIN + TITLE_W + SIZE_W + GOAL_W + p * (PLOT_W + VALUE_W + PANEL_GAP);
  const width = panelX(platforms.length) - PANEL_GAP + MARGIN;
  const rowCount = groups.reduce((n, g) => n + g.rows.length, 0);
  const plotHeight = rowCount * ROW + (groups.length - 1) * GAP;
  const height = TOP + plotHeight + 40;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(
      MARGIN,
      22,
      'Requests per second: each ratio against its goal (issues #16 and #20)',
      'font-size="15" font-weight="600"',
    ),
    text(MARGIN, 40, subtitle, 'fill="#555"'),
  ];

  // The legend.
  let lx = MARGIN;
  const legendY = 58;
  out.push(
    `<line x1="${lx + 4}" y1="${legendY - 9}" x2="${lx + 4}" y2="${legendY + 3}" stroke="#111" stroke-width="2"/>`,
  );
  out.push(text(lx + 12, legendY, 'goal'));
  lx += 52;
  for (const verdict of ['met', 'near', 'missed'] as const) {
    out.push(`<rect x="${lx}" y="${legendY - 8}" width="16" height="9" fill="${COLOURS[verdict]}"/>`);
    out.push(text(lx + 21, legendY, WORDS[verdict]));
    lx += 40 + WORDS[verdict].length * 6.5;
  }
  out.push(text(lx, legendY, 'bar: from the goal to the measured ratio', 'fill="#555"'));

  // Panels: title, grid and axis labels.
  const gridTop = TOP - 6;
  platforms.forEach((platform, p) => {
    const px = panelX(p);
    const mine = judged.filter((j) => j.platform === platform);
    const of = (verdict: Verdict): number => mine.filter((j) => j.result.verdict === verdict).length;
    out.push(text(px, TOP - 42, platform === 'express' ? 'Express' : 'Fastify', 'font-weight="600" font-size="13"'));
    const counts = `${of('met')} met, ${of('near')} within 2 %, ${of('missed')} missed, of ${mine.length}`;
    out.push(text(px, TOP - 27, counts, 'fill="#333"'));
    for (let tick = Math.ceil(lo * 10); tick <= Math.floor(hi * 10 + 1e-9); tick++) {
      const at = px + x(tick / 10);
      const one = tick === 10;
      out.push(
        `<line x1="${at}" y1="${gridTop}" x2="${at}" y2="${gridTop + plotHeight + 6}" stroke="${one ? '#999' : '#e3e3e3'}"/>`,
      );
      if (tick % 2 === 0 || one)
        out.push(text(at, TOP - 10, `${(tick / 10).toFixed(1)}×`, 'text-anchor="middle" fill="#555" font-size="11"'));
    }
  });
  out.push(text(MARGIN, TOP - 10, 'ratio', 'font-weight="600"'));
  out.push(text(MARGIN + TITLE_W, TOP - 10, 'size', 'font-weight="600"'));
  out.push(text(MARGIN + TITLE_W + SIZE_W, TOP - 10, 'goal', 'font-weight="600"'));

  // The rows, group by group.
  let y = TOP;
  groups.forEach(({ ratio, rows }, g) => {
    const blockHeight = rows.length * ROW;
    if (g % 2 === 0) {
      out.push(
        `<rect x="${MARGIN - 6}" y="${y - 2}" width="${width - 2 * MARGIN + 12}" height="${blockHeight + 4}" fill="#f5f6f8"/>`,
      );
    }
    out.push(text(MARGIN, y + blockHeight / 2 + 4, plain(ratio.text)));
    rows.forEach(({ size, goal }, r) => {
      const mid = y + r * ROW + ROW / 2;
      out.push(text(MARGIN + TITLE_W, mid + 4, size?.label ?? 'once', 'fill="#333"'));
      out.push(text(MARGIN + TITLE_W + SIZE_W, mid + 4, `≥ ${goal.toFixed(2)}×`, 'fill="#333"'));
      platforms.forEach((platform, p) => {
        const px = panelX(p);
        const result = find(platform, ratio.text, size?.key);
        const gx = px + x(goal);
        if (result !== undefined && Number.isFinite(result.measured)) {
          const colour = COLOURS[result.verdict];
          const vx = px + x(result.measured);
          const [from, to] = vx < gx ? [vx, gx] : [gx, vx];
          out.push(
            `<rect x="${from}" y="${mid - 4}" width="${Math.max(1, to - from)}" height="8" fill="${colour}" fill-opacity="0.85"/>`,
          );
          const clipped = result.measured < lo || result.measured > hi;
          out.push(
            clipped
              ? `<path d="M${vx} ${mid - 6} l${result.measured > hi ? 7 : -7} 6 l${result.measured > hi ? -7 : 7} 6 z" fill="${colour}"/>`
              : `<circle cx="${vx}" cy="${mid}" r="3.5" fill="${colour}" stroke="#111" stroke-width="0.8"/>`,
          );
          out.push(text(px + PLOT_W + 8, mid + 4, result.value, `fill="${colour}" font-weight="600"`));
        } else {
          out.push(text(px + PLOT_W + 8, mid + 4, '–', 'fill="#555"'));
        }
        out.push(`<line x1="${gx}" y1="${mid - 7}" x2="${gx}" y2="${mid + 7}" stroke="#111" stroke-width="2"/>`);
      });
    });
    y += blockHeight + GAP;
  });
  out.push(
    text(
      MARGIN,
      height - 14,
      `Ratios outside ${lo.toFixed(1)}×–${hi.toFixed(1)}× are drawn at the edge, as a triangle. bench/results.md has every number.`,
      'fill="#555" font-size="11"',
    ),
  );
  out.push('</svg>', '');
  return out.join('\n');
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${round(x)}" y="${round(y)}"${attributes === '' ? '' : ` ${attributes}`}>${escape(content)}</text>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Markdown code spans as plain text. */
function plain(markdown: string): string {
  return markdown.replaceAll('`', '');
}

function escape(content: string): string {
  return content.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
