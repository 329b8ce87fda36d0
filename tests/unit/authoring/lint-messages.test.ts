/**
 * What an instructor sees when a lesson or exercise is wrong: every diagnostic names the file,
 * the line and the field, and says what to change. A deliberately broken course in a temp
 * directory goes through `netlab lint` exactly as an instructor would run it.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lintCommand } from '../../../sim/cli/lint.ts';
import { newCommand } from '../../../sim/cli/new.ts';
import { checkCommand } from '../../../sim/cli/check.ts';
import { yamlPathLine } from '../../../sim/lint/yaml-lines.ts';
import { didYouMean } from '../../../sim/lint/zod-messages.ts';
import { exerciseSchema } from '../../../sim/check/schema.ts';

const here = process.cwd();
let dir = '';

async function cli(cmd: typeof lintCommand, args: string[]) {
  let out = '';
  let err = '';
  const code = await cmd.run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, lines: out.split('\n').filter(Boolean) };
}

function write(path: string, text: string) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const front = (extra: string) => `---\ntitle: T\ndescription: D\nchapter: Broken\n${extra}---\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netlab-lint-'));
  process.chdir(dir);
  write('content/01-broken/01-frontmatter.mdx', `${front('order: 1\nworld: hosts\nreadingMinute: 5\n')}See [nothing](/nowhere/).\n`);
  write(
    'content/01-broken/02-commands.mdx',
    `${front('order: 2\nreadingMinutes: 3\nsetup:\n  - ip netns add c1\n  - ip link add v0 type veth peer name eth0 netns nowhere\n')}` +
      'Text.\n\n```sh\nip link set nope up\nping -c 1 -W 1 10.9.9.9\n```\n',
  );
  write('content/01-broken/03-schema.mdx', `${front('order: 3\nreadingMinutes: 3\n')}Text.\n`);
  write(
    'content/01-broken/03-schema.exercise.yaml',
    [
      'title: Broken',
      'goal: ""',
      'checks:',
      '  - id: Upper',
      '    label: A',
      '    kind: netns',
      '    nam: c1',
      '  - id: b',
      '    label: B',
      '    kind: linky',
      '  - id: c',
      '    label: C',
      '    kind: sysctl',
      '    key: net.ipv4.ip_forward',
      '    value: 1',
      'hints:',
      '  - text: only one',
      'solution:',
      '  - ip netns add c1',
      'extra: 1',
      '',
    ].join('\n'),
  );
  write('content/01-broken/04-semantics.mdx', `${front('order: 3\nreadingMinutes: 3\n')}Text.\n`);
  write(
    'content/01-broken/04-semantics.exercise.yaml',
    [
      'title: Semantics',
      'goal: Make c1.',
      'checks:',
      '  - id: ns',
      '    label: c1 exists',
      '    kind: netns',
      '    name: c1',
      '  - id: rule',
      '    label: web allowed',
      '    kind: rule',
      '    chain: FORWARD',
      '    rule: -p tcp --dprt 80 -j ACCEPT',
      '  - id: web',
      '    label: web reachable',
      '    kind: reach',
      '    from: c1',
      '    to: 203.0.113.80',
      '    proto: tcp',
      '    seeSrc: 192.0.2.10',
      '  - id: mine',
      '    label: custom',
      '    kind: custom',
      '    fn: no-such-check',
      'hints:',
      '  - text: a',
      '    check: ns',
      '  - text: b',
      'solution:',
      '  - ip netns add c1',
      '  - ip link set bogus up',
      '',
    ].join('\n'),
  );
  write('content/01-broken/06-setup.mdx', `${front('order: 6\nworld: bare\nreadingMinutes: 3\n')}Text.\n`);
  write(
    'content/01-broken/06-setup.exercise.yaml',
    'title: Setup\ngoal: Make c2.\nsetup:\n  - ip netns add c1\n  - ip link set ghost up\nchecks:\n  - { id: c2, label: c2 exists, kind: netns, name: c2 }\nhints:\n  - { text: a, check: c2 }\n  - { text: b }\nsolution:\n  - ip netns add c2\n',
  );
  write('trial.txt', '# a wrong answer, with a typo\nip netns add c3\n\nip nets add c2\n');
  write('content/01-broken/05-orphan.exercise.yaml', 'title: x\n');
  write('content/01-broken/02-commands.exercise.yml', 'title: x\n');
});

afterAll(() => {
  process.chdir(here);
  rmSync(dir, { recursive: true, force: true });
});

describe('netlab lint on a broken course', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const r = await cli(lintCommand, ['content']);
    expect(r.code).toBe(1);
    lines = r.lines;
  });
  const has = (line: string) => expect(lines, lines.join("\n")).toContain(line);

  test('frontmatter: wrong value with a suggestion, unknown field with its likely name, missing field with its meaning', () => {
    const f = 'content/01-broken/01-frontmatter.mdx';
    has(`${f}:6: world: "hosts" is not allowed here (did you mean "host"?); use one of: bare, host, docker-host`);
    has(`${f}:7: readingMinute: unknown field "readingMinute" (did you mean "readingMinutes"?)`);
    has(`${f}:1: readingMinutes: required field is missing: Estimated minutes to read the lesson prose.`);
    has(`${f}:9: link to /nowhere/, which is no page of the site`);
  });

  test('commands: the failing setup line and shown command, with the command and the gist of its output', () => {
    const f = 'content/01-broken/02-commands.mdx';
    has(`${f}:9: setup.1: setup command \`ip link add v0 type veth peer name eth0 netns nowhere\` fails (exit 255): Error: argument "nowhere" is wrong: Invalid "netns" value`);
    has(`${f}:14: \`ip link set nope up\` exits 1: Cannot find device "nope" (if the lesson means it to fail, mark its block \`\`\`sh fails)`);
    expect(lines.find((l) => l.startsWith(`${f}:15:`))).toMatch(/exits 1: PING 10\.9\.9\.9 .* \.\.\. 1 packets transmitted, 0 received/);
  });

  test('exercise schema: each problem at its own line, in words', () => {
    const f = 'content/01-broken/03-schema.exercise.yaml';
    has(`${f}:2: goal: must not be empty: What the learner must achieve, in one paragraph (Markdown).`);
    has(`${f}:4: checks.0.id: "Upper": use lower-case letters, digits and dashes`);
    has(`${f}:7: checks.0.nam: unknown field "nam" (did you mean "name"?)`);
    has(`${f}:10: checks.1.kind: unknown kind "linky" (did you mean "link"?); the kinds are netns, link, no-link-kind, route, sysctl, rule, policy, reach, same-as-reference, custom`);
    has(`${f}:15: checks.2.value: expected text, got the number 1: quote it ("1")`);
    has(`${f}:16: hints: needs at least 2 entries, has 1 (At least two hints, revealed one at a time.)`);
    has(`${f}:20: extra: unknown field "extra"; the fields here are ${Object.keys(exerciseSchema.shape).join(', ')}`);
    expect(lines.some((l) => l.includes('Invalid input') || l.includes('Too small'))).toBe(false);
  });

  test('exercise semantics: a rule iptables refuses, a probe without a port, a misspelt optional field, an unknown custom check', () => {
    const f = 'content/01-broken/04-semantics.exercise.yaml';
    has(`${f}:12: checks.1.rule: iptables would refuse this rule: unknown option "--dprt"`);
    has(`${f}:13: checks.2.port: a tcp probe needs a port (add \`port: N\`)`);
    has(`${f}:19: checks.2.seeSrc: unknown field "seeSrc" (did you mean "seesSrc"?)`);
    has(`${f}:23: checks.3.fn: no custom check named "no-such-check" is registered (registerCustomCheck in sim/check/custom.ts)`);
    has(`${f}:30: solution.1: solution command \`ip link set bogus up\` fails (exit 1): Cannot find device "bogus"`);
    has(`${f}:8: checks.1: the reference solution fails check "rule": the filter table's FORWARD chain in the host has no rule like \`-p tcp --dprt 80 -j ACCEPT\``);
  });

  test("exercise setup: its failing line, after the lesson's setup", () => {
    has('content/01-broken/06-setup.exercise.yaml:5: setup.1: setup command `ip link set ghost up` fails (exit 1): Cannot find device "ghost"');
  });

  test('course: a taken order, an exercise without its lesson, a .yml exercise', () => {
    has('content/01-broken/04-semantics.mdx:5: order: order 3 is already taken by content/01-broken/03-schema.mdx: every lesson needs its own place in the course');
    has('content/01-broken/05-orphan.exercise.yaml: no lesson content/01-broken/05-orphan.mdx beside it: an exercise file takes its lesson\'s name (NN-name.mdx + NN-name.exercise.yaml)');
    has('content/01-broken/02-commands.exercise.yml: exercise files end in .exercise.yaml; rename it to content/01-broken/02-commands.exercise.yaml or the site never loads it');
  });

  test('every diagnostic names a file, and all but the file-level ones a line', () => {
    const fileLevel = /\.exercise\.ya?ml: (no lesson|exercise files end)/;
    for (const l of lines.slice(0, -1)) expect(l, l).toMatch(fileLevel.test(l) ? /^content\/\S+: / : /^content\/\S+:\d+: /);
  });
});

describe('netlab check', () => {
  test('names the script lines that fail, so a typo does not pass for a wrong answer', async () => {
    const r = await cli(checkCommand, ['content/01-broken/06-setup.mdx', 'trial.txt']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('trial.txt:4: `ip nets add c2` exits 1: ');
    expect(r.out).toBe('Setup\n  [ ] c2 exists\n        there is no network namespace named c2\n0% not complete\n');
  });
});

describe('netlab new, then lint', () => {
  test('a new chapter and lesson: paths, next steps, order after the last lesson, and lint lists the placeholders', async () => {
    const ch = await cli(newCommand, ['chapter', 'Port publishing']);
    expect(ch.out).toBe('created content/02-port-publishing/\nnext: npx netlab new lesson content/02-port-publishing "Lesson title"\n');
    const l = await cli(newCommand, ['lesson', 'content/02-port-publishing', 'Publish a port']);
    expect(l.lines).toEqual([
      'created content/02-port-publishing/01-publish-a-port.mdx (order 7, chapter "Port publishing")',
      'created content/02-port-publishing/01-publish-a-port.exercise.yaml',
      'next: write both (the TODOs), then npx netlab lint content until it says all good',
    ]);
    const ex = readFileSync('content/02-port-publishing/01-publish-a-port.exercise.yaml', 'utf8');
    expect(ex.split('\n')[0]).toBe('# yaml-language-server: $schema=../../docs/exercise.schema.json');
    const sibling = await cli(newCommand, ['lesson', 'content/01-broken', 'One more']);
    expect(sibling.lines[0]).toBe('created content/01-broken/07-one-more.mdx (order 8, chapter "Broken")');
    const r = await cli(lintCommand, ['content/02-port-publishing']);
    expect(r.lines).toEqual([
      'content/02-port-publishing/01-publish-a-port.mdx:3: description: still placeholder text from netlab new: "TODO: one or two sentences on what the learner will do."',
      'content/02-port-publishing/01-publish-a-port.exercise.yaml:4: title: still placeholder text from netlab new: "TODO"',
      'content/02-port-publishing/01-publish-a-port.exercise.yaml:5: goal: still placeholder text from netlab new: "TODO, what the learner must achieve."',
      '1 lesson, 1 exercise: 3 problems',
    ]);
  });

  test('a title with nothing to name a file after is refused', async () => {
    const r = await cli(newCommand, ['chapter', '!!']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('netlab new: the title "!!" has no letters or digits to name a file after\n');
  });
});

describe('pointing at a YAML field', () => {
  const yaml = 'title: x\nchecks:\n  - id: a\n    kind: netns\n\n    # a comment\n    name: c1\n  - { id: b, kind: link }\nhints:\n- text: h\n  check: a\n';
  test.each([
    [['title'], 1],
    [['checks'], 2],
    [['checks', 0], 3],
    [['checks', 0, 'id'], 3],
    [['checks', 0, 'name'], 7],
    [['checks', 1, 'kind'], 8],
    [['hints', 0, 'check'], 11],
    [['nothing'], undefined],
  ] as const)('%j is on line %s', (path, line) => {
    expect(yamlPathLine(yaml, path)).toBe(line);
  });

  test('suggestions only for near misses', () => {
    expect(didYouMean('seeSrc', ['seesSrc', 'from', 'to'])).toBe(' (did you mean "seesSrc"?)');
    expect(didYouMean('zzz', ['seesSrc', 'from', 'to'])).toBe('');
  });
});
