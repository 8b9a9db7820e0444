/**
 * The page shell: a header with the sections and the person's name, a little CSS that works on
 * a phone screen, and no script of its own. Pages are `hono/html` templates, which escape every
 * value they interpolate.
 */
import { html, raw } from 'hono/html';
import { T } from '../common/text/index.js';

export type Html = ReturnType<typeof html>;

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2933;background:#f5f7fa}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#1e3a5f;color:#fff}
header a{color:#fff;text-decoration:none;white-space:nowrap}header nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;flex:1}header form{margin:0}
header button{background:none;border:1px solid #fff6;color:#fff;border-radius:4px;padding:.1rem .6rem}
main{padding:1rem;max-width:1200px;margin:0 auto}h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
a{color:#1d4ed8}.muted{color:#6b7280}.notice{background:#fff7e6;border:1px solid #f5c26b;padding:.5rem .8rem;border-radius:6px}
form.filters{display:flex;flex-wrap:wrap;gap:.4rem;align-items:end;margin-bottom:1rem}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#52606d}
input,select,button,textarea{font:inherit;padding:.3rem .4rem;border:1px solid #cbd2d9;border-radius:4px;background:#fff}
button{cursor:pointer;background:#1e3a5f;color:#fff;border-color:#1e3a5f}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.4rem .5rem;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
th{font-size:.8rem;color:#52606d;white-space:nowrap}.table{overflow-x:auto}
.tag{display:inline-block;font-size:.75rem;padding:0 .35rem;border-radius:3px;background:#e4e7eb;margin-right:.2rem;white-space:nowrap}
.tag.urgent{background:#b91c1c;color:#fff}.tag.overdue{background:#f59e0b;color:#fff}.tag.must{background:#6d28d9;color:#fff}
.legend{display:flex;flex-wrap:wrap;gap:.8rem;font-size:.85rem;margin:.5rem 0}.legend i{display:inline-block;width:1em;height:1em;border-radius:3px;vertical-align:-.15em;margin-right:.25rem}
.grid-block{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:.8rem;margin-bottom:1rem}
.buildings{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.8rem}
.building{border-radius:8px;padding:.5rem;border:2px solid transparent;color:inherit;text-decoration:none;display:block}
.building .name{font-weight:600;display:flex;justify-content:space-between}
.units{display:grid;grid-template-columns:repeat(auto-fill,minmax(60px,1fr));gap:.3rem;margin-top:.4rem}
.unit{border-radius:4px;padding:.25rem;font-size:.8rem;text-align:center;text-decoration:none;color:inherit;display:block}
.ok{background:#d1fae5}.open{background:#fde68a}.overdue{background:#fca5a5}
.building.ok{border-color:#6ee7b7}.building.open{border-color:#f59e0b}.building.overdue{border-color:#dc2626}
.urgent-mark{color:#b91c1c;font-weight:700}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,560px),1fr));gap:1rem}
.chart{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:.5rem;overflow-x:auto}.chart svg{width:100%;height:auto}
.chart svg a path{cursor:pointer}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;background:#fff;padding:.8rem;border-radius:8px}dl.facts dt{color:#52606d}dl.facts dd{margin:0}
ol.timeline{background:#fff;padding:.8rem 2rem;border-radius:8px}ol.timeline li{margin:.2rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.6rem}.actions form{display:flex;gap:.3rem;flex-wrap:wrap;background:#fff;padding:.5rem;border-radius:6px;border:1px solid #e4e7eb}
.pager{display:flex;gap:1rem;align-items:center;margin:.8rem 0}
@media (max-width:600px){main{padding:.6rem}th.wide,td.wide{display:none}header nav{order:3;flex-basis:100%}}
`;

/** A whole page. `who` is the signed-in person's name, when there is one. */
export function page(title: string, body: Html | string, who?: string, csrf?: string, head?: Html): Html {
  const nav = who
    ? html`<nav><a href="/">${T.web.nav.map}</a><a href="/tickets">${T.web.nav.tickets}</a><a href="/charts">${T.web.nav.charts}</a><a href="/households">${T.web.nav.households}</a></nav>
<span>${T.web.hello(who)}</span>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${csrf ?? ''}"><button>${T.web.nav.logout}</button></form>`
    : '';
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · ${T.web.title}</title><style>${raw(CSS)}</style>${head ?? ''}</head>
<body><header><strong><a href="/">${T.web.title}</a></strong>${nav}</header><main>${body}</main></body></html>`;
}

/** A short page with one message (refusals, expired links). */
export function messagePage(title: string, message: string, who?: string, csrf?: string): Html {
  return page(title, html`<h1>${title}</h1><p class="notice">${message}</p>`, who, csrf);
}
