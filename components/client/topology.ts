/**
 * The TopologyView widget: redraws the lab machine's topology after every command. Elements
 * are keyed (namespace id, interface index) and moved rather than recreated, so CSS
 * transitions animate changes. Every name comes from the learner and is set as text
 * (textContent / text nodes), never parsed as markup.
 */
import { $labs, lab } from '../../src/lab/labs.ts';
import { describeIface, topologyModel, type TopoIface, type TopoModel } from '../../src/lab/topology-model.ts';
import { layoutTopology, linkPath, type Box } from '../../src/lab/topology-layout.ts';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function text(x: number, y: number, content: string, cls?: string): SVGTextElement {
  const t = el('text', { x, y, ...(cls ? { class: cls } : {}) });
  t.textContent = content;
  return t;
}

/** Shortens a label to fit a box, keeping it literal. */
function fit(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

class TopologyView {
  private readonly svg = el('svg', { role: 'group' });
  private readonly layers = { ns: el('g'), links: el('g'), ifaces: el('g') };
  private readonly nodes = new Map<string, SVGGElement>();
  private readonly paths = new Map<string, SVGPathElement>();
  private last = '';

  constructor(
    private readonly host: HTMLElement,
    private readonly details: HTMLElement,
    private readonly textView: HTMLElement,
  ) {
    this.svg.setAttribute('aria-label', 'Topology diagram: tab through the interfaces for details');
    this.svg.append(this.layers.ns, this.layers.links, this.layers.ifaces);
    host.append(this.svg);
  }

  update(snapshot: unknown): void {
    this.render(topologyModel(snapshot));
  }

  /** Draws a model (the build-time start state, or one made from a live snapshot). */
  render(model: TopoModel): void {
    const json = JSON.stringify(model);
    if (json === this.last) return;
    this.last = json;
    const layout = layoutTopology(model);
    this.svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
    const seen = new Set<string>();
    const nsLabels = new Map(model.namespaces.map((n) => [n.key, n.label]));

    for (const n of model.namespaces) {
      const box = layout.ns.get(n.key)!;
      this.box(`ns:${n.key}`, box, n.root ? `${n.label} (root namespace)` : `netns ${n.label}`, n.root ? 'root' : '', seen);
    }
    if (model.outside && layout.outside) {
      const g = this.box('outside', layout.outside, 'outside world', 'outside', seen);
      for (const t of [...g.querySelectorAll('text.peer')]) t.remove();
      model.outside.peers.forEach((p, i) => g.append(text(12, 40 + i * 16, fit(p, 32), 'peer')));
    }
    for (const n of model.namespaces) {
      for (const i of n.ifaces) this.iface(i, layout.ifaces.get(i.key)!, describeIface(i, n.label), seen);
    }
    for (const l of model.links) {
      const a = layout.ifaces.get(l.a);
      const b = layout.ifaces.get(l.b);
      if (a && b) this.path(`link:${l.key}`, linkPath(a, b), l.kind, seen);
    }
    if (model.outside && layout.outside) {
      const a = layout.ifaces.get(model.outside.uplink);
      const o = layout.outside;
      if (a) this.path('link:uplink', `M ${a.x + a.w} ${a.y + a.h / 2} L ${o.x} ${o.y + 30}`, 'uplink', seen);
    }
    for (const [key, node] of this.nodes) if (!seen.has(key)) (node.remove(), this.nodes.delete(key));
    for (const [key, node] of this.paths) if (!seen.has(key)) (node.remove(), this.paths.delete(key));
    this.renderText(model, nsLabels);
  }

  private box(key: string, b: Box, label: string, cls: string, seen: Set<string>): SVGGElement {
    seen.add(key);
    let g = this.nodes.get(key);
    if (!g) {
      g = el('g', { class: `topo-ns topo-enter ${cls}` });
      g.append(el('rect', { x: 0, y: 0 }), text(12, 18, ''));
      this.layers.ns.append(g);
      this.nodes.set(key, g);
    }
    g.style.transform = `translate(${b.x}px, ${b.y}px)`;
    const rect = g.querySelector('rect')!;
    rect.style.width = `${b.w}px`;
    rect.style.height = `${b.h}px`;
    rect.setAttribute('width', String(b.w));
    rect.setAttribute('height', String(b.h));
    g.querySelector('text')!.textContent = fit(label, Math.floor(b.w / 8));
    return g;
  }

  private iface(i: TopoIface, b: Box, description: string, seen: Set<string>): void {
    const key = `if:${i.key}`;
    seen.add(key);
    let g = this.nodes.get(key);
    if (!g) {
      g = el('g', { tabindex: 0, role: 'img' });
      g.append(el('title'), el('rect', { x: 0, y: 0, width: b.w, height: b.h }), el('circle', { class: 'state', cx: b.w - 10, cy: 10, r: 4.5 }), text(8, 17, '', 'name'), text(8, 35, '', 'addr'));
      const show = () => (this.details.textContent = g!.getAttribute('aria-label') ?? '');
      g.addEventListener('focus', show);
      g.addEventListener('mouseenter', show);
      this.layers.ifaces.append(g);
      this.nodes.set(key, g);
      g.classList.add('topo-enter');
    }
    g.setAttribute('class', `topo-if ${i.kind} ${i.up ? 'up' : 'down'}${g.classList.contains('topo-enter') ? ' topo-enter' : ''}`);
    g.dataset.name = i.name;
    g.style.transform = `translate(${b.x}px, ${b.y}px)`;
    g.setAttribute('aria-label', description);
    g.querySelector('title')!.textContent = description;
    const [name, addr] = [...g.querySelectorAll('text')];
    name!.textContent = fit(i.name, 15);
    const extra = i.addrs.length > 1 ? ` +${i.addrs.length - 1}` : '';
    addr!.textContent = i.addrs.length ? fit(i.addrs[0]!, 18 - extra.length) + extra : i.up ? 'up' : 'down';
  }

  private path(key: string, d: string, cls: string, seen: Set<string>): void {
    seen.add(key);
    let p = this.paths.get(key);
    if (!p) {
      p = el('path', { class: `topo-link topo-enter ${cls}` });
      this.layers.links.append(p);
      this.paths.set(key, p);
    }
    p.setAttribute('d', d);
    p.style.setProperty('d', `path("${d}")`);
  }

  /** The text version: one list per namespace, then the links. */
  private renderText(model: TopoModel, nsLabels: Map<string, string>): void {
    const frag = document.createDocumentFragment();
    for (const n of model.namespaces) {
      const h = document.createElement('h3');
      h.textContent = n.root ? `${n.label} (root namespace)` : `Namespace ${n.label}`;
      const ul = document.createElement('ul');
      for (const i of n.ifaces) {
        const li = document.createElement('li');
        li.textContent = describeIface(i, n.label);
        ul.append(li);
      }
      frag.append(h, ul);
    }
    const names = new Map(model.namespaces.flatMap((n) => n.ifaces.map((i) => [i.key, `${i.name} (${nsLabels.get(n.key)})`] as const)));
    if (model.links.length) {
      const h = document.createElement('h3');
      h.textContent = 'Links';
      const ul = document.createElement('ul');
      for (const l of model.links) {
        const li = document.createElement('li');
        li.textContent = l.kind === 'veth' ? `veth pair: ${names.get(l.a)} and ${names.get(l.b)}` : `${names.get(l.a)} is a port of ${names.get(l.b)}`;
        ul.append(li);
      }
      frag.append(h, ul);
    }
    if (model.outside) {
      const h = document.createElement('h3');
      h.textContent = 'Outside world';
      const p = document.createElement('p');
      p.textContent = `Reached through ${names.get(model.outside.uplink)}: ${model.outside.peers.join('; ') || 'the LAN'}.`;
      frag.append(h, p);
    }
    this.textView.replaceChildren(frag);
  }
}

function mount(root: HTMLElement): void {
  const handle = lab(root.dataset.lab!);
  const view = new TopologyView(
    root.querySelector('[data-topology-svg]')!,
    root.querySelector('[data-topology-details]')!,
    root.querySelector('[data-topology-text]')!,
  );
  // The start state drawn at once; the live machine's snapshots once the simulator runs.
  view.render(handle.config.start.topology);
  let following = false;
  $labs.subscribe((labs) => {
    const session = labs[handle.id];
    if (!session || following) return;
    following = true;
    session.snapshot.subscribe((snap) => view.update(snap));
  });
}

for (const root of document.querySelectorAll<HTMLElement>('[data-topology]')) mount(root);
