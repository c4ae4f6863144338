// Command registry. Each entry adds one subcommand; keep this list in help order.
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerPlan } from './plan.js';
import { registerTest } from './test.js';
import { registerBuild } from './build.js';
import { registerPack } from './pack.js';
import { registerPublish } from './publish.js';
import { registerAdd } from './add.js';
import { registerVerify } from './verify.js';
import { registerDiff } from './diff.js';
import { registerReport } from './report.js';
import { registerFuzz } from './fuzz.js';
import { registerMergeReports } from './merge-reports.js';

export const commands: Array<(program: Command) => void> = [
  registerCheck,
  registerPlan,
  registerTest,
  registerMergeReports,
  registerBuild,
  registerReport,
  registerDiff,
  registerFuzz,
  registerPack,
  registerPublish,
  registerAdd,
  registerVerify,
];
