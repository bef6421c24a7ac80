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
