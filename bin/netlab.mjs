#!/usr/bin/env node
// `netlab`: loads the TypeScript CLI through tsx's API, so it runs right after `npm ci`
// with no build step.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../sim/cli.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
