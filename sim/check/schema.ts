/**
 * Exercise data: what an instructor writes (in `content/<chapter>/<lesson>.exercise.yaml`),
 * validated here. One schema, one place; every field says what it is for, and the authoring
 * guide prints these descriptions. Types are inferred from the schemas.
 *
 * Checks verify the machine the learner built, never the keystrokes: state checks read a
 * snapshot, probes send traffic on a copy of the machine, `same-as-reference` compares
 * behaviour with the reference solution's machine.
 */
import { z } from 'zod';

const netns = z
  .string()
  .min(1)
  .default('host')
  .describe(
    'Where to look: `host` for the host namespace, a named namespace (`c1`), a world machine (`client`, `remote`, `gateway`) or, on docker-host, `container:NAME`.',
  );

const base = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
    .describe('Stable identifier of the check, unique in the exercise; hints refer to it.'),
  label: z.string().min(1).describe('What the learner sees in the checklist, phrased as the goal ("c1 has its loopback up").'),
  feedback: z
    .string()
    .optional()
    .describe('Shown while the check fails, instead of the generated explanation. Speak about the topology, not keystrokes.'),
  weight: z.number().positive().default(1).describe('Share of the exercise score this check carries (partial credit).'),
};

/** A namespace exists (or does not). */
const netnsCheck = z.object({
  ...base,
  kind: z.literal('netns'),
  name: z.string().min(1).describe('Name of the network namespace, as `ip netns list` shows it.'),
  present: z.boolean().default(true).describe('false: the check passes when the namespace does not exist.'),
}).describe('A network namespace exists (or, with `present: false`, does not).');

/** A link with the given properties exists in a namespace (or no such link exists). */
const linkCheck = z.object({
  ...base,
  kind: z.literal('link'),
  netns,
  name: z.string().min(1).describe('Interface name, e.g. `veth0` or `br0`.'),
  type: z.enum(['loopback', 'veth', 'bridge', 'dummy', 'ether']).optional().describe('Link kind, as `ip -d link` shows it.'),
  up: z.boolean().optional().describe('true: administratively UP (and, for veth, its carrier is up); false: DOWN.'),
  address: z
    .string()
    .optional()
    .describe('An IPv4 address with prefix that must be on the link, e.g. `10.0.0.1/24`.'),
  noAddressIn: z
    .string()
    .optional()
    .describe('A prefix (e.g. `172.18.0.0/16`) no address on the link may fall in.'),
  master: z.string().optional().describe('Name of the bridge the link must be enslaved to (`master br0`).'),
  peerNetns: z.string().optional().describe('For a veth: the namespace its peer must be in.'),
  present: z.boolean().default(true).describe('false: the check passes when no such link exists.'),
}).describe('A link with all the given properties exists in a namespace (or, with `present: false`, no such link exists). Only the properties you give are compared.');

/** No link of a kind exists in a namespace (e.g. "no bridge was used"). */
const noLinkKindCheck = z.object({
  ...base,
  kind: z.literal('no-link-kind'),
  netns,
  type: z.enum(['veth', 'bridge', 'dummy']).describe('The link kind that must not exist.'),
}).describe('No link of a kind exists in a namespace: closes a shortcut such as "use a bridge" when the lesson is about doing without one.');

/** A route exists in a namespace's main table. */
const routeCheck = z.object({
  ...base,
  kind: z.literal('route'),
  netns,
  dst: z.string().min(1).describe('`default` or a prefix such as `10.0.0.0/24`.'),
  via: z.string().optional().describe('Gateway address the route must use.'),
  dev: z.string().optional().describe('Output device the route must use.'),
  present: z.boolean().default(true).describe('false: the check passes when no such route exists.'),
}).describe("A route exists in a namespace's main table (or, with `present: false`, does not). Only the properties you give are compared.");

/** A sysctl has a value in a namespace. */
const sysctlCheck = z.object({
  ...base,
  kind: z.literal('sysctl'),
  netns,
  key: z.string().min(1).describe('Dotted sysctl name, e.g. `net.ipv4.ip_forward`.'),
  value: z.string().describe('Expected value, as `sysctl -n` prints it.'),
}).describe('A sysctl has a value in a namespace (e.g. `net.ipv4.ip_forward` is `1`).');

