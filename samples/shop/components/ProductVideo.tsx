/**
 * The roasting video of a featured product. Product marketing wanted the player ready
 * on page load, so it is embedded directly.
 */
export default function ProductVideo({ videoId, title }: { videoId: string; title: string }) {
  return (
    <figure className="product-video">
      <iframe
        src={`https://www.youtube.com/embed/${videoId}?rel=0&modestbranding=1`}
        title={title}
        width={560}
        height={315}
        allow="accelerometer; clipboard-write; encrypted-media; picture-in-picture"
        allowFullScreen
      />
      <figcaption>{title}</figcaption>
    </figure>
  );
}
