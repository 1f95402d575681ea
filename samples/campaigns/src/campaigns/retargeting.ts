/**
 * Retargeting events for the category pages, sent to the Meta Pixel so the agency can build
 * lookalike audiences ("people who viewed hair loss products").
 */
declare const fbq: (...args: unknown[]) => void;

export function trackCategoryView(category: string): void {
  if (category === 'Haarausfall') {
    fbq('track', 'ViewContent', { content_category: 'hair loss', content_type: 'product_group' });
  } else {
    fbq('track', 'ViewContent', { content_category: 'general', content_type: 'product_group' });
  }
}
