// The page's own CSS and script, inline (the report is one file that loads nothing).

export const CSS = `
:root{--fg:#1f2328;--muted:#656d76;--bg:#fff;--card:#f6f8fa;--line:#d0d7de;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;
--task:#0969da;--gate:#8250df;--review:#bf8700;--fix:#1a7f37;--addbg:#e6ffec;--delbg:#ffebe9;--hunk:#ddf4ff;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#8d96a0;--bg:#0d1117;--card:#161b22;--line:#30363d;--ok:#3fb950;
--bad:#f85149;--addbg:#12261e;--delbg:#25171c;--hunk:#121d2f}}
body{margin:0}main{max-width:1120px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 8px}h2{font-size:20px;margin:32px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:17px;margin:0 0 8px}h4{font-size:15px;margin:14px 0 6px}
code,pre,.code{font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:13px}
pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow:auto;max-height:420px;white-space:pre-wrap;word-break:break-word;margin:4px 0}
a{color:var(--task)}.muted{color:var(--muted)}.small{font-size:12px}
.lang{font-size:14px;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:12px;padding:1px 10px;vertical-align:middle}
.verdict{display:inline-block;font-weight:700;font-size:18px;letter-spacing:.06em;padding:4px 14px;border-radius:6px;color:#fff;margin:4px 0 8px}
.verdict.ok{background:var(--ok)}.verdict.bad{background:var(--bad)}.verdict.run{background:var(--warn)}
.reasons{color:var(--bad);margin:4px 0 12px}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 14px}.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 16px;min-width:96px}
.tile b{display:block;font-size:20px;line-height:1.2}.tile span{font-size:12px;color:var(--muted)}.tile.ok b{color:var(--ok)}.tile.bad b{color:var(--bad)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:8px 0}.meta dt{color:var(--muted)}.meta dd{margin:0}
.bar{display:flex;gap:2px;height:30px;border-radius:6px;overflow:hidden;background:var(--card);border:1px solid var(--line)}
.seg{display:block;min-width:6px}.seg:hover{opacity:.75}
.task{--c:var(--task)}.gate{--c:var(--gate)}.review{--c:var(--review)}.fix{--c:var(--fix)}
.seg,.key{background:var(--c)}.seg.notok{background:repeating-linear-gradient(45deg,var(--c),var(--c) 5px,var(--bad) 5px,var(--bad) 10px)}
.key{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}.legend .key:first-child{margin-left:0}
.key.notok{--c:var(--bad)}.legend{font-size:13px;color:var(--muted);margin:6px 0}
.steps{columns:2;font-size:14px;padding-left:22px;margin:6px 0}.steps li.notok a{color:var(--bad)}.steps .key{margin:0 6px 0 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:12px 0;scroll-margin-top:12px}
.card.task{border-left:4px solid var(--task)}.card.round{border-left:4px solid var(--gate)}
.id{font-family:ui-monospace,monospace;color:var(--muted);font-weight:500}
.facts{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;font-size:14px;color:var(--muted);margin:4px 0 8px}
.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;border:1px solid currentColor}
.badge.ok{color:var(--ok)}.badge.bad{color:var(--bad)}.badge.hid{color:var(--gate)}
.sev-blocking{color:var(--bad)}.sev-major{color:var(--warn)}.sev-minor{color:var(--muted)}
.add{color:var(--ok)}.del{color:var(--bad)}.flag{color:var(--warn);font-weight:600}
.cause{color:var(--bad);margin:6px 0}
.summary{margin:8px 0}.label{display:block;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin-top:6px}
pre.prose{font-family:inherit;font-size:14px;background:var(--bg)}
details>summary{cursor:pointer;margin:4px 0;font-size:14px}
.more{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 22px;margin-top:6px}.more>details{flex:0 0 auto}
.more>details[open]{flex-basis:100%;order:1}.more>.transcript{margin-left:auto}details.calls>summary,details.diffbox>summary,details.cases>summary{font-weight:600}
.calls ol{margin:4px 0;padding-left:26px}.call.err>details>summary code{color:var(--bad)}
table{border-collapse:collapse}.fns td,.fns th{padding:3px 14px 3px 0;text-align:left;font-size:14px}
td.ok{color:var(--ok)}td.bad{color:var(--bad);font-weight:600}
.cases-table{width:100%;font-size:13px;margin-top:6px}.cases-table th{text-align:left;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line)}
.cases-table td{padding:2px 10px 2px 0;vertical-align:top;border-bottom:1px solid var(--line)}
.case .mark{font-weight:700;width:1.5em}.case.passed .mark{color:var(--ok)}.case.failed .mark,.case.errored .mark{color:var(--bad)}
.case.failed,.case.errored{background:var(--delbg)}.msg{color:var(--muted);word-break:break-word}
.filters button{font:inherit;font-size:12px;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:12px;padding:1px 10px;margin-right:4px;cursor:pointer}
.filters button.on{background:var(--gate);border-color:var(--gate);color:#fff}
.findings{padding-left:0;list-style:none}.finding{margin:4px 0}.loc{font-family:ui-monospace,monospace;font-size:13px}
.step{border-top:1px dashed var(--line);padding-top:4px}.step:first-of-type{border-top:0}
.diff-file{border:1px solid var(--line);border-radius:6px;margin:6px 0;background:var(--bg)}.diff-file>summary{padding:4px 8px}
.code{width:100%;border-collapse:collapse}.code td{padding:0 6px;white-space:pre-wrap;word-break:break-all;vertical-align:top}
.code .ln{color:var(--muted);text-align:right;width:3.5em;user-select:none}.code .sg{width:1em;color:var(--muted)}
.code tr.add{background:var(--addbg);color:var(--fg)}.code tr.del{background:var(--delbg);color:var(--fg)}
.code tr.add .sg{color:var(--ok)}.code tr.del .sg{color:var(--bad)}.code tr.hunk,.code tr.meta{background:var(--hunk);color:var(--muted)}
tr:target,.hl{outline:2px solid var(--review);background:#fff8c5 !important;color:#1f2328}
footer{margin-top:40px;font-size:12px;color:var(--muted)}
`;

/** Case filters, and opening the collapsed blocks around a linked line (a finding's file:line). */
export const SCRIPT = `
document.querySelectorAll('.filters').forEach(function (bar) {
  var table = document.getElementById(bar.getAttribute('data-for'));
  bar.addEventListener('click', function (ev) {
    var f = ev.target && ev.target.getAttribute && ev.target.getAttribute('data-filter');
    if (!f || !table) return;
    bar.querySelectorAll('button').forEach(function (b) { b.classList.toggle('on', b === ev.target); });
    table.querySelectorAll('tr.case').forEach(function (tr) {
      var s = tr.getAttribute('data-status'), h = tr.getAttribute('data-hidden') === 'true';
      var show = f === 'all' || (f === 'notpassed' && s !== 'passed') || (f === 'hidden' && h) || (f === 'visible' && !h);
      tr.style.display = show ? '' : 'none';
    });
  });
});
function reveal() {
  var id = decodeURIComponent(location.hash.slice(1));
  var el = id && document.getElementById(id);
  if (!el) return;
  for (var p = el.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
  if (el.tagName === 'DETAILS') el.open = true;
  document.querySelectorAll('.hl').forEach(function (x) { x.classList.remove('hl'); });
  el.classList.add('hl');
  el.scrollIntoView({ block: 'center' });
}
window.addEventListener('hashchange', reveal);
reveal();
document.documentElement.setAttribute('data-ready', 'true');
`;
