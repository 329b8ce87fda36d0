/**
 * POSIX regular expressions (basic and extended, as GNU grep reads them) translated to
 * JavaScript RegExp source, with GNU's messages for malformed patterns.
 */

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

/** Translates a BRE (`extended` false) or ERE pattern; `{ error }` carries grep's message. */
export function posixToJs(p: string, extended: boolean): { src: string } | { error: string } {
  let out = '';
  let depth = 0;
  let atStart = true; // where `*` is literal in a BRE
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const start = atStart;
    atStart = false;
    if (c === '[') {
      let j = i + 1;
      let body = '';
      if (p[j] === '^') { body += '^'; j++; }
      if (p[j] === ']') { body += '\\]'; j++; }
      let closed = false;
      while (j < p.length) {
        if (p[j] === ']') { closed = true; break; }
        if (p[j] === '[' && p[j + 1] === ':') {
          const end = p.indexOf(':]', j + 2);
          if (end < 0) return { error: 'Unmatched [, [^, [:, [., or [=' };
          const cls = CLASSES[p.slice(j + 2, end)];
          if (cls === undefined) return { error: 'Invalid character class name' };
          body += cls;
          j = end + 2;
          continue;
        }
        body += p[j] === '\\' || p[j] === '[' ? '\\' + p[j] : p[j];
        j++;
      }
      if (!closed) return { error: extended ? 'Unmatched [, [^, [:, [., or [=' : 'Invalid regular expression' };
      out += `[${body}]`;
      i = j;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= p.length) return { error: 'Trailing backslash' };
      const n = p[++i];
      if (!extended && '|(){}+?'.includes(n)) {
        if (n === '(') { depth++; atStart = true; }
        if (n === ')') { if (!depth) return { error: 'Unmatched ) or \\)' }; depth--; }
        if (n === '|') atStart = true;
        if (n === '{') {
          const m = /^(\d*)(,?)(\d*)\\\}/.exec(p.slice(i + 1));
          if (!m) return { error: 'Unmatched \\{' };
          out += `{${m[1] || '0'}${m[2]}${m[3]}}`;
          i += m[0].length;
          continue;
        }
        out += n;
        continue;
      }
      if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSbB'.includes(n) || /[1-9]/.test(n)) out += '\\' + n;
      else out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (extended) {
      if (c === '(') { depth++; atStart = true; out += '('; continue; }
      if (c === ')') {
        if (!depth) { out += '\\)'; continue; }
        depth--; out += ')'; continue;
      }
      if (c === '|') { atStart = true; out += '|'; continue; }
      if (c === '{') {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i));
        if (m && (m[1] || m[3])) { out += m[0]; i += m[0].length - 1; } else out += '\\{';
        continue;
      }
      if (c === '}') { out += '\\}'; continue; }
      if ((c === '*' || c === '+' || c === '?') && start) { out += '\\' + c; continue; }
      out += c === '/' ? '\\/' : c;
      continue;
    }
    if ('|(){}+?/'.includes(c)) { out += '\\' + c; continue; }
    if (c === '*' && start) { out += '\\*'; continue; }
    if (c === '^' && !start) { out += '\\^'; continue; }
    if (c === '^') { out += '^'; atStart = true; continue; }
    if (c === '$' && i !== p.length - 1 && !p.startsWith('\\)', i + 1) && !p.startsWith('\\|', i + 1)) { out += '\\$'; continue; }
    out += c;
  }
  if (depth) return { error: 'Unmatched ( or \\(' };
  return { src: out };
}

/** Escapes a fixed string for RegExp. */
export const escapeFixed = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
