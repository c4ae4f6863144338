// Shows a build as it goes: on a terminal a live task list redrawn in place; elsewhere (CI,
// pipes, --json) plain lines, one per event, so logs stay readable and greppable.
import { colorsFor } from '../util/color.js';
import type { BuildEvent } from './types.js';

type Status = 'pending' | 'running' | 'done';

export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): void;
}

export function createProgress(
  out: ProgressSink,
  live = Boolean(out.isTTY) && !process.env.CI,
): (e: BuildEvent) => void {
  const pc = colorsFor(out);
  const tasks: Array<{ id: string; title: string; status: Status; detail?: string }> = [];
  let footer = '';
  let drawn = 0;
  const started = Date.now();

  const redraw = () => {
    const icon = (s: Status) => (s === 'done' ? pc.green('✔') : s === 'running' ? pc.yellow('›') : pc.dim('·'));
    const lines = tasks.map((t) => `${icon(t.status)} ${t.id} ${t.title}${t.detail ? pc.dim(` (${t.detail})`) : ''}`);
    if (footer) lines.push(footer);
    // Move up over what we drew last time and clear it, then draw again.
    const up = drawn > 0 ? `\x1b[${drawn}A\x1b[0J` : '';
    out.write(`${up}${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  return (e: BuildEvent) => {
    switch (e.type) {
      case 'plan':
        tasks.splice(0, tasks.length, ...e.tasks.map((t) => ({ ...t, status: 'pending' as Status })));
        if (!live) out.write(`plan: ${e.tasks.length} tasks\n`);
        break;
      case 'task-start':
      case 'task-done': {
        const t = tasks.find((x) => x.id === e.id);
        if (t) {
          t.status = e.type === 'task-start' ? 'running' : 'done';
          if (e.detail) t.detail = e.detail;
        }
        if (!live)
          out.write(
            `[${elapsed()}] ${e.type === 'task-start' ? 'start' : 'done '} task ${e.id}${e.detail ? ` (${e.detail})` : ''}\n`,
          );
        break;
      }
      case 'round':
        footer = `round ${e.round}: ${e.stage}${e.detail ? ` — ${e.detail}` : ''}`;
        if (!live) out.write(`[${elapsed()}] ${footer}\n`);
        break;
      case 'note':
        if (!live) out.write(`${e.message}\n`);
        else footer = e.message;
        break;
      case 'done':
        // The verdict itself is the command's output (stdout); here the list is just closed.
        footer = '';
        if (live) redraw();
        else out.write(`[${elapsed()}] build ${e.status}\n`);
        return;
    }
    if (live) redraw();
  };
}
