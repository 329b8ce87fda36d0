/** help and type: what the shell knows, from the builtins and the command registry. */
import type { ShellBuiltin } from './types.ts';
import { functionListing } from '../function-listing.ts';
import { errPrefix } from '../state.ts';
import { writeFd } from '../io.ts';

/** Commands installed under /usr/sbin on Debian 12 (the rest are in /usr/bin). */
const SBIN = new Set(['ip', 'bridge', 'iptables', 'iptables-save', 'iptables-restore', 'iptables-legacy', 'ip6tables', 'sysctl', 'brctl', 'ifconfig', 'route', 'arp', 'conntrack', 'tcpdump', 'nft']);
/** tcpdump is in /usr/bin. */
const BIN_OVERRIDE = new Set(['tcpdump']);

export const help: (names: () => string[]) => ShellBuiltin = (names) =>
  function* ({ io, argv, sh }) {
    if (argv.length > 1) {
      const known = names().includes(argv[1]);
      if (!known) {
        writeFd(io, 2, `${errPrefix(sh)}help: no help topics match \`${argv[1]}'.  Try \`help help' or \`man -k ${argv[1]}' or \`info ${argv[1]}'.\n`);
        return 1;
      }
      writeFd(io, 1, `${argv[1]}: a shell builtin of this lab.\n`);
      return 0;
    }
    writeFd(
      io,
      1,
      [
        'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)',
        "These shell commands are defined internally.  Type `help' to see this list.",
        "Type `help name' to find out more about the function `name'.",
        "Use `info bash' to find out more about the shell in general.",
        "Use `man -k' or `info' to find out more about commands not in this list.",
        '',
        ...names().map((n) => ` ${n}`),
        '',
      ].join('\n'),
    );
    return 0;
  };

export const type: (isBuiltin: (n: string) => boolean, isCommand: (n: string) => boolean) => ShellBuiltin = (isBuiltin, isCommand) =>
  function* ({ io, argv, sh }) {
    let status = 0;
    for (const n of argv.slice(1)) {
      const fn = sh.funcs?.get(n);
      if (fn) writeFd(io, 1, `${n} is a function\n${functionListing(fn)}`);
      else if (['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'function'].includes(n)) writeFd(io, 1, `${n} is a shell keyword\n`);
      else if (isBuiltin(n)) writeFd(io, 1, `${n} is a shell builtin\n`);
      else if (isCommand(n)) writeFd(io, 1, `${n} is ${SBIN.has(n) && !BIN_OVERRIDE.has(n) ? '/usr/sbin' : '/usr/bin'}/${n}\n`);
      else {
        writeFd(io, 2, `${errPrefix(sh)}type: ${n}: not found\n`);
        status = 1;
      }
    }
    return status;
  };
