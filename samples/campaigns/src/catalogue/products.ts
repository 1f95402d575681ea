/**
 * The pharmacy's product catalogue. Product names and categories mention health conditions,
 * which is what a pharmacy sells: no marketing context, nothing to report here.
 */
export interface Product {
  sku: string;
  name: string;
  category: string;
  priceCents: number;
}

export const products: Product[] = [
  { sku: 'MG-100', name: 'Frischatem Mundspray gegen Mundgeruch', category: 'Mundgeruch', priceCents: 899 },
  { sku: 'HA-200', name: 'Koffein-Shampoo bei Haarausfall', category: 'Haarausfall', priceCents: 1499 },
  { sku: 'DI-300', name: 'Blutzucker-Teststreifen (50 Stück)', category: 'Diabetes', priceCents: 2495 },
  { sku: 'VI-400', name: 'Vitamin D3 1000 I.E.', category: 'Vitamine', priceCents: 695 },
];

/** Products of one category, for the category pages. */
export function byCategory(category: string): Product[] {
  return products.filter((p) => p.category === category);
}
