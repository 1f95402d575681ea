import { ArticleTracking } from '@/components/ArticleTracking';

const articles: Record<string, { title: string; topic: string; body: string[] }> = {
  'v60-four-minutes': {
    title: 'The V60 in four minutes',
    topic: 'brew-guides',
    body: ['15 g of coffee, 250 g of water at 94 °C, a 45-second bloom.', 'Pour in slow circles; aim to finish at 3:30.'],
  },
  'konga-harvest-2024': {
    title: 'Harvest week in Konga',
    topic: 'origin',
    body: ['We spent harvest week with the Konga washing station in Yirgacheffe.'],
  },
};

export default async function ArticlePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const article = articles[slug];
  if (!article) return <p>Not found.</p>;
  return (
    <article>
      <h1>{article.title}</h1>
      {article.body.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <ArticleTracking slug={slug} topic={article.topic} />
    </article>
  );
}
