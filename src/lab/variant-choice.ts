/**
 * Which variant of an exercise a learner gets (the faults of the troubleshooting capstone):
 * drawn at random on the learner's first visit and kept in their browser, so a reload or a
 * replayed session meets the same fault while different learners meet different ones.
 * Without storage (private mode) the draw is simply not remembered.
 */

/** What a lab declares about its exercise's variants at build time. */
export interface VariantOption {
  id: string;
  setup: readonly string[];
}

/** The part of browser storage this needs. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const keyOf = (labId: string) => `netlab:variant:${labId}`;

/**
 * The chosen variant for lab `labId`: the remembered one if it still exists, else a fresh
 * draw with `random` (in [0, 1)), remembered in `store`.
 */
export function chooseVariant(labId: string, options: readonly VariantOption[], store: KeyValueStore | undefined, random: () => number): VariantOption | undefined {
  if (!options.length) return undefined;
  let saved: string | null = null;
  try {
    saved = store?.getItem(keyOf(labId)) ?? null;
  } catch {
    saved = null;
  }
  const kept = options.find((o) => o.id === saved);
  if (kept) return kept;
  const drawn = options[Math.min(options.length - 1, Math.floor(random() * options.length))]!;
  try {
    store?.setItem(keyOf(labId), drawn.id);
  } catch {
    /* storage full or denied: not remembered */
  }
  return drawn;
}

/**
 * A variant other than `currentId` ("New fault"), drawn with `random` among the rest and
 * remembered in `store` in place of the old one; undefined when there is no other.
 */
export function redrawVariant(labId: string, options: readonly VariantOption[], currentId: string | undefined, store: KeyValueStore | undefined, random: () => number): VariantOption | undefined {
  const others = options.filter((o) => o.id !== currentId);
  if (!others.length) return undefined;
  const drawn = others[Math.min(others.length - 1, Math.floor(random() * others.length))]!;
  try {
    store?.setItem(keyOf(labId), drawn.id);
  } catch {
    /* storage full or denied: the new fault holds until the page is left */
  }
  return drawn;
}
