// Opening a file in the user's browser, if the system has an opener; the caller prints the path
// either way.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** True when an opener was started (xdg-open on Linux and BSDs, open on macOS). */
export function openFile(file: string): boolean {
  // On Linux `open` is often openvt, not a file opener.
  const opener = onPath(process.platform === 'darwin' ? 'open' : 'xdg-open');
  if (!opener) return false;
  const child = spawn(opener, [file], { detached: true, stdio: 'ignore' });
  child.on('error', () => {});
  child.unref();
  return true;
}
