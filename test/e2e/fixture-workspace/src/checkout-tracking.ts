// Order confirmation page: reports the completed purchase to Google Analytics 4.
// It runs as soon as the page loads, whether or not the visitor agreed to analytics.
import { getOrder } from './order';

const order = getOrder();

gtag('event', 'purchase', {
  transaction_id: order.id,
  value: order.total,
  currency: 'EUR',
  items: order.items.map((item) => ({ item_id: item.sku, quantity: item.quantity })),
});
