/**
 * Places the topology model on a plane: the host box on top (bridges on a first row, other
 * interfaces below), namespace boxes in rows underneath, the outside world to the host's
 * right. Deterministic, so the same machine always draws the same picture and transitions
 * only move what changed.
 */
import type { TopoModel } from './topology-model.ts';

export const IF_W = 132;
export const IF_H = 46;
const GAP = 14;
const PAD = 14;
const HEAD = 24;
const PER_ROW = 4;
const OUTSIDE_W = 230;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  width: number;
  height: number;
  ns: Map<string, Box>;
  ifaces: Map<string, Box>;
  outside?: Box;
}

/** Lays out `model`; `maxRowWidth` is the width at which namespace boxes wrap. */
export function layoutTopology(model: TopoModel, maxRowWidth = 760): Layout {
  const ns = new Map<string, Box>();
  const ifaces = new Map<string, Box>();
  let y = 10;
  let x = 10;
  let rowH = 0;
  let width = 0;
  for (const n of model.namespaces) {
    const bridges = n.ifaces.filter((i) => i.kind === 'bridge');
    const others = n.ifaces.filter((i) => i.kind !== 'bridge');
    const rows: (typeof n.ifaces)[] = [];
    if (bridges.length) for (let i = 0; i < bridges.length; i += PER_ROW) rows.push(bridges.slice(i, i + PER_ROW));
    for (let i = 0; i < others.length; i += PER_ROW) rows.push(others.slice(i, i + PER_ROW));
    const cols = Math.max(1, ...rows.map((r) => r.length));
    const w = PAD * 2 + cols * IF_W + (cols - 1) * GAP;
    // Rows are spaced so port lines between a bridge and its ports stay visible.
    const h = HEAD + PAD + rows.length * IF_H + Math.max(0, rows.length - 1) * GAP * 2 + PAD;
    if (n.root) {
      ns.set(n.key, { x: 10, y: 10, w, h });
      x = 10;
      y = 10 + h + 40;
      width = Math.max(width, 10 + w + (model.outside ? 60 + OUTSIDE_W : 0) + 10);
    } else {
      if (x > 10 && x + w > maxRowWidth) {
        x = 10;
        y += rowH + 24;
        rowH = 0;
      }
      ns.set(n.key, { x, y, w, h });
      x += w + 24;
      rowH = Math.max(rowH, h);
      width = Math.max(width, x);
    }
    const box = ns.get(n.key)!;
    rows.forEach((row, r) => {
      row.forEach((iface, c) => {
        ifaces.set(iface.key, { x: box.x + PAD + c * (IF_W + GAP), y: box.y + HEAD + PAD + r * (IF_H + GAP * 2), w: IF_W, h: IF_H });
      });
    });
  }
  const root = model.namespaces.find((n) => n.root);
  const rootBox = root ? ns.get(root.key) : undefined;
  let outside: Box | undefined;
  if (model.outside && rootBox) {
    const h = HEAD + PAD + Math.max(1, model.outside.peers.length) * 16 + PAD;
    outside = { x: rootBox.x + rootBox.w + 60, y: rootBox.y, w: OUTSIDE_W, h };
  }
  const bottoms = [...ns.values(), ...(outside ? [outside] : [])].map((b) => b.y + b.h);
  return { width: Math.max(width, 200), height: Math.max(...bottoms, 40) + 10, ns, ifaces, ...(outside ? { outside } : {}) };
}

/** The path of a line between two interface boxes, from the nearer edges. */
export function linkPath(a: Box, b: Box): string {
  const ax = a.x + a.w / 2;
  const bx = b.x + b.w / 2;
  if (Math.abs(a.y - b.y) < 1) {
    // Same row: a curve below both boxes.
    const y = a.y + a.h;
    return `M ${ax} ${y} C ${ax} ${y + 30} ${bx} ${y + 30} ${bx} ${y}`;
  }
  const [top, bottom, tx, bx2] = a.y < b.y ? [a, b, ax, bx] : [b, a, bx, ax];
  const y1 = top.y + top.h;
  const y2 = bottom.y;
  const mid = (y1 + y2) / 2;
  return `M ${tx} ${y1} C ${tx} ${mid} ${bx2} ${mid} ${bx2} ${y2}`;
}
