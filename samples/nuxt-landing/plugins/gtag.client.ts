// Google Analytics through vue-gtag: installed with bootstrap: false, so gtag.js is only
// downloaded when the cookie banner calls bootstrap() after the visitor accepts analytics.
import VueGtag from 'vue-gtag';

export default defineNuxtPlugin((nuxtApp) => {
  nuxtApp.vueApp.use(VueGtag, {
    config: { id: 'G-HEARTH123' },
    bootstrap: false,
  });
});
