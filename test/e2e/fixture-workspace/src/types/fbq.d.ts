// The global the Meta Pixel base code defines on the page.
declare function fbq(command: 'init' | 'track' | 'trackCustom', ...args: unknown[]): void;
