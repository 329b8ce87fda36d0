/**
 * The authoring guide works as written. Its walkthrough runs in a scratch course (the two
 * seed chapters the guide describes, and the repository's simulator, site sources and
 * node_modules linked in): every `file=` block is written, every `sh` block runs with `bash`
 * there in order and must exit as marked, every `text output` block equals what the commands
 * before it printed. Its check snippets are valid exercise checks covering every kind, its
 * custom check registers and works, its links resolve, and the messages it quotes are the
 * engine's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkSchema, exerciseSchema } from '../../../sim/check/schema.ts';
import { customCheck, registerCustomCheck } from '../../../sim/check/custom.ts';
import { createMachine } from '../../../sim/machine.ts';
import { subcommands } from '../../../sim/cli/index.ts';
import { evaluate } from '../../../sim/check/evaluate.ts';
import type { Check } from '../../../sim/check/schema.ts';
import { main as netlab } from '../../../sim/cli.ts';
import { exerciseProblems } from '../../../sim/lint/exercise-static.ts';
import { lintLesson } from '../../../sim/lint/lesson.ts';
import { lintEnv } from '../../../sim/cli/lint.ts';
import { schemaProblems } from '../../../sim/lint/zod-messages.ts';
import { commandLines, guideBlocks, type GuideBlock } from './guide-blocks.ts';

const repo = process.cwd();
const guide = readFileSync('docs/authoring.md', 'utf8');
const blocks = guideBlocks(guide);
const at = (b: GuideBlock) => `docs/authoring.md:${b.line}`;

/** Words of a command line with double quotes, as bash would split the guide's commands. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

/**
 * Runs one line in the scratch course: `npx netlab ...` in this process (what bin/netlab.mjs
 * does with its argv, without a tsx start-up per line; the bin itself is run once below),
 * anything else with bash.
 */
async function runLine(line: string): Promise<{ status: number; stdout: string; stderr: string }> {
  if (line.startsWith('npx netlab ') && !/[|;&<>$`'\\]/.test(line)) {
    let stdout = '';
    let stderr = '';
    process.chdir(scratch);
    try {
      const status = await netlab(words(line).slice(2), { out: (t) => (stdout += t), err: (t) => (stderr += t) });
      return { status, stdout, stderr };
    } finally {
      process.chdir(repo);
    }
  }
  const r = spawnSync('bash', ['-c', line], { cwd: scratch, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** The course the walkthrough assumes: two chapters, the last lesson's order 2. */
const SEEDS: Record<string, string> = {
  'content/01-linux-by-hand/01-network-namespaces.mdx': '---\ntitle: Network namespaces\ndescription: A seed lesson.\nchapter: Linux by hand\norder: 1\nworld: bare\nreadingMinutes: 1\n---\nSeed.\n',
  'content/02-docker/01-default-bridge.mdx': '---\ntitle: The default bridge\ndescription: A seed lesson.\nchapter: Docker\norder: 2\nworld: bare\nreadingMinutes: 1\n---\nSeed.\n',
};

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'netlab-guide-'));
  for (const d of ['node_modules', 'sim', 'src', 'components', 'docs']) symlinkSync(join(repo, d), join(scratch, d));
  for (const [p, text] of Object.entries(SEEDS)) {
    mkdirSync(dirname(join(scratch, p)), { recursive: true });
    writeFileSync(join(scratch, p), text);
  }
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the walkthrough, run as written', () => {
  test('every file block, command and output block', async () => {
    let printed: string | undefined;
    let ran = 0;
    for (const b of blocks) {
      if (b.file) {
        mkdirSync(dirname(join(scratch, b.file)), { recursive: true });
        writeFileSync(join(scratch, b.file), b.text);
        continue;
      }
      if (b.lang === 'sh' && !b.meta.includes('no-run')) {
        printed = '';
        for (const line of commandLines(b.text)) {
          const r = await runLine(line);
          printed += r.stdout;
          const why = `${at(b)}: \`${line}\` exited ${r.status}\n${r.stdout}${r.stderr}`;
          if (b.meta.includes('fails')) expect(r.status, why).not.toBe(0);
          else expect(r.status, why).toBe(0);
          ran++;
        }
      }
      if (b.lang === 'text' && b.meta.includes('output')) {
        expect(printed, `${at(b)}: an output block with no command before it`).toBeDefined();
        expect(printed, `${at(b)}: the output shown differs from what the commands print`).toBe(b.text);
        printed = undefined;
      }
    }
    expect(ran).toBeGreaterThanOrEqual(7);
    // The walkthrough really produced the lesson, its exercise and its course test.
    for (const p of ['content/03-filtering/01-keep-c1-off-the-web.mdx', 'content/03-filtering/01-keep-c1-off-the-web.exercise.yaml', 'tests/unit/course/03-keep-c1-off-the-web.test.ts'])
      expect(existsSync(join(scratch, p)), p).toBe(true);
  }, 240_000);

  test('npx netlab itself runs in a course folder', () => {
    const r = spawnSync('bash', ['-c', 'npx netlab lint content'], { cwd: scratch, encoding: 'utf8' });
    expect(r.stdout).toMatch(/^\d+ lessons?, \d+ exercises?: /m);
  }, 60_000);

  test('the exercise names the JSON Schema by a path that resolves from its folder', () => {
    const ex = blocks.find((b) => b.file?.endsWith('.exercise.yaml'))!;
    const m = ex.text.match(/^# yaml-language-server: \$schema=(\S+)$/m);
    expect(m).not.toBeNull();
    expect(resolve(repo, dirname(ex.file!), m![1])).toBe(join(repo, 'docs/exercise.schema.json'));
  });

  test('the probe messages the guide quotes are the ones the engine gives', async () => {
    process.chdir(scratch);
    try {
      const { lessonTrial } = await import('../../../sim/cli/trial.ts');
      const trial = lessonTrial('content/03-filtering/01-keep-c1-off-the-web.mdx');
      for (const c of trial.exercise.checks) delete c.feedback;
      const flat = guide.replace(/\s*\n\s*/g, ' ');
      for (const wrong of [['iptables -A FORWARD -s 10.0.0.2 -j DROP'], ['iptables -t nat -F']]) {
        const msg = trial.run(wrong).evaluation.results.find((r) => r.id === 'ping-works')!.message;
        expect(flat, `the guide should quote: ${msg}`).toContain(`\`${msg}\``);
      }
    } finally {
      process.chdir(repo);
    }
  });
});

