/**
 * Vitest global setup for the browser tests: build the site once, serve it on a free
 * 127.0.0.1 port for the whole run, hand the URL to the tests (`inject('siteUrl')`).
 * NETLAB_E2E_REUSE=1 reuses a previous test build (fast iteration on tests only);
 * NETLAB_E2E_SITE=DIR serves an existing build instead of making one.
 */
import type { TestProject } from 'vitest/node';
import { buildSite } from './support/build.ts';
import { serveStatic, type StaticServer } from './support/server.ts';

let server: StaticServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const dir = process.env.NETLAB_E2E_SITE ?? buildSite(undefined, process.env.NETLAB_E2E_REUSE === '1');
  server = await serveStatic(dir);
  project.provide('siteUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
