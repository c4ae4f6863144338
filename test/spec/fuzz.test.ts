// Seeded parser fuzzing, small budget (the integration tier runs GHOST_FUZZ_RUNS of the same).
import { it } from 'vitest';
import { checkParserProperty } from './fuzz-property.js';

it('parseSpec returns diagnostics or a spec, and hides hidden cases, on 100 generated inputs', () => {
  checkParserProperty(100, 20261129);
});
