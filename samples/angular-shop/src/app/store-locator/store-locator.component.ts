import { Component, inject } from '@angular/core';
import { NgIf } from '@angular/common';
import { ConsentService } from '../consent.service';

@Component({
  selector: 'app-store-locator',
  standalone: true,
  imports: [NgIf],
  templateUrl: './store-locator.component.html',
})
export class StoreLocatorComponent {
  protected readonly cookies = inject(ConsentService);

  openSettings(): void {
    document.dispatchEvent(new CustomEvent('open-cookie-settings'));
  }
}
