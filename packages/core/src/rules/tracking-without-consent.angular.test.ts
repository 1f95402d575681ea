/**
 * tracking-without-consent on Angular apps' tracker modules and initialisers: ngx-google-analytics
 * `NgxGoogleAnalyticsModule.forRoot(…)`, `provideGoogleAnalytics(…)`, and `APP_INITIALIZER` /
 * `provideAppInitializer` factories that start a tracker when the app boots.
 */
import { runRuleTests } from '../testing/rule-tester';
import { rule } from './tracking-without-consent';

runRuleTests(rule, {
  valid: [
    // the module without forRoot only declares the event directives; it loads nothing
    { code: "import { NgModule } from '@angular/core';\nimport { NgxGoogleAnalyticsModule } from 'ngx-google-analytics';\n@NgModule({ imports: [NgxGoogleAnalyticsModule] })\nexport class SharedModule {}\n", filename: 'src/app/shared.module.ts' },
    // an initialiser that waits for the consent tool's statistics consent
    {
      code: "import { ApplicationConfig, provideAppInitializer } from '@angular/core';\ndeclare const gtag: (...args: unknown[]) => void;\nexport const appConfig: ApplicationConfig = {\n  providers: [\n    provideAppInitializer(() => {\n      if (window.Cookiebot?.consent?.statistics) gtag('config', 'G-1');\n    }),\n  ],\n};\n",
      filename: 'src/app/app.config.ts',
    },
    // a local forRoot of the app's own module is not the vendor's
    { code: "import { NgModule } from '@angular/core';\nimport { AnalyticsModule } from './analytics.module';\n@NgModule({ imports: [AnalyticsModule.forRoot('G-1')] })\nexport class AppModule {}\n", filename: 'src/app/app.module.ts' },
  ],
  invalid: [
    {
      // NgModule app: the tracking code is installed when the app boots
      code: "import { NgModule } from '@angular/core';\nimport { BrowserModule } from '@angular/platform-browser';\nimport { NgxGoogleAnalyticsModule } from 'ngx-google-analytics';\n@NgModule({\n  imports: [BrowserModule, NgxGoogleAnalyticsModule.forRoot('G-1')],\n})\nexport class AppModule {}\n",
      filename: 'src/app/app.module.ts',
      output: null,
      errors: [{ messageId: 'notGated', line: 5, column: 28, message: 'NgxGoogleAnalyticsModule.forRoot' }],
    },
    {
      // standalone app: the provider and an APP_INITIALIZER factory calling gtag
      code: "import { ApplicationConfig, APP_INITIALIZER } from '@angular/core';\nimport { provideGoogleAnalytics } from '@hakimio/ngx-google-analytics';\ndeclare const gtag: (...args: unknown[]) => void;\nexport const appConfig: ApplicationConfig = {\n  providers: [\n    provideGoogleAnalytics('G-2'),\n    { provide: APP_INITIALIZER, multi: true, useFactory: () => () => gtag('config', 'G-3') },\n  ],\n};\n",
      filename: 'src/app/app.config.ts',
      errors: [
        { messageId: 'notGated', line: 6, message: 'provideGoogleAnalytics' },
        { messageId: 'notGated', line: 7, message: 'gtag' },
      ],
    },
  ],
});
