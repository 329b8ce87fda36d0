/** The authoring pages turn the docs' repository links into the site's relative URLs. */
import { describe, expect, test } from 'vitest';
import { siteLinks } from '../../../src/pages/authoring/_doc.ts';

describe('docs links on the site', () => {
  test('from /authoring/ and from /authoring/reference/', () => {
    const html = '<a href="schema-reference.md">r</a> <a href="authoring.md#writing-checks">g</a> <a href="other.md">o</a> <a href="https://x/y.md">x</a>';
    expect(siteLinks(html, 0)).toBe('<a href="reference/">r</a> <a href="./#writing-checks">g</a> <a href="other.md">o</a> <a href="https://x/y.md">x</a>');
    expect(siteLinks(html, 1)).toBe('<a href="../reference/">r</a> <a href="../#writing-checks">g</a> <a href="other.md">o</a> <a href="https://x/y.md">x</a>');
  });
});
