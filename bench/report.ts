import * as prettier from 'prettier';

/** A markdown table; `right` names the columns aligned right (numbers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []) {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  const rule = header.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** Markdown as the repository's Prettier settings write it, so `npm run lint` accepts the results file. */
export async function formatMarkdown(markdown: string, file: string): Promise<string> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}

/** `1234.5` → `1,235`. */
export function count(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

/** A ratio as `0.97×`. */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

/** Milliseconds with three significant digits. */
export function millis(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : '–';
}

/** Microseconds: `0.42`, `12.3`, `1,234`. */
export function micros(value: number): string {
  if (value >= 1000) return count(value);
  return value.toPrecision(3);
}

/** How a measurement stands against its goal. */
export type Verdict = 'met' | 'near' | 'missed';

/**
 * A ratio that lands this close under its goal is within the noise of one
 * run: a second full run decides (issue #16).
 */
export const NEAR = 0.02;

/** One target: a ratio that must reach its goal, or a time that must stay under it. */
export interface Target {
  readonly text: string;
  /** The measurement and the goal as numbers (a ratio, or microseconds). */
  readonly measured: number;
  readonly limit: number;
  /** The measurement and the goal as the report shows them. */
  readonly value: string;
  readonly goal: string;
  readonly verdict: Verdict;
  /** How far the measurement is on the right side of its goal, in percent of the goal: negative when missed. */
  readonly margin: number;
}

/** A ratio that must be at least `goal`. */
export function atLeast(text: string, ratio: number, goal: number): Target {
  const margin = (ratio / goal - 1) * 100;
  return { text, measured: ratio, limit: goal, value: times(ratio), goal: `≥ ${goal.toFixed(2)}×`, ...judge(margin) };
}

/** A value that must stay at or under `limit`; `show` formats both. */
export function atMost(text: string, value: number, limit: number, show: (value: number) => string): Target {
  const margin = (1 - value / limit) * 100;
  return { text, measured: value, limit, value: show(value), goal: `≤ ${show(limit)}`, ...judge(margin) };
}

function judge(margin: number): { verdict: Verdict; margin: number } {
  if (!Number.isFinite(margin)) return { verdict: 'missed', margin: NaN };
  const verdict = margin >= 0 ? 'met' : margin >= -NEAR * 100 ? 'near' : 'missed';
  return { verdict, margin };
}

// Under 1 % keeps a decimal: "missed by 0 %" would read as met.
function percent(value: number): string {
  const size = Math.abs(value);
  return `${size < 1 ? size.toFixed(1) : Math.round(size)} %`;
}

/** A verdict in words, with its margin: `met by 3 %`, `**missed** by 7 %`. */
export function verdictText(target: Target): string {
  if (!Number.isFinite(target.margin)) return '**missed**: not measured';
  switch (target.verdict) {
    case 'met':
      return `met by ${percent(target.margin)}`;
    case 'near':
      return `within 2 % (under by ${percent(target.margin)}): a second full run decides`;
    case 'missed':
      return `**missed** by ${percent(target.margin)}`;
  }
}

/** The targets as a table, each marked met or missed, and by how much. */
export function targetTable(targets: readonly Target[]): string {
  return table(
    ['target', 'measured', 'goal', 'verdict'],
    targets.map((t) => [t.text, t.value, t.goal, verdictText(t)]),
    [1, 2],
  );
}
