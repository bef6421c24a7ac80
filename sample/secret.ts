/**
 * Reads `ETAG_SECRET`: unset or empty for no secret, one secret, or a
 * comma-separated list while a rotation rolls out (`new,old`: the first makes
 * the tags, every one is accepted). EtagModule checks each (16 characters at
 * least), and its error never repeats the value.
 */
export function secretFrom(value: string | undefined): string | readonly string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const secrets = value.split(',').map((secret) => secret.trim());
  return secrets.length === 1 ? secrets[0] : secrets;
}
