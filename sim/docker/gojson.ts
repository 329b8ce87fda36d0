/**
 * JSON the way the docker CLI prints inspect output: the daemon's JSON re-indented with four
 * spaces (json.Indent), `{}`/`[]` for empty objects/arrays, and Go's HTML-safe escapes of
 * <, > and & that encoding/json applies to strings.
 */
export function goIndent(v: unknown, indent = '    ', level = 0): string {
  const pad = indent.repeat(level + 1);
  const end = indent.repeat(level);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => pad + goIndent(x, indent, level + 1)).join(',\n') + '\n' + end + ']';
  }
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${pad}${goQuote(k)}: ${goIndent((v as Record<string, unknown>)[k], indent, level + 1)}`).join(',\n') + '\n' + end + '}';
}

/** A JSON string literal with Go's escaping. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
