/**
 * Vite plugin: Monaco's modules import their own CSS files. Astro gathers the CSS of every
 * module a page can reach, dynamic imports included, and links it from the page, so Monaco's
 * ~90 KB stylesheet would load with every lesson although the editor is only loaded when
 * opened. This plugin turns those CSS imports into small JS modules that inject a <style>
 * when the editor chunk actually runs; url() references (the codicon font) become asset
 * imports so they still resolve.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

const PREFIX = '\0netlab-monaco-css:';

/** @returns {import('vite').Plugin} */
export function monacoCssAsScript() {
  return {
    name: 'netlab-monaco-css-as-script',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.endsWith('.css') || !importer.includes('monaco-editor')) return null;
      if (importer.startsWith(PREFIX)) return null;
      // The id must not end in .css, or Vite's own CSS handling would take it back.
      return PREFIX + resolve(dirname(importer), source) + '.js';
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      let css = await readFile(file, 'utf8');
      const imports = [];
      css = css.replace(/url\((['"]?)(\.{1,2}\/[^'")]+)\1\)/g, (_m, _q, rel) => {
        const name = `__asset${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(resolve(dirname(file), rel) + '?url')};`);
        return `url(\${${name}})`;
      });
      const text = '`' + css.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{(?!__asset)/g, '\\${') + '`';
      return `${imports.join('\n')}
const style = document.createElement('style');
style.dataset.monaco = ${JSON.stringify(file.split('monaco-editor/').pop())};
style.textContent = ${text};
document.head.append(style);
`;
    },
  };
}
