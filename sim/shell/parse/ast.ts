/**
 * The shell's syntax tree. Words keep their quoting as parts so expansion can decide what
 * is split into fields and what stays literal.
 */

/** One piece of a word. `q` marks text inside double quotes (no field splitting). */
export type WordPart =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'var'; name: string; q: boolean }
  | { t: 'cmd'; src: string; q: boolean }
  | { t: 'arith'; src: string; q: boolean }
  | { t: 'tilde' };

export interface Word {
  parts: WordPart[];
  /** The word as typed (for messages and for reserved-word checks). */
  raw: string;
}

/** A redirection: `fd op target`, e.g. 2>&1, >>file, <file, <<<text. */
export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<<' | '<<';
  /* For `<<`, target is the here-document's body (expanded unless the delimiter was quoted). */
  target: Word;
}

export interface Assign {
  name: string;
  value: Word;
}

export type Command =
  | { type: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redir[]; line: number }
  | { type: 'subshell'; body: List; redirs: Redir[]; line: number }
  | { type: 'group'; body: List; redirs: Redir[]; line: number }
  | { type: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List; redirs: Redir[]; line: number }
  | { type: 'for'; name: string; items?: Word[]; body: List; redirs: Redir[]; line: number }
  | { type: 'while'; until: boolean; cond: List; body: List; redirs: Redir[]; line: number }
  /** `name() compound` or `function name [()] compound`: defines, runs nothing. */
  | { type: 'funcdef'; name: string; body: Command; redirs: Redir[]; line: number };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** A list of and-or items, each run in the foreground (`;`, newline) or background (`&`). */
export interface List {
  items: { andOr: AndOr; background: boolean }[];
}
