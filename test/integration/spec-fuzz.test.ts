// The parser fuzz property with a long budget: GHOST_FUZZ_RUNS runs (.ci/run sets it), seed
// GHOST_FUZZ_SEED (default fixed, so a failure reproduces).
import { it } from 'vitest';
import { checkParserProperty } from '../spec/fuzz-property.js';

const runs = Number(process.env.GHOST_FUZZ_RUNS ?? 2000);
const seed = Number(process.env.GHOST_FUZZ_SEED ?? 9);

it(`parseSpec survives ${runs} generated inputs (seed ${seed})`, () => {
  checkParserProperty(runs, seed);
}, 600_000);
