// Command registry. Each entry adds one subcommand; keep this list in help order.
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerPlan } from './plan.js';
import { registerTest } from './test.js';
import { registerBuild } from './build.js';

export const commands: Array<(program: Command) => void> = [registerCheck, registerPlan, registerTest, registerBuild];
