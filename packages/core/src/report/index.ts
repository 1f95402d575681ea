/**
 * What the faces render the same way (CLI formats, the language server's inventory page):
 * the inventory report and its HTML and words. Pure: no file system.
 */
export * from './html-parts';
export * from './inventory-report';
export * from './inventory-words';
export * from './inventory-html';
