/**
 * Code block themes that meet WCAG AA: GitHub's light and dark Shiki themes with every token
 * colour that falls under 4.5:1 against the theme's background moved, in its own hue, just
 * far enough (darker on the light theme, lighter on the dark one). Two of GitHub's colours
 * miss it: the light theme's orange (#e36209, 3.8:1 on white) and the dark theme's comment
 * grey (#6a737d, 3.0:1 on #24292e). Computed rather than listed, so a theme update that
 * adds a weak colour is fixed too.
 */
import { bundledThemes } from 'shiki';

/** WCAG 2 minimum contrast for normal text. */
export const MIN_CONTRAST = 4.5;

/** [r, g, b] in 0..255 from #rgb or #rrggbb; undefined for anything else (alpha, names). */
export function parseHex(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex ?? '');
  if (!m) return undefined;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

function toHex(rgb) {
  return '#' + rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('');
}

/** WCAG relative luminance of an [r, g, b] colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two hex colours (1 to 21). */
export function contrast(a, b) {
  const [x, y] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/**
 * `fg` if it reaches MIN_CONTRAST on `bg`, else the nearest mix of `fg` toward black (on a
 * light background) or white (on a dark one) that does: the hue stays, only the lightness moves.
 */
export function readable(fg, bg) {
  const rgb = parseHex(fg);
  if (!rgb || !parseHex(bg) || contrast(fg, bg) >= MIN_CONTRAST) return fg;
  const target = luminance(parseHex(bg)) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 1; step <= 100; step++) {
    const t = step / 100;
    const mixed = toHex(rgb.map((v, i) => v + (target[i] - v) * t));
    if (contrast(mixed, bg) >= MIN_CONTRAST) return mixed;
  }
  return toHex(target);
}

/** A copy of `theme` (a Shiki theme registration) whose plain token colours all reach AA. */
export function accessibleTheme(theme, name) {
  const bg = theme.colors?.['editor.background'] ?? theme.bg;
  const fix = (fg) => (typeof fg === 'string' ? readable(fg, bg) : fg);
  return {
    ...theme,
    name,
    colors: { ...theme.colors, 'editor.foreground': fix(theme.colors?.['editor.foreground']) },
    tokenColors: (theme.tokenColors ?? []).map((tc) =>
      // A token with its own background (diff lines, invalid code) is read against that, not the page's.
      tc.settings?.foreground && !tc.settings.background ? { ...tc, settings: { ...tc.settings, foreground: fix(tc.settings.foreground) } } : tc,
    ),
  };
}

/** The site's code themes for Astro's `markdown.shikiConfig.themes`. */
export async function codeThemes() {
  const [light, dark] = await Promise.all([bundledThemes['github-light'](), bundledThemes['github-dark']()]);
  return {
    light: accessibleTheme(light.default, 'github-light-aa'),
    dark: accessibleTheme(dark.default, 'github-dark-aa'),
  };
}
