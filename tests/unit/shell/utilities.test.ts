/**
 * Utilities through the public surface: a command line in, output and status out. Expected
 * texts are GNU coreutils'/grep's as recorded on the reference machine (see the shell-*
 * fidelity scenarios for the full transcripts).
 */
import { describe, expect, it } from 'vitest';
import { createMachine } from '../../../sim/index.ts';

const run = (line: string) => createMachine({ seed: 1, world: 'bare' }).run(line, { mode: 'bash-c' });

describe('utilities', () => {
  const cases: [string, string, number][] = [
    ["printf 'b\\na\\nb\\n' | sort | uniq -c", '      1 a\n      2 b\n', 0],
    ["printf 'x y\\nz\\n' | wc", '      2       3       6\n', 0],
    ["printf 'x y\\nz\\n' | wc -w", '3\n', 0],
    ["printf '1\\n2\\n3\\n' | tail -n +2", '2\n3\n', 0],
    ["printf '1\\n2\\n3\\n' | head -n 1", '1\n', 0],
    ['head -n x', "head: invalid number of lines: ‘x’\n", 1],
    ["printf 'Ab\\nab\\ncd\\n' | grep -i ab", 'Ab\nab\n', 0],
    ["printf 'ab\\ncd\\n' | grep -v ab", 'cd\n', 0],
    ["printf 'ab\\ncd\\n' | grep -n c", '2:cd\n', 0],
    ["printf 'ab\\ncd\\n' | grep -E 'a|d'", 'ab\ncd\n', 0],
    ['grep', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2],
    ['grep x /nope', 'grep: /nope: No such file or directory\n', 2],
    ["grep -E '(' /etc/hosts", 'grep: Unmatched ( or \\(\n', 2],
    ["printf 'a:b\\n' | cut -d: -f2", 'b\n', 0],
    ["printf 'hello\\n' | tr a-z A-Z", 'HELLO\n', 0],
    ['echo -e "a\\tb"', 'a\tb\n', 0],
    ['echo -n x', 'x', 0],
    ["printf '%5s|%-3d|%x\\n' ab 7 255", '   ab|7  |ff\n', 0],
    ["printf '%d\\n' zz", 'bash: line 1: printf: zz: invalid number\n0\n', 1],
    ['cat /nope', 'cat: /nope: No such file or directory\n', 1],
    ['cat /tmp', 'cat: /tmp: Is a directory\n', 1],
    ['echo a | tee /tmp/t >/dev/null; cat /tmp/t', 'a\n', 0],
    ['mkdir /tmp/d; mkdir /tmp/d', 'mkdir: cannot create directory ‘/tmp/d’: File exists\n', 1],
    ['rm /nope', "rm: cannot remove '/nope': No such file or directory\n", 1],
    ['touch /tmp/f; ls /tmp', 'f\n', 0],
    ['sleep x', "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n", 1],
    ['seq 3 | sort -r', '3\n2\n1\n', 0],
    ['[ 1 -lt 2 ] && test -d /tmp && echo ok', 'ok\n', 0],
    ['whoami; id', 'root\nuid=0(root) gid=0(root) groups=0(root)\n', 0],
    ['hostname', 'host\n', 0],
    ['clear', '\x1b[H\x1b[2J\x1b[3J', 0],
    ['cd /etc; cat hostname', 'host\n', 0],
    ['echo $((6*7)) ${HOME}', '42 /root\n', 0],
    ["sh -c 'echo -e x; foo'", '-e x\nsh: 1: foo: not found\n', 127],
    ['bash -c "exit 9"', '', 9],
  ];
  it.each(cases)('%s', (line, output, exitCode) => {
    expect(run(line)).toMatchObject({ output, exitCode });
  });
});

describe('file system', () => {
  it('/proc/sys is per namespace and rejects bad values', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    m.run('ip netns add a');
    expect(m.run('echo 1 > /proc/sys/net/ipv4/ip_forward; cat /proc/sys/net/ipv4/ip_forward').output).toBe('1\n');
    expect(m.run('ip netns exec a cat /proc/sys/net/ipv4/ip_forward').output).toBe('0\n');
    expect(m.run('echo nope > /proc/sys/net/ipv4/ip_forward', { mode: 'bash-c' })).toMatchObject({ output: 'bash: line 1: echo: write error: Invalid argument\n', exitCode: 1 });
    expect(m.run('cat /proc/sys/net/ipv4/ip_forward').output).toBe('1\n');
    expect(m.run('sysctl -n net.ipv4.ip_forward').output).toBe('1\n');
  });

  it('/run/netns lists named namespaces', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    m.run('ip netns add b; ip netns add a');
    expect(m.run('ls /run/netns').output).toBe('a\nb\n');
    m.run('ip netns del a');
    expect(m.run('ls /run/netns').output).toBe('b\n');
  });

  it('redirection errors are the shell\'s, in each dialect', () => {
    const m = createMachine({ seed: 1, world: 'bare' });
    expect(m.run('echo x > /no/f').output).toBe('bash: /no/f: No such file or directory\n');
    expect(m.run("sh -c 'echo x > /no/f'")).toMatchObject({ output: 'sh: 1: cannot create /no/f: Directory nonexistent\n', exitCode: 2 });
  });
});
