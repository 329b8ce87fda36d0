/**
 * The site's code themes reach WCAG AA: every plain token colour of both themes has at least
 * 4.5:1 contrast on the theme's background, colours that already did are untouched, and the
 * ones moved keep their hue (GitHub's orange stays orange, the comment grey stays grey).
 */
import { describe, expect, it } from 'vitest';
import { accessibleTheme, codeThemes, contrast, MIN_CONTRAST, parseHex, readable } from '../../../src/build/code-theme.mjs';

type Theme = { colors: Record<string, string>; tokenColors: { settings: { foreground?: string; background?: string } }[] };

/** Plain foregrounds of a theme (tokens with their own background are read against that). */
const foregrounds = (t: Theme) => [t.colors['editor.foreground']!, ...t.tokenColors.flatMap((tc) => (tc.settings.foreground && !tc.settings.background ? [tc.settings.foreground] : []))];

/** Hue in degrees of a hex colour. */
function hue(hex: string): number {
  const [r, g, b] = parseHex(hex)!.map((v: number) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('code themes', () => {
  it('every token colour of both themes reaches 4.5:1 on its background', async () => {
    const themes = (await codeThemes()) as unknown as Record<'light' | 'dark', Theme>;
    for (const t of Object.values(themes)) {
      const bg = t.colors['editor.background']!;
      const weak = foregrounds(t).filter((fg) => contrast(fg, bg) < MIN_CONTRAST);
      expect(weak).toEqual([]);
    }
  });

  it("fixes GitHub's two weak colours and leaves the others as they were", async () => {
    const { bundledThemes } = await import('shiki');
    for (const [name, bg, weakOne] of [['github-light', '#fff', '#e36209'], ['github-dark', '#24292e', '#6a737d']] as const) {
      const original = (await bundledThemes[name]()).default as unknown as Theme;
      // The premise: GitHub's theme has the weak colour (else this test proves nothing).
      expect(contrast(weakOne, bg)).toBeLessThan(MIN_CONTRAST);
      expect(foregrounds(original).map((c) => c.toLowerCase())).toContain(weakOne);
      const fixed = foregrounds(accessibleTheme(original, 'x') as unknown as Theme);
      expect(fixed.map((c) => c.toLowerCase())).not.toContain(weakOne);
      foregrounds(original).forEach((c, i) => {
        if (contrast(c, bg) >= MIN_CONTRAST) expect(fixed[i]).toBe(c);
      });
    }
  });

  it('moves a colour only in lightness, just far enough', () => {
    const orange = readable('#e36209', '#ffffff');
    expect(contrast(orange, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrast(orange, '#ffffff')).toBeLessThan(MIN_CONTRAST + 0.3);
    expect(Math.abs(hue(orange) - hue('#e36209'))).toBeLessThan(2);
    const grey = readable('#6a737d', '#24292e');
    expect(contrast(grey, '#24292e')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(parseHex(grey)!.every((v: number, i: number) => v > parseHex('#6a737d')![i]!)).toBe(true);
    expect(readable('#24292e', '#ffffff')).toBe('#24292e');
  });
});
