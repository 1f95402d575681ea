/**
 * Pieces of the self-contained HTML pages (the CLI's report, the inventory page, the editor's
 * inventory webview): escaping, an inline-SVG bar chart and the document around a body. Inline
 * CSS and SVG only; the page's CSP forbids scripts and anything fetched.
 */

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A horizontal bar chart as inline SVG: one bar per row, label left, count right. */
export function barChart(title: string, rows: { label: string; value: number; color: string }[]): string {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const labelWidth = Math.min(260, Math.max(60, ...rows.map((row) => row.label.length * 7 + 10)));
  const barWidth = 220;
  const rowHeight = 22;
  const height = rows.length * rowHeight + 4;
  const width = labelWidth + barWidth + 50;
  const bars = rows.map((row, i) => {
    const y = i * rowHeight + 2;
    const w = Math.round((row.value / max) * barWidth);
    return [
      `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(row.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${row.color}" rx="2"><title>${escapeHtml(`${row.label}: ${row.value}`)}</title></rect>`,
      `<text x="${labelWidth + w + 6}" y="${y + 15}">${row.value}</text>`,
    ].join('');
  });
  return `<div class="chart"><h4>${escapeHtml(title)}</h4><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars.join('')}</svg></div>`;
}

/** A complete HTML document: CSP without scripts or fetches, inline style, the given body lines. */
export function htmlDocument(title: string, style: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
