// The `yaml` library, loaded on first use. Most specs are read entirely by yaml-fast.ts, and
// importing `yaml` costs ≈ 35 ms per process; it is CommonJS-loadable, so it can be required
// synchronously from the (synchronous) parser when a block needs it.
import { createRequire } from 'node:module';

type YamlLib = typeof import('yaml');
let lib: YamlLib | undefined;

export function yamlLib(): YamlLib {
  return (lib ??= createRequire(import.meta.url)('yaml') as YamlLib);
}
