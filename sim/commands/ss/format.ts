/**
 * printf's %g as ss uses it (rtt:%g, mrtt:%g, %.3g for rates): `precision` significant
 * digits, trailing zeros dropped, exponent form only for very small or large values.
 */
export function fmtG(x: number, precision = 6): string {
  if (x === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  let s: string;
  if (exp < -4 || exp >= precision) {
    const [m, e] = x.toExponential(precision - 1).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    const n = Number(e);
    s = `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  } else {
    s = x.toPrecision(precision);
    // toPrecision may round up into the next decade (9.995 -> "10.0"); both forms agree after trimming.
    if (s.includes('e')) s = String(Number(s));
    if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

/** sprint_bw: bits per second, raw with -n, else with a k/M/G/T prefix and 3 digits. */
export function fmtBw(bps: number, numeric: boolean): string {
  if (numeric) return bps.toFixed(0);
  if (bps >= 1e12) return `${fmtG(bps / 1e12, 3)}T`;
  if (bps >= 1e9) return `${fmtG(bps / 1e9, 3)}G`;
  if (bps >= 1e6) return `${fmtG(bps / 1e6, 3)}M`;
  if (bps >= 1e3) return `${fmtG(bps / 1e3, 3)}k`;
  return fmtG(bps);
}

/** print_ms_timer: "59sec", "1.500ms"-like forms as ss prints a timer's remaining time. */
export function fmtMsTimer(timeout: number): string {
  let secs = Math.floor(timeout / 1000);
  const minutes = Math.floor(secs / 60);
  secs %= 60;
  let msecs = timeout % 1000;
  let out = '';
  if (minutes) {
    msecs = 0;
    out += `${minutes}min`;
    if (minutes > 9) secs = 0;
  }
  if (secs) {
    if (secs > 9) msecs = 0;
    out += `${secs}${msecs ? '.' : 'sec'}`;
  }
  if (msecs) out += `${String(msecs).padStart(3, '0')}ms`;
  return out;
}
