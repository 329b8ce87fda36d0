/**
 * The course as the pages see it: lessons in order, grouped into chapters, with their URLs.
 * Numbered folder and file prefixes order the files on disk; URLs drop them
 * (`01-linux-by-hand/02-veth-pairs.mdx` -> `/linux-by-hand/veth-pairs/`).
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type LessonEntry = CollectionEntry<'lessons'>;

/** A lesson with what navigation needs. */
export interface Lesson {
  entry: LessonEntry;
  /** URL path without slashes around it, e.g. "linux-by-hand/veth-pairs". */
  slug: string;
  /** Position in the course, 1-based, after sorting by `order`. */
  number: number;
}

export interface Chapter {
  title: string;
  number: number;
  lessons: Lesson[];
}

/** The URL slug of a lesson entry id. */
export function slugOf(id: string): string {
  return id
    .split('/')
    .map((part) => part.replace(/^\d+[-_]/, ''))
    .join('/');
}

/** Published lessons in course order. Duplicate orders or slugs are authoring errors. */
export async function lessons(): Promise<Lesson[]> {
  const entries = (await getCollection('lessons', (e) => !e.data.draft)).sort((a, b) => a.data.order - b.data.order);
  const seen = new Map<string, string>();
  const orders = new Map<number, string>();
  return entries.map((entry, i) => {
    const slug = slugOf(entry.id);
    const clash = seen.get(slug) ?? orders.get(entry.data.order);
    if (clash) throw new Error(`content/${entry.id}.mdx: order ${entry.data.order} or URL /${slug}/ is already used by content/${clash}.mdx`);
    seen.set(slug, entry.id);
    orders.set(entry.data.order, entry.id);
    return { entry, slug, number: i + 1 };
  });
}

/** Lessons grouped by chapter title, chapters ordered by their first lesson. */
export function chapters(all: Lesson[]): Chapter[] {
  const byTitle = new Map<string, Chapter>();
  for (const l of all) {
    let ch = byTitle.get(l.entry.data.chapter);
    if (!ch) {
      ch = { title: l.entry.data.chapter, number: byTitle.size + 1, lessons: [] };
      byTitle.set(ch.title, ch);
    }
    ch.lessons.push(l);
  }
  return [...byTitle.values()];
}

/** Absolute URL path of a lesson. */
export function lessonHref(slug: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${slug}/`;
}
