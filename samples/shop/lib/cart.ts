/** Cart API client (the cart lives server-side, keyed by the session cookie). */

export interface CartLine {
  sku: string;
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
  totalCents: number;
}

export async function addToCart(sku: string, quantity: number): Promise<Cart> {
  const response = await fetch('/api/cart', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sku, quantity }),
  });
  if (!response.ok) throw new Error(`Could not add ${sku} to the cart (${response.status})`);
  return (await response.json()) as Cart;
}

export async function getCart(): Promise<Cart> {
  const response = await fetch('/api/cart', { cache: 'no-store' });
  if (!response.ok) throw new Error(`Could not load the cart (${response.status})`);
  return (await response.json()) as Cart;
}
