/**
 * The authoring pages render the Markdown in docs/ (one source for the repository and the
 * site). Links between those files are written for the repository (`schema-reference.md`);
 * here they become the site's URLs, relative so the site works under any base path.
 */

/** Site URL of each docs/ file, relative to /authoring/. */
const PAGES: Record<string, string> = { 'authoring.md': '', 'schema-reference.md': 'reference/' };

/** Rewrites `href="x.md"` links in rendered HTML for a page `depth` levels below /authoring/. */
export function siteLinks(html: string, depth: number): string {
  const up = '../'.repeat(depth);
  return html.replace(/href="([\w.-]+\.md)(#[^"]*)?"/g, (whole, file: string, hash = '') =>
    file in PAGES ? `href="${`${up}${PAGES[file]}` || './'}${hash}"` : whole,
  );
}
