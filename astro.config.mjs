// Astro site: MDX lessons from content/, static output in dist/, a service-worker manifest
// written after the build so the site works offline once loaded.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { offlineManifest } from './src/build/offline-manifest.mjs';
import { monacoCssAsScript } from './src/build/monaco-css.mjs';
import { modulePreload } from './src/build/modulepreload.mjs';
import { codeThemes } from './src/build/code-theme.mjs';

export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // modulePreload runs first so the offline manifest hashes the final pages.
  integrations: [mdx(), modulePreload(), offlineManifest()],
  markdown: {
    // Shiki themes that follow the page theme through CSS variables (see src/styles/global.css):
    // GitHub's, with the token colours that miss 4.5:1 contrast moved until they meet it.
    shikiConfig: { themes: await codeThemes() },
  },
  vite: {
    // Monaco is split into its own lazy chunks; its size is not a warning for us.
    build: { chunkSizeWarningLimit: 6000 },
    plugins: [monacoCssAsScript()],
    worker: { format: 'es' },
  },
});
