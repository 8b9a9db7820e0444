#!/usr/bin/env node
// The gridbot command. TypeScript sources run through tsx's loader; no build step.
// A .env file in the working directory is read first (see .env.example).
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

if (existsSync('.env')) process.loadEnvFile('.env');
register();
await import('../src/cli/index.ts');
