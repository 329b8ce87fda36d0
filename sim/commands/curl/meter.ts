/**
 * curl's progress meter (lib/progress.c), shown on stderr when not silent and the body does
 * not go to a terminal: a two-line header, then a line redrawn with \r, ended with \n.
 */
const HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** max5data(): a size in at most five characters. */
function max5(n: number): string {
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * 1024) return `${Math.floor(n / 1024)}k`.padStart(5);
  return `${Math.floor(n / 1048576)}M`.padStart(5);
}

function line(percent: number, total: number, got: number, speed: number): string {
  const p3 = (x: number) => String(x).padStart(3);
  const t = '--:--:--';
  return `\r${p3(percent)} ${max5(total)}  ${p3(0)} ${max5(got)}  ${p3(0)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${t} ${t} ${t} ${max5(speed)}`;
}

/** The meter for a transfer that received `bytes` in `ms` (0 bytes: a failed connect). */
export function meter(bytes: number, ms: number): string {
  const first = line(0, 0, 0, 0);
  if (bytes === 0) return HEADER + first + line(0, 0, 0, 0) + '\n';
  const speed = Math.floor((bytes * 1000) / Math.max(1, ms));
  return HEADER + first + line(100, bytes, bytes, speed) + '\n';
}
