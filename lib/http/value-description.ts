/**
 * A value as an error message quotes it: what was given, so the message can
 * say what was wrong. Never throws (a value whose JSON throws, or whose
 * `toString` does, is still described), and a long value is cut.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return cut(JSON.stringify(value));
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array ${cut(safeJson(value))}`;
  return `${typeof value} ${cut(safeJson(value))}`;
}

const LIMIT = 200;

function cut(text: string): string {
  return text.length <= LIMIT ? text : `${text.slice(0, LIMIT)}…`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return '(unprintable)';
    }
  }
}
