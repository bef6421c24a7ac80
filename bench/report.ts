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

/** One target of issue #11: a ratio that must reach its goal, or a time that must stay under it. */
export interface Target {
  readonly text: string;
  readonly value: string;
  readonly goal: string;
  readonly met: boolean;
  /** How far a missed target is from its goal, in percent of the goal. */
  readonly shortBy: number;
}

/** A ratio that must be at least `goal`. */
export function atLeast(text: string, ratio: number, goal: number): Target {
  const met = ratio >= goal;
  return { text, value: times(ratio), goal: `≥ ${goal.toFixed(2)}×`, met, shortBy: met ? 0 : (1 - ratio / goal) * 100 };
}

/** A value that must stay at or under `limit`; `show` formats both. */
export function atMost(text: string, value: number, limit: number, show: (value: number) => string): Target {
  const met = value <= limit;
  return { text, value: show(value), goal: `≤ ${show(limit)}`, met, shortBy: met ? 0 : (value / limit - 1) * 100 };
}

// A shortfall under 1 % keeps a decimal: "missed by 0 %" would read as met.
function percent(value: number): string {
  return `${value < 1 ? value.toFixed(1) : Math.round(value)} %`;
}

/** The targets as a table, each marked met or missed, and by how much. */
export function targetTable(targets: readonly Target[]): string {
  return table(
    ['target', 'measured', 'goal', 'met'],
    targets.map((t) => [t.text, t.value, t.goal, t.met ? 'met' : `**missed** by ${percent(t.shortBy)}`]),
    [1, 2],
  );
}
