/** The Pinterest tag's queue function, defined by its base code once loaded. */
export {};

declare global {
  function pintrk(command: 'track' | 'page' | 'load', ...args: unknown[]): void;
}
