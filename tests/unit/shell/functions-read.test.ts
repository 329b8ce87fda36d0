import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const bare = () => createMachine({ seed: 1, world: 'bare' });

describe('shell functions in the interactive shell', () => {
  it('keeps a function defined on one line for the next lines', () => {
    const m = bare();
    expect(m.run('greet() { echo "hello $1 ($#)"; }')).toMatchObject({ output: '', exitCode: 0 });
    expect(m.run('greet world').output).toBe('hello world (1)\n');
    m.run('function twice { greet "$@"; greet again; return 7; }');
    expect(m.run('twice a b')).toMatchObject({ output: 'hello a (2)\nhello again (1)\n', exitCode: 7 });
    expect(m.run('echo $?').output).toBe('7\n');
  });

  it('restores locals and positional parameters after the call', () => {
    const m = bare();
    m.run('x=outer; f() { local x=inner; shift; echo "$x $1"; }');
    expect(m.run('f a b; echo "$x [$1]"').output).toBe('inner b\nouter []\n');
  });

  it('prints interactive messages without line numbers, also inside functions', () => {
    const m = bare();
    expect(m.run('return')).toMatchObject({ output: "bash: return: can only `return' from a function or sourced script\n", exitCode: 2 });
    expect(m.run('local x').output).toBe('bash: local: can only be used in a function\n');
    m.run('f() { cd /nope; }');
    expect(m.run('f').output).toBe('bash: cd: /nope: No such file or directory\n');
    expect(m.run('g() { return 1 2; }; g').output).toBe('bash: return: too many arguments\n');
  });

  it('rejects a simple command or an empty group as a function body', () => {
    const m = bare();
    expect(m.run('f() echo x').output).toBe("bash: syntax error near unexpected token `echo'\n");
    expect(m.run('f() { }').output).toBe("bash: syntax error near unexpected token `}'\n");
  });

  it('a function can shadow a builtin; builtin reaches the original', () => {
    const m = bare();
    m.run('cd() { builtin cd "$@" && echo "now in $PWD"; }');
    expect(m.run('cd /tmp').output).toBe('now in /tmp\n');
    expect(m.prompt()).toBe('root@host:/tmp# ');
    m.run('unset -f cd');
    expect(m.run('cd /').output).toBe('');
  });
});

describe('read', () => {
  it('consumes one line per call from the same input', () => {
    const m = bare();
    expect(m.run("printf '1 2\\n3 4\\n' | { read a b; read c d; echo $d$c$b$a; }").output).toBe('4321\n');
  });

  it('loops over a file line by line, keeping variables set in the loop', () => {
    const m = bare();
    m.run("printf 'eth0 up\\nlo down\\n' > /tmp/l");
    expect(m.run('n=0; while read -r dev st; do n=$((n+1)); echo "$n:$st:$dev"; done < /tmp/l; echo $n').output).toBe(
      '1:up:eth0\n2:down:lo\n2\n',
    );
  });

  it('returns 1 at end of input and keeps a last line without newline', () => {
    const m = bare();
    expect(m.run("printf 'x' | { read a; echo $? $a; read b; echo $? [$b]; }").output).toBe('1 x\n1 []\n');
  });

  it('expands $(( )) parameters inside functions (recursion)', () => {
    const m = bare();
    m.run('count() { echo $1; [ $1 -gt 0 ] && count $(($1 - 1)); }');
    expect(m.run('count 2').output).toBe('2\n1\n0\n');
  });
});

describe('type NAME for a function', () => {
  it('regenerates the body as bash does, trailing spaces after "()" and "{" included', () => {
    const m = bare();
    m.run('f() { echo a; ls | wc -l && echo b; }');
    expect(m.run('type f').output).toBe('f is a function\nf () \n{ \n    echo a;\n    ls | wc -l && echo b\n}\n');
  });
});
