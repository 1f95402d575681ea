import { Component, inject, signal } from '@angular/core';
import { StoreLocatorComponent } from './store-locator/store-locator.component';
import { ConsentService } from './consent.service';

@Component({
  selector: 'app-root',
  standalone: true,
  imports: [StoreLocatorComponent],
  template: `
    <header class="hero">
      <h1>Harbor Coffee Roasters</h1>
      <p>Small-batch beans, roasted on Tuesdays, shipped on Wednesdays.</p>
    </header>

    <section class="story">
      <h2>How we roast</h2>
      <iframe [src]="'https://www.youtube.com/embed/r0aSt1ng'" title="Our roastery" width="560" height="315"></iframe>
    </section>

    @if (consent.marketing()) {
      <img src="https://www.facebook.com/tr?id=4411&ev=PageView&noscript=1" width="1" height="1" alt="">
    }

    <section class="tasting">
      <h2>Tasting room</h2>
      @if (showMap()) {
        <iframe src="https://www.google.com/maps/embed?pb=!1m2!1sHarbor+Coffee" title="Tasting room map"></iframe>
      } @else {
        <button type="button" (click)="showMap.set(true)">Load Google Maps (Google receives your IP address)</button>
      }
    </section>

    <app-store-locator />
  `,
})
export class AppComponent {
  protected readonly consent = inject(ConsentService);
  protected readonly showMap = signal(false);
}