/** An iptables rule exists (compared by meaning, not text). */
const ruleCheck = z.object({
  ...base,
  kind: z.literal('rule'),
  netns,
  table: z.enum(['filter', 'nat', 'mangle', 'raw']).default('filter').describe('iptables table.'),
  chain: z.string().min(1).describe('Chain the rule must be in, e.g. `POSTROUTING`.'),
  rule: z
    .string()
    .min(1)
    .describe(
      'The rule as you would append it, without `-A CHAIN`: `-s 172.18.0.0/16 ! -o br0 -j MASQUERADE`. Compared by meaning: `-p tcp --dport 80` equals `-p tcp -m tcp --dport 80`.',
    ),
  anyOf: z
    .array(z.string().min(1))
    .optional()
    .describe('Alternative rules that also satisfy the check (e.g. `-o eth0` instead of `! -o br0`).'),
  present: z.boolean().default(true).describe('false: the check passes when no such rule exists.'),
}).describe('An iptables rule exists in a chain, compared by meaning rather than text (or, with `present: false`, no such rule exists).');

/** A built-in chain's policy. */
const policyCheck = z.object({
  ...base,
  kind: z.literal('policy'),
  netns,
  table: z.enum(['filter', 'nat', 'mangle', 'raw']).default('filter').describe('iptables table.'),
  chain: z.string().min(1).describe('Built-in chain, e.g. `FORWARD`.'),
  policy: z.enum(['ACCEPT', 'DROP']).describe('Required policy.'),
}).describe("A built-in chain's policy (`iptables -P`).");

/** Behaviour: A reaches B (or must not), run on a copy of the learner's machine. */
const reachCheck = z.object({
  ...base,
  kind: z.literal('reach'),
  from: z.string().min(1).describe('Where the probe starts: `host`, a namespace, a world machine or `container:NAME`.'),
  to: z
    .string()
    .min(1)
    .describe(
      'Destination: an IPv4 address, a name the sender resolves itself (`db` from a container on a user-defined network), or `container:NAME` for that container\'s first IPv4 address.',
    ),
  proto: z.enum(['icmp', 'tcp', 'udp']).default('icmp').describe('Probe protocol.'),
  port: z.number().int().min(1).max(65535).optional().describe('Destination port for tcp/udp.'),
  expect: z.boolean().default(true).describe('true: the probe must succeed; false: it must fail.'),
  mode: z
    .enum(['roundtrip', 'arrives'])
    .default('roundtrip')
    .describe(
      '`roundtrip`: the sender gets its answer (echo reply, TCP handshake). `arrives`: the request reaches the destination, whether or not an answer comes back (shows forwarding without NAT).',
    ),
  seesSrc: z
    .string()
    .optional()
    .describe('With expect true: the source address the receiving end must observe (proves NAT or its absence).'),
}).describe("Behaviour: a probe (ping, TCP connect or UDP datagram) from one place to an address succeeds (or, with `expect: false`, fails). Runs on a copy of the learner's machine, so checking changes nothing.");

/** Behaviour equals the reference solution's: the reachability matrix between the listed endpoints. */
const sameAsReferenceCheck = z.object({
  ...base,
  kind: z.literal('same-as-reference'),
  endpoints: z
    .array(
      z.object({
        from: z.string().min(1).describe('Where the ping starts: `host`, a namespace, a world machine or `container:NAME`.'),
        to: z
          .string()
          .min(1)
          .describe(
            'Destination: an IPv4 address, a name the sender resolves itself (`db` from a container on a user-defined network), or `container:NAME` for that container\'s first IPv4 address.',
          ),
      }),
    )
    .optional()
    .describe('Pairs to compare; by default every namespace to every IPv4 address of the reference machine.'),
}).describe("Behaviour equals the reference solution's: every pair reaches (by ping) exactly when it does on the machine the reference solution builds. Says \"same behaviour as my solution\" without listing probes.");

/** Escape hatch: a pure function over the snapshot, registered by id in sim/check/custom.ts. */
const customCheck = z.object({
  ...base,
  kind: z.literal('custom'),
  fn: z.string().min(1).describe('Name of a function registered in sim/check/custom.ts.'),
  args: z.record(z.string(), z.unknown()).default({}).describe('Arguments passed to the function.'),
}).describe('Escape hatch: a pure function over the machine, registered by name in sim/check/custom.ts, for the rare check that cannot be data.');

/** Every kind of check. */
export const checkSchema = z.discriminatedUnion('kind', [
  netnsCheck,
  linkCheck,
  noLinkKindCheck,
  routeCheck,
  sysctlCheck,
  ruleCheck,
  policyCheck,
  reachCheck,
  sameAsReferenceCheck,
  customCheck,
]);

