namespace AwaitRaceAnalyzer.Cli.Reports
{
    /// <summary>The report's inline style sheet and script: one self-contained file, readable when printed.</summary>
    internal static class HtmlStyle
    {
        public const string Css = @"
:root { --read: #fde68a; --read-b: #b45309; --await: #bfdbfe; --await-b: #1d4ed8; --write: #fecaca; --write-b: #b91c1c;
  --evidence: #bbf7d0; --evidence-b: #15803d; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; color: var(--ink); background: #f3f4f6; }
header { background: #111827; color: #f9fafb; padding: 18px 32px; }
header h1 { margin: 0; font-size: 22px; }
header .meta { margin: 4px 0 0; color: #d1d5db; font-size: 13px; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
h2 { margin: 0 0 8px; font-size: 19px; }
h3 { margin: 0 0 6px; font-size: 17px; }
h4 { margin: 14px 0 6px; font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
code, pre, .code, .path { font-family: ui-monospace, 'Cascadia Code', 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px; }
.path { color: #374151; }
a { color: #1d4ed8; }
.summary, .card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; margin-bottom: 18px; }
.totals { margin: 0 0 12px; }
.tables { display: flex; flex-wrap: wrap; gap: 24px; }
.tables table { border-collapse: collapse; flex: 1 1 420px; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: var(--write-b); }
.index { columns: 2; margin: 14px 0 0; padding-left: 22px; font-size: 14px; }
.index a { text-decoration: none; color: var(--ink); }
.badge { display: inline-block; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge.warning, .badge.error { background: #fef3c7; color: #92400e; border: 1px solid #f59e0b; }
.badge.error { background: #fee2e2; color: #991b1b; border-color: #ef4444; }
.badge.suggestion { background: #e0e7ff; color: #3730a3; border: 1px solid #818cf8; }
.filters { margin: 0 0 12px; font-size: 14px; color: var(--muted); }
.filters label { margin-left: 12px; color: var(--ink); }
.message { margin: 0 0 4px; font-weight: 500; }
.where { margin: 0 0 10px; font-size: 13px; color: var(--muted); }
.legend { display: flex; gap: 8px; margin-bottom: 6px; font-size: 12px; }
.mark, mark { border-radius: 3px; padding: 0 2px; color: inherit; }
.legend .mark { padding: 1px 8px; }
.read { background: var(--read); box-shadow: inset 0 -2px 0 var(--read-b); }
.await { background: var(--await); box-shadow: inset 0 -2px 0 var(--await-b); }
.write { background: var(--write); box-shadow: inset 0 -2px 0 var(--write-b); }
.evidence { background: var(--evidence); box-shadow: inset 0 -2px 0 var(--evidence-b); }
section.evidence { background: none; box-shadow: none; }
figure.source { margin: 0; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
figcaption { background: #f9fafb; border-bottom: 1px solid var(--line); padding: 4px 12px; font-size: 12px; color: var(--muted); }
table.code { border-collapse: collapse; width: 100%; }
table.code td { border: 0; padding: 0 10px; white-space: pre; line-height: 1.55; }
table.code td.ln { width: 1%; text-align: right; color: #9ca3af; user-select: none; border-right: 1px solid var(--line); }
table.code td.tag { width: 1%; padding: 0 6px; font-size: 11px; user-select: none; }
table.code td.tag span { display: inline-block; min-width: 40px; text-align: center; border-radius: 3px; margin-right: 3px; font-weight: 600; }
td.tag .tag-read { background: var(--read); color: var(--read-b); }
td.tag .tag-await { background: var(--await); color: var(--await-b); }
td.tag .tag-write { background: var(--write); color: var(--write-b); }
td.tag .tag-evidence { background: var(--evidence); color: var(--evidence-b); }
tr.hl td.src { background: #fafaf9; }
table.code td.src { white-space: pre; }
.lanes { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 14px; font-size: 14px; }
.lane-head { font-weight: 700; padding: 4px 10px; border-radius: 6px 6px 0 0; }
.lane-head.a, .step.a { background: #eef2ff; border-left: 4px solid #6366f1; }
.lane-head.b, .step.b { background: #fdf2f8; border-left: 4px solid #db2777; }
.step { padding: 6px 10px; border-radius: 4px; }
.step code { background: rgba(255,255,255,.8); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
.step .num { display: inline-block; width: 20px; height: 20px; line-height: 20px; text-align: center; border-radius: 50%; background: #374151; color: #fff; font-size: 11px; }
.step .line { color: var(--muted); font-size: 12px; margin-left: 4px; }
.gap { border-left: 2px dotted #d1d5db; margin-left: 12px; }
.outcome { grid-column: 1 / span 2; margin-top: 6px; padding: 8px 12px; background: #fef2f2; border: 1px solid #fca5a5; border-radius: 6px; font-weight: 600; color: #991b1b; }
.fixes { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; font-size: 14px; }
.fixes ol { margin: 0; padding-left: 22px; }
.fixes p { margin: 6px 0; }
pre.cmd { background: #111827; color: #e5e7eb; padding: 8px 12px; border-radius: 6px; white-space: pre-wrap; word-break: break-word; margin: 4px 0; }
.clean { font-weight: 600; color: var(--evidence-b); }
.hidden { display: none; }
@media (max-width: 800px) { .fixes, .lanes { grid-template-columns: 1fr; } .gap { display: none; } .index { columns: 1; } }
@media print {
  body { background: #fff; font-size: 12px; }
  header { background: none; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
  header .meta { color: #333; }
  main { max-width: none; padding: 8px 0; }
  .filters { display: none; }
  .summary, .card { border: 1px solid #999; break-inside: avoid; page-break-inside: avoid; }
  .card { break-before: auto; }
  pre.cmd { background: #f3f4f6; color: #000; border: 1px solid #999; }
  mark, .mark, .step, .lane-head, td.tag span, .badge, .outcome { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: #000; }
}
";

        public const string Script = @"
document.querySelectorAll('.filters input[data-rule]').forEach(function (box) {
  box.addEventListener('change', function () {
    document.querySelectorAll('article.card[data-rule=""' + box.dataset.rule + '""]').forEach(function (card) {
      card.classList.toggle('hidden', !box.checked);
    });
  });
});
";
    }
}
