/**
 * The basket buttons on the product list.
 */
import { posthog } from './posthog.js';

document.querySelectorAll('.add-to-basket').forEach((button) => {
  button.addEventListener('click', () => {
    const product = button.dataset.product;
    addToBasket(product);
    // GA only exists once the visitor accepted (js/tracking.js loads it then)
    if (window.gtag) gtag('event', 'add_to_cart', { items: [{ item_id: product }] });
    posthog.capture('added_to_basket', { product });
  });
});

function addToBasket(product) {
  const basket = JSON.parse(sessionStorage.getItem('basket') ?? '[]');
  basket.push(product);
  sessionStorage.setItem('basket', JSON.stringify(basket));
}
