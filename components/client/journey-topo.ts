/**
 * The Journey view's topology: the lab machine drawn as in the Topology tab (same model and
 * layout), with the interfaces and links the packet has crossed so far lit, the current
 * interface (or namespace, or the outside world) outlined, and a dot for the packet that
 * moves there. Names are set as text, never parsed as markup.
 */
import type { JourneyStep } from '../../sim/index.ts';
import type { TopoModel } from '../../src/lab/topology-model.ts';
import { layoutTopology, linkPath, type Box } from '../../src/lab/topology-layout.ts';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function label(x: number, y: number, s: string, max: number): SVGTextElement {
  const t = el('text', { x, y });
  t.textContent = s.length > max ? s.slice(0, max - 1) + '…' : s;
  return t;
}

/** Where a step is on the drawing: an interface, a namespace or the outside world. */
function placeOf(model: TopoModel, s: JourneyStep): { iface?: string; ns?: string; outside?: boolean } {
  if (s.kind === 'outside' || s.outside) return { outside: true };
  const ns = model.namespaces.find((n) => n.key === String(s.netnsId));
  if (!ns) return {};
  const i = s.dev ? ns.ifaces.find((x) => x.name === s.dev) : undefined;
  return i ? { iface: i.key, ns: ns.key } : { ns: ns.key };
}

/** One drawing per view, kept so the packet's dot moves (a CSS transition) instead of reappearing. */
const drawings = new WeakMap<HTMLElement, { svg: SVGSVGElement; layer: SVGGElement; dot: SVGCircleElement }>();

/** Draws `model` with the journey up to `current` into `root`. */
export function renderTopo(root: HTMLElement, model: TopoModel, steps: readonly JourneyStep[], current: number): void {
  const layout = layoutTopology(model);
  let d = drawings.get(root);
  if (!d) {
    d = { svg: el('svg', { role: 'img' }), layer: el('g'), dot: el('circle', { r: 7, cx: 0, cy: 0, class: 'jt-packet' }) };
    d.svg.append(d.layer, d.dot);
    drawings.set(root, d);
    root.replaceChildren(d.svg);
  }
  const svg = d.layer;
  svg.replaceChildren();
  d.svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  const visited = new Set<string>();
  let outsideVisited = false;
  for (const s of steps.slice(0, current + 1)) {
    const p = placeOf(model, s);
    if (p.iface) visited.add(p.iface);
    if (p.outside) outsideVisited = true;
  }
  const here = steps[current] ? placeOf(model, steps[current]!) : {};
  const box = (b: Box, cls: string, name: string, key: string) => {
    const g = el('g', { class: `jt-ns ${cls}${here.ns === key && !here.iface ? ' current' : ''}` });
    g.dataset.ns = key;
    g.append(el('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 10 }), label(b.x + 10, b.y + 16, name, Math.floor(b.w / 7.5)));
    svg.append(g);
  };
  for (const n of model.namespaces) box(layout.ns.get(n.key)!, n.root ? 'root' : '', n.root ? `${n.label} (root namespace)` : `netns ${n.label}`, n.key);
  if (model.outside && layout.outside) {
    const o = layout.outside;
    const g = el('g', { class: `jt-ns outside${here.outside ? ' current' : ''}` });
    g.dataset.ns = 'outside';
    g.append(el('rect', { x: o.x, y: o.y, width: o.w, height: o.h, rx: 10 }), label(o.x + 10, o.y + 16, 'outside world', 30));
    model.outside.peers.forEach((p, i) => g.append(label(o.x + 10, o.y + 36 + i * 15, p, 30)));
    svg.append(g);
  }
  for (const l of model.links) {
    const a = layout.ifaces.get(l.a);
    const b = layout.ifaces.get(l.b);
    if (a && b) svg.append(el('path', { d: linkPath(a, b), class: `jt-link${visited.has(l.a) && visited.has(l.b) ? ' visited' : ''}` }));
  }
  if (model.outside && layout.outside) {
    const a = layout.ifaces.get(model.outside.uplink);
    const o = layout.outside;
    if (a) svg.append(el('path', { d: `M ${a.x + a.w} ${a.y + a.h / 2} L ${o.x} ${o.y + 30}`, class: `jt-link${outsideVisited && visited.has(model.outside.uplink) ? ' visited' : ''}` }));
  }
  for (const n of model.namespaces) {
    for (const i of n.ifaces) {
      const b = layout.ifaces.get(i.key)!;
      const g = el('g', { class: `jt-if${visited.has(i.key) ? ' visited' : ''}${here.iface === i.key ? ' current' : ''}` });
      g.dataset.iface = `${n.label} ${i.name}`;
      g.append(el('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 6 }), label(b.x + 8, b.y + 17, i.name, 16), label(b.x + 8, b.y + 34, i.addrs[0] ?? '', 18));
      svg.append(g);
    }
  }
  // The packet: at the current interface, else its namespace's label, else the outside world.
  const spot = here.iface ? layout.ifaces.get(here.iface) : here.outside ? layout.outside : here.ns ? layout.ns.get(here.ns) : undefined;
  if (spot) {
    d.dot.setAttribute('class', `jt-packet${steps[current]?.kind === 'drop' ? ' dropped' : ''}`);
    d.dot.style.transform = `translate(${spot.x + spot.w - 12}px, ${spot.y + 12}px)`;
  }
  d.dot.style.visibility = spot ? 'visible' : 'hidden';
  const s = steps[current];
  d.svg.setAttribute('aria-label', s ? `The packet is at ${s.kind === 'outside' ? 'the outside world' : `${s.netns}${s.dev ? ` ${s.dev}` : ''}`}` : 'Topology');
}
