/**
 * `creepyline/inventory`: the privacy inventory of one workspace folder, as the same HTML page
 * `creepyline inventory --format html` writes (core's renderer: one inventory, one look).
 * The analysis is the folder's Workspace, so open editors' unsaved text counts and the facts
 * cached for diagnostics are reused.
 */
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, discoverFiles, displayPath, formatInventoryHtml, inventoryReport } from '@creepyline/core';
import type { InventoryParams, InventoryResult } from '@creepyline/protocol';
import { uriToPath, type Roots } from './documents';

/** Computes the inventory page of the requested folder (the first folder by default). */
export async function computeInventory(roots: Roots, params: InventoryParams, toolVersion: string): Promise<InventoryResult> {
  const folder = (params.folderUri ? uriToPath(params.folderUri) : undefined) ?? roots.folderDirs[0];
  if (!folder) return null;
  await roots.ensurePolicy(folder);
  const root = roots.root(folder);
  const discovery = discoverFiles({
    root: folder, paths: ['.'], useIgnoreFiles: true,
    isIgnored: (f) => root.config.isIgnored(f), maxFileSize: DEFAULT_MAX_FILE_SIZE,
  });
  const analysis = root.workspace.analyzeFiles(discovery.files);
  const inventory = root.workspace.inventory(discovery.files, analysis.findings);
  const skipped = new Map<string, string>();
  for (const entry of [...discovery.skipped, ...analysis.skipped]) {
    const file = displayPath(folder, path.resolve(folder, entry.file));
    if (!skipped.has(file)) skipped.set(file, entry.reason);
  }
  const report = inventoryReport(inventory, folder, toolVersion, analysis.filesAnalysed,
    [...skipped].map(([file, reason]) => ({ file, reason })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
  return { folder, html: formatInventoryHtml(report), summary: report.summary };
}
