"""The stylesheet of the HTML debrief: system fonts, a restrained palette, print rules.

Colours are CSS variables set from :data:`parley.assessment._svg.COLOURS` by the page.
"""

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{--who:140px;margin:0;background:#f5f7fa;color:var(--ink);
  font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.report{max-width:1040px;margin:0 auto;padding:24px 28px}
main.report{background:#fff;border:1px solid var(--rule);border-top:none}
footer.report{color:var(--muted);font-size:12px;padding-top:8px}
h1{font-size:26px;line-height:1.2;margin:2px 0 6px}
h2{font-size:18px;margin:0 0 12px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
h3{font-size:14px;margin:0 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
section{margin:30px 0 0}
a{color:var(--trust)}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--faint);
  padding:1px 4px;border-radius:3px}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:13px;margin:6px 0 0}
.kicker{margin:0;font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;
  color:var(--muted)}
.meta{margin:0;color:var(--muted);font-size:13px}
.top{display:flex;flex-wrap:wrap;gap:16px;justify-content:space-between;align-items:flex-end;
  padding-bottom:16px;border-bottom:1px solid var(--rule)}
.boxes{display:flex;flex-wrap:wrap;gap:10px}
.fact-box{border:1px solid var(--rule);border-radius:6px;padding:6px 12px;min-width:96px}
.fact-box span{display:block;font-size:11px;text-transform:uppercase;letter-spacing:.06em;
  color:var(--muted)}
.fact-box b{font-size:16px;text-transform:capitalize}
.fact-box.score{border-color:var(--ink)}
.fact-box.score b{font-size:28px;line-height:1.1}
.fact-box small{font-size:14px;color:var(--muted);font-weight:400}
.outcome.peaceful_resolution{color:var(--listening)}
.outcome.violent_escalation,.outcome.tactical_resolution,.outcome.contact_lost{color:var(--error)}
.outcome.ongoing{color:var(--disclosure)}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;padding:10px 0;border-bottom:1px solid var(--rule);
  font-size:14px}
nav a{text-decoration:none}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--rule)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
tbody th{white-space:nowrap}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums;width:110px}
td.turns{width:150px}
.meter{display:block;height:4px;margin-top:4px;background:var(--faint);border-radius:2px}
.meter span{display:block;height:4px;background:var(--step);border-radius:2px}
.blockers{border:1px solid var(--error);border-left:5px solid var(--error);border-radius:4px;
  padding:10px 14px;margin:0 0 14px;color:var(--error)}
.blockers h3{color:var(--error)}
.blockers ul{margin:0;padding-left:18px}
.blockers li{color:var(--ink)}
.blockers b{color:var(--error);text-transform:capitalize}
svg.chart{display:block;width:100%;height:auto;max-width:900px}
svg.chart a circle:hover{stroke:var(--ink);stroke-width:2}
.counts{list-style:none;padding:0;margin:10px 0 0;display:flex;flex-wrap:wrap;gap:6px 14px;
  font-size:13px}
.tags{list-style:none;padding:0;margin:4px 0 6px;display:flex;flex-wrap:wrap;gap:4px}
.tag{display:inline-block;font-size:12px;line-height:1.5;padding:0 7px;border-radius:10px;
  border:1px solid currentColor;white-space:nowrap}
.tag.listening{color:var(--listening)}
.tag.influence{color:var(--influence)}
.tag.other{color:var(--other)}
.tag.error{color:var(--error);font-weight:600}
.tag.unsure{border-style:dashed;opacity:.75;font-weight:400}
.tag .conf{opacity:.7;font-variant-numeric:tabular-nums}
.legend{margin-bottom:14px}
.turn{display:grid;grid-template-columns:36px 1fr;gap:10px;padding:12px 0;
  border-bottom:1px solid var(--rule);break-inside:avoid;page-break-inside:avoid}
.turn:target{background:#fffbea}
.turn.has-error{border-left:3px solid var(--error);padding-left:6px;margin-left:-9px}
.turn-no{font-weight:700;color:var(--muted);text-decoration:none;font-variant-numeric:tabular-nums}
.line{margin:0;display:grid;grid-template-columns:var(--who) 1fr}
.notes{margin-left:var(--who)}
.who{font-weight:700;padding-right:10px;overflow-wrap:anywhere}
.you .who{color:var(--trust)}
.them{margin-top:6px;color:#323f4b}
.them .who{color:var(--ink)}
.error-note{margin:6px 0;padding:6px 10px;border-left:3px solid var(--error);font-size:14px}
.error-note p{margin:0}
.error-note b{color:var(--error);text-transform:capitalize}
.error-note.missed{border-left-color:#b7791f}
.error-note.missed b{color:#975a16;text-transform:none}
.better span{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;
  color:var(--listening);margin-right:6px}
.better{font-style:italic}
.event{margin:6px 0 0;color:var(--event);font-size:14px}
.warn{margin:6px 0 0;color:var(--disclosure);font-size:14px}
.warn.error{color:var(--error);font-weight:600}
.state{margin:4px 0 0;color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
.marks{list-style:none;padding:0;margin:6px 0 0;font-size:14px}
.marks li{padding-left:20px;position:relative;margin:2px 0}
.marks li::before{position:absolute;left:0;font-weight:700}
.marks .yes::before{content:"\\2713";color:var(--listening)}
.marks .no::before{content:"\\2717";color:var(--error)}
.marks .disclosure::before{content:"\\25C6";color:var(--disclosure)}
.marks .release::before{content:"\\2713";color:var(--listening)}
.marks .hook::before{content:"+";color:var(--listening)}
.marks .trigger::before{content:"!";color:var(--error)}
.marks .disclosure,.marks .release{font-weight:600}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px 28px;
  margin-bottom:14px}
.practise{margin:0;padding-left:22px}
.practise li{margin:4px 0}
@media (max-width:700px){
  body{--who:0px}
  .line{display:block}
  .who{display:block;font-size:13px}
  .report{padding:16px}
  td.turns,td.num{width:auto}
  .breakdown thead{display:none}
  .breakdown tr{display:block;border-bottom:1px solid var(--rule);padding:6px 0}
  .breakdown th,.breakdown td{display:block;border:none;padding:2px 0}
}
@media print{
  @page{margin:16mm 14mm}
  body{background:none;font-size:11pt}
  main.report{border:none;padding:0;max-width:none}
  nav{display:none}
  a{color:inherit;text-decoration:none}
  .turn:target{background:none}
  h2{break-after:avoid;page-break-after:avoid}
  .blockers,tr,svg.chart,.columns>div{break-inside:avoid;page-break-inside:avoid}
  code{background:none;padding:0}
  svg.chart{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
"""
