/**
 * Ferncroft Brew Blog: site configuration. Every plugin listed here runs on every page.
 * @type {import('gatsby').GatsbyConfig}
 */
const isProduction = process.env.NODE_ENV === 'production';

module.exports = {
  siteMetadata: {
    title: 'Ferncroft Brew Blog',
    siteUrl: 'https://blog.ferncroft.example',
  },
  plugins: [
    'gatsby-plugin-image',
    {
      resolve: 'gatsby-plugin-google-gtag',
      options: {
        trackingIds: ['G-FERN2024'],
        gtagConfig: { anonymize_ip: true },
        pluginConfig: { head: true },
      },
    },
    {
      // waits for the visitor's choice: the banner sets gatsby-gdpr-facebook-pixel=true on accept
      resolve: 'gatsby-plugin-gdpr-cookies',
      options: {
        facebookPixel: { pixelId: '4839201746', cookieName: 'gatsby-gdpr-facebook-pixel' },
        environments: ['production'],
      },
    },
    {
      // Segment waits for window.analytics.load() in the consent banner
      resolve: 'gatsby-plugin-segment-js',
      options: { prodKey: 'SEGMENT_PROD_WRITE_KEY', trackPage: true, manualLoad: true },
    },
    // session recordings only in production: the environment is not the visitor's consent
    ...(isProduction ? [{ resolve: 'gatsby-plugin-hotjar', options: { id: 3810472, sv: 6 } }] : []),
  ],
};
