/**
 * iproute2's JSON output (`ip -j`, `ip -j -p`): objects keep their keys in the order the
 * printers add them, and the pretty form follows lib/json_writer.c's layout, which is not a
 * standard JSON pretty-printer: arrays open as `[ ` and close as ` ]` on the same line as
 * their last element, objects put each key on its own line indented four spaces per level.
 */

/** A number iproute2 prints with a fixed format (e.g. timers as `0.00`), written as is. */
export class JsonRaw {
  constructor(readonly text: string) {}
}

/** A JSON value as the ip printers build it (`null` is a flag like `"router":null`). */
export type JsonValue = string | number | boolean | null | JsonRaw | JsonValue[] | JsonObject;

/** An object whose keys print in insertion order. */
export interface JsonObject {
  [key: string]: JsonValue;
}

const isObject = (v: JsonValue): v is JsonObject => typeof v === 'object' && v !== null && !(v instanceof JsonRaw) && !Array.isArray(v);

/** json_writer's string escaping (quote, backslash and control characters). */
function str(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Serializes `value` the way json_writer does: compact (`[{"a":1}]`) or pretty. Pretty keeps
 * the writer's state machine: a separator before every element but the first, a newline and
 * indentation before each object key and before an object's closing brace, none for arrays.
 */
export function writeJson(value: JsonValue, pretty: boolean): string {
  let out = '';
  let depth = 0;
  let sep = '';
  const eol = () => {
    if (pretty) out += '\n' + '    '.repeat(depth);
  };
  const eor = () => {
    out += sep;
    sep = ',';
  };
  const write = (v: JsonValue): void => {
    if (Array.isArray(v)) {
      eor();
      out += pretty ? '[ ' : '[';
      depth++;
      sep = '';
      for (const e of v) write(e);
      depth--;
      if (pretty && sep) out += ' ';
      out += ']';
      sep = ',';
    } else if (isObject(v)) {
      eor();
      out += '{';
      depth++;
      sep = '';
      for (const [k, e] of Object.entries(v)) {
        eor();
        eol();
        sep = '';
        out += str(k) + (pretty ? ': ' : ':');
        write(e);
      }
      depth--;
      if (sep) eol();
      out += '}';
      sep = ',';
    } else {
      eor();
      if (v === null) out += 'null';
      else if (v instanceof JsonRaw) out += v.text;
      else if (typeof v === 'string') out += str(v);
      else out += String(v);
    }
  };
  write(value);
  return out + '\n';
}
