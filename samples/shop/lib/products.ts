/** The current range. In production this comes from the CMS at build time. */
import type { Product } from '@/components/ProductCard';

export const products: Product[] = [
  {
    sku: 'FC-ETH-250',
    slug: 'yirgacheffe-konga',
    name: 'Yirgacheffe Konga',
    category: 'beans',
    origin: 'Ethiopia · washed',
    tastingNotes: ['jasmine', 'bergamot', 'peach'],
    priceCents: 1450,
    imageUrl: '/images/yirgacheffe.jpg',
    inStock: true,
  },
  {
    sku: 'FC-COL-250',
    slug: 'huila-el-mirador',
    name: 'Huila El Mirador',
    category: 'beans',
    origin: 'Colombia · natural',
    tastingNotes: ['red berries', 'cacao nib'],
    priceCents: 1290,
    imageUrl: '/images/huila.jpg',
    inStock: true,
  },
  {
    sku: 'FC-V60-02',
    slug: 'v60-dripper',
    name: 'V60 Dripper, size 02',
    category: 'equipment',
    origin: 'Hario · ceramic',
    tastingNotes: [],
    priceCents: 2400,
    imageUrl: '/images/v60.jpg',
    inStock: false,
  },
];

export const featuredVideo = { videoId: 'Xq3bV5p2JkE', title: 'How we roast Yirgacheffe Konga' };
