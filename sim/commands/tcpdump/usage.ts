/**
 * tcpdump's version banner and usage, as Debian 12's tcpdump 4.99.3 prints them on the
 * reference machine (the OpenSSL line is the library it was linked against there).
 */

/** `tcpdump --version`. */
export function versionText(): string {
  return 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n';
}

/** print_usage(): the version lines and the option summary. */
export function usageText(): string {
  return (
    versionText() +
    'Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n' +
    '\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n' +
    '\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n' +
    '\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n' +
    '\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n' +
    '\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n' +
    '\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n' +
    '\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]\n'
  );
}
