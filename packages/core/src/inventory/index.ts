/** The privacy inventory (`creepyline inventory`, the HTML report's second tab, the editor's webview). */
export * from './types';
export { buildInventory, codeRecipients, noticeDrift, recipientsOf, displayName, companyFor } from './build';
export type { InventoryInput } from './build';
export { noticeText, namesOf, findName } from './notice';
export { transferSummary, transferSummaryText } from './transfers';
export type { TransferSummary } from './transfers';
