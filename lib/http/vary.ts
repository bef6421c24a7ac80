/**
 * `Vary` (RFC 9110 §12.5.5) with `field` added: `undefined` when the field
 * is listed already, or `Vary` is `*` (every field varies already). Field
 * names compare case-insensitively; the value's own spelling is kept.
 */
export function addVary(current: unknown, field: string): string | undefined {
  const value = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  // Vary = #( "*" / field-name ), and a field-name is a token: no comma inside one.
  const fields = value.split(',').map((name) => name.trim().toLowerCase());
  if (fields.includes('*') || fields.includes(field.toLowerCase())) return undefined;
  return value.trim() === '' ? field : `${value}, ${field}`;
}
