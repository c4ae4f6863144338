// vitest globalSetup for the agents tier: the pinned CLIs must be there before any test runs.
import { ensureClis } from './clis.js';

export default function setup(): void {
  ensureClis();
}
