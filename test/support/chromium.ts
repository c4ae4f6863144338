// Headless Debian chromium for tests that must see a page as a browser does. Every run gets a
// fresh profile, a proxy on a dead port (nothing can be fetched), and a net log from which the
// requests the *page* started are read (chromium's own background requests are left out).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const CHROMIUM = process.env.GHOST_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const run = promisify(execFile);

async function chromium(args: string[], url: string): Promise<{ stdout: string; pageRequests: string[] }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ghost-chromium-'));
  const netLog = path.join(profile, 'netlog.json');
  try {
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--proxy-server=http://127.0.0.1:9',
        `--log-net-log=${netLog}`,
        ...args,
        url,
      ],
      { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    return { stdout, pageRequests: pageRequests(netLog) };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** URLs of requests with a web origin as initiator (a page's), not chromium's own ("not an origin"). */
function pageRequests(netLogFile: string): string[] {
  if (!existsSync(netLogFile)) return [];
  const log = JSON.parse(readFileSync(netLogFile, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: Array<{ type: number; params?: { url?: string; initiator?: string } }>;
  };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((e) => e.type === start && e.params?.url && e.params.initiator !== 'not an origin')
    .map((e) => e.params?.url ?? '');
}

/** The DOM after the page's scripts ran, and the requests the page made. */
export function dumpDom(file: string, fragment = ''): Promise<{ dom: string; pageRequests: string[] }> {
  return chromium(['--dump-dom'], `file://${file}${fragment}`).then((r) => ({
    dom: r.stdout,
    pageRequests: r.pageRequests,
  }));
}

export async function screenshot(file: string, png: string, size = '1280,2600'): Promise<void> {
  await chromium([`--screenshot=${png}`, `--window-size=${size}`, '--hide-scrollbars'], `file://${file}`);
}
