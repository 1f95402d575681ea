'use client';
import Image from 'next/image';
import Link from 'next/link';
import mixpanel from 'mixpanel-browser';
import { useState } from 'react';
import { trackAddToCart, type ProductSummary } from '@/lib/analytics';
import { addToCart } from '@/lib/cart';

export interface Product extends ProductSummary {
  slug: string;
  origin: string;
  tastingNotes: string[];
  imageUrl: string;
  inStock: boolean;
}

const euro = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

export default function ProductCard({ product }: { product: Product }) {
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);

  async function handleAddToCart() {
    await addToCart(product.sku, quantity);
    setAdded(true);
    trackAddToCart(product, quantity);
    // Growth team asked for the button position in Mixpanel (ticket GROW-212).
    mixpanel.track('Add To Cart Clicked', {
      sku: product.sku,
      quantity,
      placement: 'product_grid',
    });
  }

  return (
    <article className="product-card">
      <Link href={`/products/${product.slug}`}>
        <Image src={product.imageUrl} alt={product.name} width={480} height={480} />
        <h3>{product.name}</h3>
      </Link>
      <p className="origin">{product.origin}</p>
      <ul className="notes">
        {product.tastingNotes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
      <p className="price">{euro.format(product.priceCents / 100)}</p>
      <div className="buy">
        <input
          type="number"
          min={1}
          max={10}
          value={quantity}
          aria-label="Quantity"
          onChange={(event) => setQuantity(Number(event.target.value))}
        />
        <button type="button" disabled={!product.inStock} onClick={handleAddToCart}>
          {added ? 'Added ✓' : 'Add to cart'}
        </button>
      </div>
    </article>
  );
}
