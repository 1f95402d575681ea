import * as React from 'react';
import { Link } from 'gatsby';

export default function IndexPage() {
  const onSubscribeClick = () => {
    window.gtag('event', 'newsletter_cta_click', { placement: 'hero' });
  };
  const onRecipeOpen = () => {
    window.fbq('track', 'ViewContent', { content_category: 'recipes' });
  };
  return (
    <main>
      <h1>Brew better coffee at home</h1>
      <p>Recipes, grinder settings and the odd opinion from the Ferncroft roastery.</p>
      <Link to="/recipes/v60" onClick={onRecipeOpen}>Our V60 recipe</Link>
      <button type="button" onClick={onSubscribeClick}>Get the Brew Letter</button>
    </main>
  );
}

export const Head = () => <title>Ferncroft Brew Blog</title>;
