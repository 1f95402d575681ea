// The global the Google tag (gtag.js) snippet defines on the page.
declare function gtag(command: 'config' | 'event' | 'set' | 'consent' | 'js', ...args: unknown[]): void;
