/**
 * The inventory as the faces show it (CLI formats, the HTML report's second tab, the editor's
 * webview): paths relative to the root, the tool version and what was analysed. Pure: no
 * file system, so the language server can use it too.
 */
import { displayPath } from '../discover';
import { transferSummary, type TransferSummary } from '../inventory/transfers';
import type { Inventory } from '../inventory/types';

/** Schema version of the JSON inventory document. */
export const INVENTORY_REPORT_VERSION = 1;

/** The inventory as the CLI prints it: paths relative to the root, plus what was analysed. */
export interface InventoryReport extends Omit<Inventory, 'version'> {
  version: typeof INVENTORY_REPORT_VERSION;
  tool: { name: 'creepyline'; version: string };
  summary: {
    files: number; skipped: number; vendors: number; embeds: number; forms: number; processors: number; dataSources: number;
    /** Recipients by company country and transfer basis (from the catalogue's sourced company facts). */
    transfers: TransferSummary;
  };
  skipped: { file: string; reason: string }[];
}

/** Paths relative to `root` (forward slashes), everything else as is. */
export function relativeInventory(inventory: Inventory, root: string): Inventory {
  return JSON.parse(JSON.stringify(inventory, (key, value) => (key === 'file' && typeof value === 'string' ? displayPath(root, value) : value))) as Inventory;
}

/** The report object of an inventory. */
export function inventoryReport(inventory: Inventory, root: string, toolVersion: string, files: number, skipped: { file: string; reason: string }[]): InventoryReport {
  const shown = relativeInventory(inventory, root);
  return {
    version: INVENTORY_REPORT_VERSION,
    tool: { name: 'creepyline', version: toolVersion },
    summary: {
      files, skipped: skipped.length,
      vendors: shown.vendors.length, embeds: shown.embeds.length, forms: shown.forms.length, processors: shown.processors.length, dataSources: shown.dataSources.length,
      transfers: transferSummary(shown),
    },
    skipped,
    vendors: shown.vendors,
    embeds: shown.embeds,
    forms: shown.forms,
    processors: shown.processors,
    dataSources: shown.dataSources,
    ...(shown.notice ? { notice: shown.notice } : {}),
  };
}

