/**
 * `--link`: the CLI's parsing (opts.ParseLink) and the daemon's two meanings of it. On the
 * default bridge a link is a legacy link (registered at create, checked at start, an
 * /etc/hosts line); on a user-defined network the CLI moves it into the endpoint settings,
 * where it is only an alias that the linking container's embedded DNS resolves
 * (cli opts.go applyContainerOptions; moby daemon/network.go buildJoinOptions).
 */
import type { DockerEngine } from './engine.ts';
import type { Container } from './state.ts';

/** A parsed `--link NAME[:ALIAS]`. */
export interface LinkSpec {
  name: string;
  alias: string;
  /** As typed: the endpoint's Links keep it verbatim. */
  raw: string;
}

/** opts.ParseLink: `name`, `name:alias`, or `/name:/parent/alias`; an error text otherwise. */
export function parseLink(val: string): { ok: true; value: LinkSpec } | { ok: false; error: string } {
  if (val === '') return { ok: false, error: 'empty string specified for links' };
  const arr = val.split(':');
  if (arr.length > 2) return { ok: false, error: `bad format for links: ${val}` };
  if (arr.length === 1) return { ok: true, value: { name: val.replace(/^\//, ''), alias: val.replace(/^\//, ''), raw: val } };
  // A link read back from an inspected container reads `/child:/parent/alias`.
  const alias = arr[0].startsWith('/') ? arr[1].slice(arr[1].lastIndexOf('/') + 1) : arr[1];
  return { ok: true, value: { name: arr[0].replace(/^\//, ''), alias, raw: val } };
}

/** Network modes that are not user-defined networks (container.NetworkMode.IsUserDefined). */
export function isUserDefinedMode(mode: string): boolean {
  return !['bridge', 'default', 'host', 'none'].includes(mode) && !mode.startsWith('container:');
}

/**
 * registerLinks at create (non-user-defined modes only): every child must exist, and a
 * child sharing the host's network (directly or through container: modes) is refused.
 */
export function registerLinksError(e: DockerEngine, links: readonly LinkSpec[]): string | undefined {
  for (const l of links) {
    let child = e.findContainer(l.name);
    if (!child) return `could not get container for ${l.name}: No such container: ${l.name}`;
    const seen = new Set<Container>();
    while (child.networkMode.startsWith('container:') && !seen.has(child)) {
      seen.add(child);
      const cid = child.networkMode.slice(10);
      const next = e.findContainer(cid);
      if (!next) return `could not get container for ${cid}: No such container: ${cid}`;
      child = next;
    }
    if (child.networkMode === 'host') return "conflicting options: host type networking can't be used with links. This would result in undefined behavior";
  }
  return undefined;
}

/** Whether a container is configured on the default bridge. */
const onDefault = (e: DockerEngine, c: Container) => c.wanted.some((w) => e.findNetwork(w.networkId)?.isDefault);

/**
 * The start-time checks of legacy links, in the order the Engine reaches them. 27.x sets up
 * networking (addLegacyLinks: the child must be configured on the default network) before it
 * builds the OCI spec (setupLinkedContainers: the child must run and have a bridge endpoint);
 * from 28.0 the spec comes first and networking is set up after the task exists.
 */
export function legacyLinkStartError(e: DockerEngine, c: Container): string | undefined {
  if (!c.links.length || !onDefault(e, c)) return undefined;
  const children = c.links.map((l) => ({ l, child: e.findContainer(l.name) })).filter((x): x is { l: typeof x.l; child: Container } => !!x.child);
  const belongs = (): string | undefined => {
    for (const { child } of children) if (!onDefault(e, child)) return `Cannot link to /${child.name}, as it does not belong to the default network`;
    return undefined;
  };
  const spec = (): string | undefined => {
    for (const { l, child } of children) {
      if (child.state !== 'running') return `Cannot link to a non running container: /${child.name} AS /${c.name}/${l.alias}`;
      const def = child.endpoints.some((ep) => e.findNetwork(ep.networkId)?.isDefault);
      if (!def) return `container ${child.id} not attached to default bridge network`;
    }
    return undefined;
  };
  if (e.profile.line === '27') return belongs() ?? spec();
  const s = spec();
  if (s) return s;
  const b = belongs();
  return b ? `failed to set up container networking: ${b}` : undefined;
}

/**
 * The link aliases a container's endpoint on a user-defined network resolves (sandbox
 * ResolveName's "local container alias" pass): alias -> the linked container's name.
 */
export function linkAliasTarget(links: readonly string[] | undefined, name: string): string | undefined {
  for (const raw of links ?? []) {
    const p = parseLink(raw);
    if (p.ok && p.value.alias === name) return p.value.name;
  }
  return undefined;
}
