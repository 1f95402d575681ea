import ProductCard from '@/components/ProductCard';
import ProductVideo from '@/components/ProductVideo';
import RoasteryMap from '@/components/RoasteryMap';
import { featuredVideo, products } from '@/lib/products';

export default function HomePage() {
  return (
    <>
      <section className="hero">
        <h1>Roasted Tuesday. At your door Thursday.</h1>
        <p>Single-origin coffee from farms we visit, roasted in small batches in Dublin 8.</p>
      </section>

      <section id="beans" className="product-grid" aria-label="Our coffees">
        {products.map((product) => (
          <ProductCard key={product.sku} product={product} />
        ))}
      </section>

      <section className="featured-video">
        <h2>From green bean to your cup</h2>
        <ProductVideo videoId={featuredVideo.videoId} title={featuredVideo.title} />
      </section>

      <section className="brew-guide">
        <h2>Brew guide: V60 in four minutes</h2>
        <iframe
          src="https://www.youtube-nocookie.com/embed/Lr8DMx3Qm2A"
          title="V60 brew guide"
          width={560}
          height={315}
          allow="encrypted-media; picture-in-picture"
          allowFullScreen
        />
      </section>

      <RoasteryMap />
    </>
  );
}
