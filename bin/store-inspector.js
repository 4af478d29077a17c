#!/usr/bin/env node
// The command line runs from the TypeScript sources through tsx, so it works on a fresh clone
// right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/index.ts');