describe('the check snippets', () => {
  const snippets = blocks.filter((b) => b.lang === 'yaml' && b.meta.includes('check'));

  test.each(snippets.map((b) => [at(b), b]))('%s is a valid list of checks', (_where, b) => {
    const checks = load((b as GuideBlock).text);
    expect(Array.isArray(checks)).toBe(true);
    const ex = { title: 'T', goal: 'G', checks, hints: [{ text: 'a' }, { text: 'b' }], solution: ['true'] };
    expect(schemaProblems(exerciseSchema, ex)).toEqual([]);
    expect(exerciseProblems(exerciseSchema.parse(ex))).toEqual([]);
  });

  test('every kind of check has an example, and every probe mode', () => {
    const used = snippets.flatMap((b) => load(b.text) as { kind: string; mode?: string; expect?: boolean; seesSrc?: string; anyOf?: string[] }[]);
    const kinds = checkSchema.options.map((o) => o.shape.kind.value);
    for (const k of kinds) expect(used.map((c) => c.kind), `no example of kind ${k}`).toContain(k);
    const reach = used.filter((c) => c.kind === 'reach');
    expect(reach.some((c) => c.mode === 'arrives')).toBe(true);
    expect(reach.some((c) => c.expect === false)).toBe(true);
    expect(reach.some((c) => c.seesSrc)).toBe(true);
    expect(used.some((c) => c.anyOf?.length)).toBe(true);
  });

  // Each snippet's checks on a machine where they must pass, and where they must fail: the
  // examples say what they claim. (same-as-reference needs an exercise; the walkthrough has one.)
  const C1 = [
    'ip netns add c1',
    'ip link add veth-c1 type veth peer name eth0 netns c1',
    'ip addr add 10.0.0.1/24 dev veth-c1',
    'ip link set veth-c1 up',
    'ip -n c1 addr add 10.0.0.2/24 dev eth0',
    'ip -n c1 link set eth0 up',
    'ip -n c1 route add default via 10.0.0.1',
    'sysctl -w net.ipv4.ip_forward=1',
  ];
  const NAT = 'iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o eth0 -j MASQUERADE';
  const PORT = ['ip link add br0 type bridge', 'ip link add veth1 type veth peer name v1', 'ip link set veth1 master br0'];
  const WEB = ['docker run -d --name web -p 8080:80 nginx'];
  const scenes: Record<string, { world: string; pass: string[]; fail: string[] }> = {
    'c1-exists': { world: 'bare', pass: ['ip netns add c1'], fail: [] },
    'veth-c1': { world: 'host', pass: C1, fail: C1.slice(0, 3) },
    port: { world: 'bare', pass: PORT, fail: [...PORT, 'ip addr add 172.18.0.1/16 dev veth1'] },
    'no-bridge': { world: 'bare', pass: [], fail: PORT },
    'c1-default': { world: 'host', pass: C1, fail: C1.slice(0, 6) },
    forwarding: { world: 'host', pass: C1, fail: [] },
    masquerade: { world: 'host', pass: [...C1, 'iptables -t nat -A POSTROUTING -s 10.0.0.0/24 ! -o veth-c1 -j MASQUERADE'], fail: [...C1, 'iptables -t nat -A POSTROUTING -j MASQUERADE'] },
    'forward-drop': { world: 'host', pass: ['iptables -P FORWARD DROP'], fail: [] },
    'c1-web': { world: 'host', pass: [...C1, NAT], fail: C1 },
    'c1-arrives': { world: 'host', pass: C1, fail: C1.slice(0, 7) },
    'c1-natted': { world: 'host', pass: [...C1, NAT], fail: C1 },
    'client-blocked': { world: 'host', pass: [...C1, NAT, 'iptables -A FORWARD -d 192.0.2.50 -j DROP'], fail: [...C1, NAT] },
    'host-untouched': { world: 'host', pass: [], fail: ['ip link add br9 type bridge'] },
    'web-eth0': { world: 'docker-host', pass: WEB, fail: [] },
    'web-on-docker0': { world: 'docker-host', pass: WEB, fail: ['docker network create --subnet 172.30.0.0/16 other', 'docker run -d --name web --network other nginx'] },
    'client-web': { world: 'docker-host', pass: WEB, fail: ['docker run -d --name web nginx'] },
  };

  test('each example check passes and fails where it says', () => {
    const checks = snippets.flatMap((b) => checkSchema.array().parse(load(b.text)) as Check[]);
    const judged = new Set<string>();
    for (const c of checks) {
      const scene = scenes[c.id];
      if (c.kind === 'same-as-reference') continue;
      expect(scene, `no scene for the guide's check ${c.id}`).toBeDefined();
      const ex = exerciseSchema.parse({ title: 'T', goal: 'G', checks: [c], hints: [{ text: 'a' }, { text: 'b' }], solution: ['true'] });
      for (const [lines, want] of [[scene.pass, true], [scene.fail, false]] as const) {
        const build = () => {
          const m = createMachine({ seed: 1, world: scene.world });
          for (const l of lines) m.run(l);
          return m;
        };
        const r = evaluate(ex, build(), { fork: build }).results[0];
        expect(r.pass, `${c.id} after ${JSON.stringify(lines)}: ${r.message}`).toBe(want);
      }
      judged.add(c.id);
    }
    expect(judged.size).toBeGreaterThanOrEqual(15);
  });

  test('the variants example is valid and fair in every variant, on the walkthrough lesson', () => {
    const b = blocks.find((x) => x.lang === 'yaml' && x.meta.includes('exercise'))!;
    const lessonText = blocks.find((x) => x.file?.endsWith('.mdx'))!.text;
    const data = load(b.text);
    expect(schemaProblems(exerciseSchema, data)).toEqual([]);
    expect((data as { variants: unknown[] }).variants.length).toBeGreaterThanOrEqual(2);
    const lint = lintLesson({ path: 'lesson.mdx', text: lessonText, exercise: { path: 'ex.yaml', text: b.text } }, lintEnv);
    expect(lint).toEqual([]);
  });

  test('the custom check registers and judges a machine', () => {
    const b = blocks.find((x) => x.lang === 'ts' && x.meta.includes('custom-check'))!;
    const js = transformSync(b.text, { loader: 'ts', format: 'cjs' }).code;
    new Function('registerCustomCheck', js)(registerCustomCheck);
    const name = b.text.match(/registerCustomCheck\('([^']+)'/)![1];
    const fn = customCheck(name)!;
    const m = createMachine({ seed: 1, world: 'host' });
    m.run('ip netns add c1');
    expect(fn(m.kernel, { count: 1 })).toEqual({ pass: true, why: '' });
    m.run('ip netns add c2');
    expect(fn(m.kernel, { count: 1 })).toEqual({ pass: false, why: 'there are 2 namespaces (c1, c2), not 1' });
  });
});

describe('the rest of the guide', () => {
  test('commands it does not run still name real scripts and subcommands', () => {
    const scripts = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).scripts);
    const names = subcommands.map((s) => s.name);
    for (const b of blocks.filter((x) => x.lang === 'sh'))
      for (const line of commandLines(b.text)) {
        const run = line.match(/^npm run ([\w:-]+)/);
        if (run) expect(scripts, `${at(b)}: ${line}`).toContain(run[1]);
        const netlab = line.match(/^npx netlab (\w+)/);
        if (netlab) expect(names, `${at(b)}: ${line}`).toContain(netlab[1]);
      }
  });

  test('its links resolve, in the repository and on the site', () => {
    const links = [...guide.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(links).toContain('schema-reference.md');
    for (const l of links) {
      if (l.startsWith('/')) expect(['/linux-by-hand/veth-pairs/']).toContain(l); // an example in prose
      else expect(existsSync(join('docs', l)), l).toBe(true);
    }
  });
});
