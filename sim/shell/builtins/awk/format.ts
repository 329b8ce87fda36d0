/**
 * awk's number and printf formatting, as C's printf does it: %d %i %o %x %X %u %c %s %e %E
 * %f %g %G with flags, width and precision (`*` taken from the arguments); numbers become
 * strings with "%.6g" unless they are integers.
 */

/** C's %e mantissa/exponent form. */
function expo(v: number, p: number, upper: boolean): string {
  const [m, e] = v.toExponential(p).split('e');
  const n = Number(e);
  const s = `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return upper ? s.toUpperCase() : s;
}

/** C's %g: %e or %f by the exponent, trailing zeros removed unless `alt`. */
export function fmtG(v: number, prec: number, upper = false, alt = false): string {
  if (!Number.isFinite(v)) return v > 0 ? (upper ? 'INF' : 'inf') : v < 0 ? (upper ? '-INF' : '-inf') : upper ? 'NAN' : 'nan';
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return alt ? (0).toFixed(p - 1) : Object.is(v, -0) ? '-0' : '0';
  const x = Number(v.toExponential(p - 1).split('e')[1]);
  let s: string;
  if (x < -4 || x >= p) {
    s = expo(v, p - 1, upper);
    if (!alt) s = s.replace(/\.?0+(e[+-])/i, '$1');
  } else {
    s = v.toFixed(Math.max(0, p - 1 - x));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

/** mawk's Max_Int: integral values beyond it are formatted like any other number. */
const MAX_INT = 2147483647;

/** A number as awk prints or concatenates it (integers within mawk's int range exactly, others through `conv`). */
export function numToStr(v: number, conv = '%.6g'): string {
  if (Number.isInteger(v) && v < MAX_INT && v > -MAX_INT) return String(v);
  return sprintf(conv, [v], (x) => x as number, (x) => String(x));
}

const pad = (s: string, flags: string, width: number, numeric: boolean): string => {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    const pre = /^[+\- ]?0[xX]/.test(s) ? s.slice(sign.length, sign.length + 2) : '';
    return sign + pre + s.slice(sign.length + pre.length).padStart(width - sign.length - pre.length, '0');
  }
  return s.padStart(width);
};

/** printf/sprintf with awk's conversions; `num` and `str` convert one argument. */
export function sprintf<T>(fmt: string, args: T[], num: (a: T) => number, str: (a: T) => string): string {
  let k = 0;
  const next = () => args[k++];
  return fmt.replace(/%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXcsfeEgG%])/g, (_m, flags: string, w: string | undefined, pr: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const width = w === '*' ? num(next() as T) : w ? Number(w) : 0;
    let f = flags;
    let wd = width;
    if (wd < 0) {
      f += '-';
      wd = -wd;
    }
    const prec = pr === '*' ? num(next() as T) : pr !== undefined ? Number(pr || 0) : undefined;
    const a = next();
    const n = a === undefined ? 0 : num(a);
    const sign = (v: number, s: string) => (v >= 0 && f.includes('+') ? '+' : v >= 0 && f.includes(' ') ? ' ' : '') + s;
    switch (conv) {
      case 's': {
        const s = a === undefined ? '' : str(a);
        return pad(prec !== undefined ? s.slice(0, prec) : s, f, wd, false);
      }
      case 'c': {
        const s = a === undefined ? '' : typeof a === 'number' ? String.fromCharCode(n) : str(a).slice(0, 1);
        return pad(s, f, wd, false);
      }
      case 'd':
      case 'i': {
        const v = Math.trunc(n);
        let digits = String(Math.abs(v));
        if (prec !== undefined) digits = digits.padStart(prec, '0');
        return pad(sign(v, (v < 0 ? '-' : '') + digits), prec !== undefined ? f.replace('0', '') : f, wd, true);
      }
      case 'o':
      case 'u':
      case 'x':
      case 'X': {
        const v = Math.trunc(n);
        const u = v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v);
        let s = u.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
        if (conv === 'X') s = s.toUpperCase();
        if (f.includes('#') && v !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + s;
        return pad(s, f, wd, true);
      }
      case 'f':
        return pad(sign(n, n.toFixed(prec ?? 6)), f, wd, true);
      case 'e':
      case 'E':
        return pad(sign(n, expo(n, prec ?? 6, conv === 'E')), f, wd, true);
      default:
        return pad(sign(n, fmtG(n, prec ?? 6, conv === 'G', f.includes('#'))), f, wd, true);
    }
  });
}
