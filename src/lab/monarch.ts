/**
 * Monarch grammars (Monaco's tokenizer format) for the two kinds of file the lab edits:
 * shell scripts and iptables-save / iptables-restore rulesets. Plain data, so they load with
 * the editor chunk and cost the lesson page nothing.
 */

/** Minimal Monarch language shape (monaco.languages.IMonarchLanguage without the import). */
export interface MonarchLanguage {
  tokenizer: Record<string, unknown[]>;
  [key: string]: unknown;
}

/** Shell: comments, strings, variables, keywords, options and the lab's commands. */
export const shellLanguage: MonarchLanguage = {
  defaultToken: '',
  keywords: ['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'do', 'done', 'case', 'esac', 'in', 'function', 'return', 'exit'],
  commands: ['ip', 'iptables', 'iptables-save', 'iptables-restore', 'bridge', 'brctl', 'sysctl', 'ping', 'nc', 'docker', 'echo', 'cat', 'sh', 'tcpdump', 'conntrack', 'ifconfig'],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9?#@*$!-]/, 'variable'],
      [/"/, 'string', '@dstring'],
      [/'[^']*'/, 'string'],
      [/(^|\s)(--?[A-Za-z0-9][A-Za-z0-9-]*)/, ['', 'attribute.name']],
      [/\d+(\.\d+){3}(\/\d+)?/, 'number'],
      [/[A-Za-z_][\w-]*/, { cases: { '@keywords': 'keyword', '@commands': 'type.identifier', '@default': '' } }],
      [/[|&;<>]+/, 'delimiter'],
      [/\d+/, 'number'],
    ],
    dstring: [
      [/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/, 'variable'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
      [/[^"\\$]+/, 'string'],
      [/./, 'string'],
    ],
  },
};

/** iptables-save format: *table, :CHAIN POLICY [p:b], -A rules, COMMIT, comments. */
export const iptablesSaveLanguage: MonarchLanguage = {
  defaultToken: '',
  targets: ['ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG', 'MASQUERADE', 'SNAT', 'DNAT', 'REDIRECT', 'MARK', 'CONNMARK', 'NOTRACK', 'TRACE'],
  tokenizer: {
    root: [
      [/^#.*$/, 'comment'],
      [/^\*[a-z]+/, 'keyword'],
      [/^COMMIT\b/, 'keyword'],
      [/^(:)([^\s]+)(\s+)([^\s]+)/, ['delimiter', 'type.identifier', '', { cases: { '@targets': 'constant', '-': 'constant', '@default': '' } }]],
      [/\[\d+:\d+\]/, 'number'],
      [/^-[A-Z]\b|--?[a-z][a-z0-9-]*/, 'attribute.name'],
      [/"/, 'string', '@dstring'],
      [/!/, 'operators'],
      [/\d+(\.\d+){3}(\/\d+)?(:\d+)?/, 'number'],
      [/[A-Z][A-Z0-9_-]*/, { cases: { '@targets': 'constant', '@default': 'type.identifier' } }],
      [/\d+(:\d+)?/, 'number'],
    ],
    dstring: [
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
      [/[^"\\]+/, 'string'],
    ],
  },
};

/** Which language and which command apply a file, by its name. */
export function fileKind(path: string): { language: 'shell' | 'iptables-save'; apply: string } {
  if (/\.(sh|bash)$/.test(path)) return { language: 'shell', apply: `sh ${path}` };
  return { language: 'iptables-save', apply: `iptables-restore < ${path}` };
}
