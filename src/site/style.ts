// The site's style sheet (assets/site.css).
export const STYLE = `*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
header.top{display:flex;gap:24px;align-items:center;padding:12px 24px;background:#24292f}
header.top a{color:#fff;font-weight:600}header.top nav a{font-weight:400;margin-right:16px}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
h1{font-size:24px;font-weight:400;margin:8px 0}h1 .number{color:#59636e}
h2{font-size:16px;margin:16px 0 8px}
.meta{color:#59636e;border-bottom:1px solid #d1d9e0;padding-bottom:12px}
.state{display:inline-block;padding:2px 10px;border-radius:2em;color:#fff;font-weight:600;font-size:12px;text-transform:capitalize}
.state-open{background:#1f883d}.state-closed{background:#8250df}.state-merged{background:#8250df}.state-draft{background:#59636e}
.issue .state-closed{background:#8250df}
.reason{margin:0 6px 0 4px;color:#59636e}
.label{display:inline-block;padding:0 7px;border-radius:2em;font-size:12px;font-weight:500;line-height:18px;background:#ededed}
.columns{display:flex;gap:24px;align-items:flex-start}
.timeline{flex:1;min-width:0}
.side{width:260px;flex:none}.side h2{font-size:12px;color:#59636e;margin:12px 0 4px;border-top:1px solid #d1d9e0;padding-top:8px}
.side ul{margin:0;padding-left:18px}
.none{color:#59636e}
.comment,.review{border:1px solid #d1d9e0;border-radius:6px;margin:0 0 16px}
.comment-head{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;border-radius:6px 6px 0 0;color:#59636e}
.comment-head .author{color:#1f2328}
.markdown{padding:8px 16px;overflow-wrap:anywhere}
.markdown table{border-collapse:collapse}.markdown td,.markdown th{border:1px solid #d1d9e0;padding:4px 10px}
.markdown pre,pre.diff{background:#f6f8fa;padding:12px;border-radius:6px;overflow:auto}
.markdown code{background:#eff1f3;padding:1px 4px;border-radius:4px}.markdown pre code{background:none;padding:0}
.markdown li.task{list-style:none}.markdown blockquote{margin:0;padding:0 12px;color:#59636e;border-left:3px solid #d1d9e0}
.image-link::before{content:"\\1F5BC  "}
.empty{color:#59636e;font-style:italic}
.review-comment{margin:8px 16px 16px;border:1px solid #d1d9e0;border-radius:6px}
.review-comment .file{font-family:monospace;padding:6px 12px;background:#f6f8fa;border-bottom:1px solid #d1d9e0}
pre.diff{margin:0;border-radius:0;font-size:12px}pre.diff .add{background:#dafbe1;display:block}pre.diff .del{background:#ffebe9;display:block}pre.diff .hunk{color:#59636e;display:block}
.review-approved>.comment-head{background:#dafbe1}.review-changes_requested>.comment-head{background:#ffebe9}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
.filters input[type=search]{flex:1;min-width:240px;padding:5px 12px;border:1px solid #d1d9e0;border-radius:6px}
.filters select{padding:5px;border:1px solid #d1d9e0;border-radius:6px;background:#f6f8fa}
.counts{color:#59636e}
.list{list-style:none;margin:0;padding:0;border:1px solid #d1d9e0;border-radius:6px}
.list .row{padding:8px 16px;border-top:1px solid #d1d9e0}.list .row:first-child{border-top:none}
.list .title{font-weight:600;color:#1f2328;margin-right:4px}
.list .sub{color:#59636e;font-size:12px}
.pager{margin:16px 0;display:flex;gap:12px;align-items:center;justify-content:center}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;padding:0;list-style:none}
.cards li{border:1px solid #d1d9e0;border-radius:6px;padding:8px 12px}.cards b{display:block;font-size:20px}
table.plain{border-collapse:collapse}table.plain td,table.plain th{text-align:left;padding:4px 12px 4px 0;border-bottom:1px solid #d1d9e0;vertical-align:top}
progress{width:160px}
.release{border:1px solid #d1d9e0;border-radius:6px;margin:0 0 12px;padding:0 0 4px}
.release h3{margin:0;padding:8px 16px;background:#f6f8fa;border-bottom:1px solid #d1d9e0}
.release .assets{margin:4px 16px}
svg.gantt{max-width:100%;height:auto}
`;
