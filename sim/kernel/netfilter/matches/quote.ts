/** Quoting of free-text option values in -S and iptables-save output (xtables_save_string). */
const PLAIN = /^[_\-0-9a-zA-Z]+$/;

/** ` value` when it is plain, else ` "value"` with `"`, `\` and `'` escaped. */
export function saveString(v: string): string {
  if (PLAIN.test(v)) return ` ${v}`;
  return ` "${v.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}