export const hintSchema = z.object({
  text: z.string().min(1).describe('The hint, one or two sentences. Markdown code spans allowed.'),
  check: z
    .string()
    .optional()
    .describe('Id of the check this hint helps with: it is offered first while that check fails.'),
}).describe('A hint, revealed on request; tied to a check, it comes first while that check fails.');

/**
 * One variant of an exercise (e.g. one fault of a troubleshooting exercise): lines, checks,
 * hints and solution lines added to the exercise's own. The lab draws one variant from its
 * seed (see sim/check/variants.ts); the linter proves every variant fair on its own.
 */
export const variantSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
      .describe('Stable identifier of the variant, unique in the exercise (e.g. `ip-forward-off`).'),
    label: z.string().min(1).describe('What this variant is, for instructors and test reports; the learner is not shown it.'),
    setup: z
      .array(z.string().min(1))
      .default([])
      .describe("Command lines run after the exercise's setup: what makes this variant different (the fault)."),
    checks: z
      .array(checkSchema)
      .default([])
      .describe("Checks added after the exercise's checks in this variant (e.g. the fault's own state assertion)."),
    hints: z.array(hintSchema).default([]).describe("Hints offered before the exercise's hints in this variant."),
    solution: z
      .array(z.string().min(1))
      .min(1)
      .describe("Command lines run after the exercise's solution: together they solve this variant."),
  })
  .strict()
  .describe('A variant of the exercise: its setup, checks, hints and solution are added to the exercise\'s own.');

export const exerciseSchema = z
  .object({
    title: z.string().min(1).describe('Short title of the exercise.'),
    goal: z.string().min(1).describe('What the learner must achieve, in one paragraph (Markdown).'),
    world: z
      .enum(['bare', 'host', 'docker-host'])
      .optional()
      .describe('Starting machine; defaults to the lesson world.'),
    setup: z
      .array(z.string().min(1))
      .default([])
      .describe('Command lines run silently after the world is built; part of the start state.'),
    checks: z.array(checkSchema).min(1).describe('The goal, as ordered checks; all must pass.'),
    hints: z.array(hintSchema).min(2).describe('At least two hints, revealed one at a time.'),
    solution: z
      .array(z.string().min(1))
      .min(1)
      .describe('Reference solution: command lines that reach the goal from the start state.'),
    variants: z
      .array(variantSchema)
      .min(2)
      .optional()
      .describe(
        "Optional: two or more variants (e.g. faults of a troubleshooting exercise). The lab draws one from its seed and adds its setup, checks, hints and solution to the exercise's; the linter checks each variant.",
      ),
  })
  .strict()
  .superRefine((ex, ctx) => {
    const ids = new Set<string>();
    ex.checks.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'id'], message: `duplicate check id "${c.id}"` });
      ids.add(c.id);
    });
    ex.hints.forEach((h, i) => {
      if (h.check && !ids.has(h.check))
        ctx.addIssue({ code: 'custom', path: ['hints', i, 'check'], message: `no check with id "${h.check}"` });
    });
    const variantIds = new Set<string>();
    ex.variants?.forEach((v, vi) => {
      if (variantIds.has(v.id)) ctx.addIssue({ code: 'custom', path: ['variants', vi, 'id'], message: `duplicate variant id "${v.id}"` });
      variantIds.add(v.id);
      // A variant's checks join the exercise's, so their ids must not clash with those.
      const mine = new Set(ids);
      v.checks.forEach((c, i) => {
        if (mine.has(c.id)) ctx.addIssue({ code: 'custom', path: ['variants', vi, 'checks', i, 'id'], message: `duplicate check id "${c.id}"` });
        mine.add(c.id);
      });
      v.hints.forEach((h, i) => {
        if (h.check && !mine.has(h.check))
          ctx.addIssue({ code: 'custom', path: ['variants', vi, 'hints', i, 'check'], message: `no check with id "${h.check}"` });
      });
    });
  })
  .describe('An exercise: `content/<chapter>/<lesson>.exercise.yaml`, beside the lesson it belongs to.');

export type Check = z.infer<typeof checkSchema>;
export type CheckKind = Check['kind'];
export type Hint = z.infer<typeof hintSchema>;
export type Exercise = z.infer<typeof exerciseSchema>;
export type Variant = z.infer<typeof variantSchema>;
export type ExerciseInput = z.input<typeof exerciseSchema>;
