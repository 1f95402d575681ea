import { Injectable, signal } from '@angular/core';
import * as CookieConsent from 'vanilla-cookieconsent';

/** The visitor's consent choices, as signals the templates read. */
@Injectable({ providedIn: 'root' })
export class ConsentService {
  readonly marketing = signal(CookieConsent.acceptedCategory('marketing'));
  readonly analytics = signal(CookieConsent.acceptedCategory('analytics'));

  refresh(): void {
    this.marketing.set(CookieConsent.acceptedCategory('marketing'));
    this.analytics.set(CookieConsent.acceptedCategory('analytics'));
  }

  hasConsent(category: 'marketing' | 'analytics'): boolean {
    return CookieConsent.acceptedCategory(category);
  }
}
