/**
 * Internal links in lessons: `[text](/path/)` and `href="/path/"` must point at a page the
 * site has (a lesson's URL or one of the fixed pages).
 */
export const FIXED_PAGES = ['/', '/sandbox/', '/guide/', '/search/', '/authoring/', '/authoring/reference/'];

/** A lesson's URL from its path under content/ (numbered prefixes dropped, as the site does). */
export function lessonUrl(relPath: string): string {
  const id = relPath.replace(/\.mdx$/, '');
  return `/${id.split('/').map((p) => p.replace(/^\d+[-_]/, '')).join('/')}/`;
}

/** Internal links of an MDX text with their line numbers (anchors and query strings dropped). */
export function internalLinks(mdx: string): { line: number; href: string }[] {
  const out: { line: number; href: string }[] = [];
  mdx.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\]\((\/[^)\s#?]*)[^)]*\)|href="(\/[^"#?]*)[^"]*"/g)) out.push({ line: i + 1, href: m[1] ?? m[2] });
  });
  return out;
}
