// Reads the order the confirmation page was rendered for.
export interface Order {
  id: string;
  total: number;
  items: { sku: string; quantity: number }[];
}

export function getOrder(): Order {
  const el = document.getElementById('order-data');
  return JSON.parse(el?.textContent ?? '{"id":"","total":0,"items":[]}') as Order;
}
